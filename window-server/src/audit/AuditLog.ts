import type { AuditEntry, AuditVerification } from '@madoguchi/shared';
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Schema, TenantDb, TenantTx } from '../db/index.js';

/** A row as the database holds it (db/schema.ts): the hash covers these exact values. */
type AuditRow = Schema['audit_log'];

export interface AuditRecord {
  /** `staff:<id>`, `device:<id>`, `citizen:<id>` or `system`. */
  actor: string;
  action: string;
  /** Whose data (a citizen id). */
  subject?: string | null;
  /** Why: the consultation the officer was in. */
  consultationId?: string | null;
  /** Ids and outcomes only: never names or other personal data. */
  details?: Record<string, unknown>;
}

/** The first row's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);
/** The hash form rows are written in now (see `rowHash`). */
const CURRENT_FORMAT = 2 as const;

/**
 * The hash of a row: everything it says, and the hash of the row before. Format 2 covers the
 * tenant (and the format itself), so a row moved to another tenant's chain no longer holds;
 * format 1 is how rows were hashed before tenants, kept so those rows still verify.
 */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  const said = [
    row.seq,
    row.at,
    row.actor,
    row.action,
    row.subject,
    row.consultation_id,
    row.details,
    row.prev_hash,
  ];
  const canonical = JSON.stringify(row.format === 1 ? said : [row.format, row.tenant_id, ...said]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Rows read at a time while the chain is walked. */
const VERIFY_PAGE = 1_000;

/**
 * A tenant's audit trail: append-only (triggers refuse UPDATE and DELETE), each row chained to
 * the one before in the same tenant by its hash, committed durably (a row that was written
 * survives a power cut). Appends are serialised by the tenant's lock every node takes, so two
 * never read the same last row. A hand-altered row, or one moved between tenants, breaks the
 * chain at that row.
 */
export class AuditLog {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  get tenantId(): string {
    return this.db.tenantId;
  }

  /**
   * Appends one row inside `tx`, to commit it with the change it records (open `tx` with
   * `{ durable: true }`). Takes the tenant's audit lock: its other appends wait for `tx` to end.
   */
  async append(tx: TenantTx, record: AuditRecord): Promise<AuditEntry> {
    await this.db.lock(tx, 'audit');
    const last = await tx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = {
      tenant_id: this.db.tenantId,
      seq: Number(last?.seq ?? 0) + 1,
      format: CURRENT_FORMAT,
      at: this.clock.now().toISOString(),
      actor: record.actor,
      action: record.action,
      subject: record.subject ?? null,
      consultation_id: record.consultationId ?? null,
      details: JSON.stringify(record.details ?? {}),
      prev_hash: last?.hash ?? GENESIS_HASH,
    } satisfies Omit<AuditRow, 'hash'>;
    const hash = rowHash(row);
    const { tenant_id: _tenant, ...values } = row;
    await tx.insert('audit_log', { ...values, hash }).execute();
    return toEntry({ ...row, hash });
  }

  /** Appends in its own durable transaction (no other change to commit with it). */
  record(record: AuditRecord): Promise<AuditEntry> {
    return this.db.transaction((tx) => this.append(tx, record), { durable: true });
  }

  async latest(limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => toEntry(normalise(row)));
  }

  /**
   * Walks the tenant's whole chain, a page at a time; names the first row that does not hold.
   * Rows of the format before tenants may only come first: one after a newer row is broken.
   */
  async verify(): Promise<AuditVerification> {
    let previous = GENESIS_HASH;
    let expectedSeq = 1;
    let format = 1;
    let rows = 0;
    for (;;) {
      const page = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(VERIFY_PAGE)
        .execute();
      for (const found of page) {
        const row = normalise(found);
        rows += 1;
        if (row.seq !== expectedSeq)
          return { ok: false, rows, firstBroken: { seq: expectedSeq, reason: 'sequence' } };
        if (row.prev_hash !== previous)
          return { ok: false, rows, firstBroken: { seq: row.seq, reason: 'link' } };
        if (row.format < format || rowHash(row) !== row.hash)
          return { ok: false, rows, firstBroken: { seq: row.seq, reason: 'hash' } };
        previous = row.hash;
        format = row.format;
        expectedSeq += 1;
      }
      if (page.length < VERIFY_PAGE) return { ok: true, rows, firstBroken: null };
    }
  }
}

/** Each tenant's chain verified (for `audit:verify` and `db:copy`), in the order given. */
export async function verifyTenants(
  tenants: readonly TenantDb[],
  clock: Clock,
): Promise<{ tenantId: string; verification: AuditVerification }[]> {
  const results = [];
  for (const tenant of tenants)
    results.push({ tenantId: tenant.tenantId, verification: await new AuditLog(tenant, clock).verify() });
  return results;
}

/** PostgreSQL's bigint seq as a number, as SQLite gives it. */
function normalise(row: AuditRow): AuditRow {
  return { ...row, seq: Number(row.seq), format: Number(row.format) as AuditRow['format'] };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    consultationId: row.consultation_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
