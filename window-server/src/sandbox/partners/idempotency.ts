import type { Response } from 'express';
import { createHash } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { SqliteFile } from '../../db/index.js';
import { PartnerFailure, sendJson } from './http.js';

/** Added to every partner's first migration. */
export const IDEMPOTENCY_TABLE = `
  CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;`;

export interface Answer {
  status: number;
  body: unknown;
}

interface StoredAnswer extends Answer {
  replayed: boolean;
}

/** JSON with sorted keys, so the same body always gives the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a key is bound to: the operation and its body. */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(body)}`)
    .digest('base64url');
}

/**
 * `Idempotency-Key` records, kept in the same SQLite file as the data they guard and written in
 * the same transaction as the write, so a retry after a crash or a lost answer can never apply a
 * write twice. Only successful answers are kept: a refused write (409 INSUFFICIENT_FUNDS, say)
 * wrote nothing, and the same key may be tried again once the reason is gone.
 */
export class IdempotencyRecords {
  constructor(
    private readonly db: SqliteFile,
    private readonly clock: Clock,
  ) {}

  /** The stored answer for this key, if any; a key reused for another request is a 409. */
  lookup(key: string | undefined, fingerprint: string): StoredAnswer | undefined {
    if (key === undefined) return undefined;
    const row = this.db
      .prepare<[string], { fingerprint: string; status: number; body: string }>(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE key = ?',
      )
      .get(key);
    if (!row) return undefined;
    if (row.fingerprint !== fingerprint) {
      throw new PartnerFailure(
        409,
        'CONFLICT',
        'this Idempotency-Key was already used for a different request',
      );
    }
    return { status: row.status, body: JSON.parse(row.body) as unknown, replayed: true };
  }

  /**
   * Runs `write` at most once per key, in an IMMEDIATE transaction (the write lock is taken
   * first, so concurrent duplicates queue instead of both passing the lookup). Without a key the
   * write simply runs in a transaction.
   */
  run(key: string | undefined, fingerprint: string, write: () => Answer): StoredAnswer {
    return this.db
      .transaction((): StoredAnswer => {
        const earlier = this.lookup(key, fingerprint);
        if (earlier) return earlier;
        const answer = write();
        if (key !== undefined) {
          this.db
            .prepare(
              'INSERT INTO idempotency_keys (key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?)',
            )
            .run(
              key,
              fingerprint,
              answer.status,
              JSON.stringify(answer.body),
              this.clock.now().toISOString(),
            );
        }
        return { ...answer, replayed: false };
      })
      .immediate();
  }
}

export function sendAnswer(res: Response, answer: StoredAnswer): void {
  if (answer.replayed) res.set('idempotent-replayed', 'true');
  sendJson(res, answer.status, answer.body);
}
