import { randomInt } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import { newId } from '../../../core/secrets.js';
import type { Database } from '../../../db/index.js';
import type { Balance, Coupon, Transaction } from '../../../partnerContracts/index.js';
import { notFound, PartnerFailure } from '../http.js';
import { jstIso } from '../time.js';

export const LEDGER_TABLES = `
  CREATE TABLE accounts (
    subject TEXT PRIMARY KEY,
    opened_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL REFERENCES accounts (subject),
    at TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount <> 0),
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    balance_after INTEGER NOT NULL CHECK (balance_after >= 0)
  ) STRICT;
  CREATE INDEX transactions_by_subject ON transactions (subject, seq);
  CREATE TABLE coupons (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL REFERENCES accounts (subject),
    title TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value > 0),
    expires_at TEXT NOT NULL,
    used_at TEXT
  ) STRICT;
  CREATE TABLE pay_codes (
    code TEXT PRIMARY KEY,
    subject TEXT NOT NULL REFERENCES accounts (subject),
    expires_at TEXT NOT NULL
  ) STRICT;`;

/** How long a shop has to scan a pay code. */
const PAY_CODE_MINUTES = 5;

interface TransactionRow {
  id: string;
  at: string;
  amount: number;
  kind: Transaction['kind'];
  description: string;
  balance_after: number;
}

interface CouponRow {
  id: string;
  title: string;
  value: number;
  expires_at: string;
  used_at: string | null;
}

const transactionOf = (row: TransactionRow): Transaction => ({
  id: row.id,
  at: jstIso(new Date(row.at)),
  amount: row.amount,
  kind: row.kind,
  description: row.description,
  balanceAfter: row.balance_after,
});

/**
 * The ゆでぴ ledger. The balance is the sum of an account's transactions and never goes below
 * zero: a posting that would is refused (409 INSUFFICIENT_FUNDS) before anything is written,
 * and the CHECK on balance_after is the last guard. Callers post inside an IMMEDIATE
 * transaction (IdempotencyRecords.run), so the balance read and the new row cannot interleave.
 */
export class Ledger {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  openAccount(subject: string, at: Date): void {
    this.db
      .prepare('INSERT OR IGNORE INTO accounts (subject, opened_at) VALUES (?, ?)')
      .run(subject, at.toISOString());
  }

  /** 404 when the citizen has no ゆでぴ account. */
  requireAccount(subject: string): void {
    const found = this.db.prepare('SELECT 1 FROM accounts WHERE subject = ?').get(subject);
    if (!found) throw notFound('account');
  }

  balance(subject: string): Balance {
    this.requireAccount(subject);
    const row = this.db
      .prepare<[string], { balance: number; last: string | null; opened_at: string }>(
        `SELECT COALESCE(SUM(t.amount), 0) AS balance, MAX(t.at) AS last, a.opened_at
         FROM accounts a LEFT JOIN transactions t ON t.subject = a.subject WHERE a.subject = ?`,
      )
      .get(subject);
    if (!row) throw notFound('account');
    return { subject, balance: row.balance, updatedAt: jstIso(new Date(row.last ?? row.opened_at)) };
  }

  /** Newest first. */
  transactions(subject: string, limit: number): Transaction[] {
    this.requireAccount(subject);
    return this.db
      .prepare<[string, number], TransactionRow>(
        `SELECT id, at, amount, kind, description, balance_after FROM transactions
         WHERE subject = ? ORDER BY seq DESC LIMIT ?`,
      )
      .all(subject, limit)
      .map(transactionOf);
  }

  /** Unused ones first (soonest to expire first), then the used ones. */
  coupons(subject: string): Coupon[] {
    this.requireAccount(subject);
    return this.db
      .prepare<[string], CouponRow>(
        `SELECT id, title, value, expires_at, used_at FROM coupons WHERE subject = ?
         ORDER BY used_at IS NOT NULL, expires_at, id`,
      )
      .all(subject)
      .map((row) => ({
        id: row.id,
        title: row.title,
        value: row.value,
        expiresAt: jstIso(new Date(row.expires_at)),
        usedAt: row.used_at === null ? null : jstIso(new Date(row.used_at)),
      }));
  }

  /** Positive amounts come in, negative go out; refused if the balance would drop below zero. */
  post(
    subject: string,
    amount: number,
    kind: Transaction['kind'],
    description: string,
    at: Date = this.clock.now(),
  ): Transaction {
    const before = this.balance(subject).balance;
    const after = before + amount;
    if (after < 0) {
      throw new PartnerFailure(
        409,
        'INSUFFICIENT_FUNDS',
        `the balance (${before}) does not cover a payment of ${-amount}`,
      );
    }
    const row: TransactionRow = {
      id: newId('txn'),
      at: at.toISOString(),
      amount,
      kind,
      description,
      balance_after: after,
    };
    this.db
      .prepare(
        `INSERT INTO transactions (id, subject, at, amount, kind, description, balance_after)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, subject, row.at, row.amount, row.kind, row.description, row.balance_after);
    return transactionOf(row);
  }

  addCoupon(
    subject: string,
    coupon: { id: string; title: string; value: number; expiresAt: Date; usedAt: Date | null },
  ): void {
    this.db
      .prepare(
        'INSERT INTO coupons (id, subject, title, value, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        coupon.id,
        subject,
        coupon.title,
        coupon.value,
        coupon.expiresAt.toISOString(),
        coupon.usedAt?.toISOString() ?? null,
      );
  }

  /** A 12-digit code a shop scans; short-lived, like the QR codes of smartphone payment apps. */
  issuePayCode(subject: string): { code: string; expiresAt: string } {
    this.requireAccount(subject);
    const now = this.clock.now();
    this.db.prepare('DELETE FROM pay_codes WHERE expires_at <= ?').run(now.toISOString());
    const expiresAt = new Date(now.getTime() + PAY_CODE_MINUTES * 60_000);
    for (;;) {
      const code = String(randomInt(0, 1e12)).padStart(12, '0');
      const taken = this.db.prepare('SELECT 1 FROM pay_codes WHERE code = ?').get(code);
      if (taken) continue;
      this.db
        .prepare('INSERT INTO pay_codes (code, subject, expires_at) VALUES (?, ?, ?)')
        .run(code, subject, expiresAt.toISOString());
      return { code, expiresAt: jstIso(expiresAt) };
    }
  }
}
