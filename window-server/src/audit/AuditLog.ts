import type { AuditEntry, AuditVerification } from '@madoguchi/shared';
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Database } from '../db/index.js';

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  consultation_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

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

/** The hash of a row: everything it says, and the hash of the row before. */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor,
    row.action,
    row.subject,
    row.consultation_id,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE), each row chained to the one
 * before by its hash, written on a connection with synchronous=FULL so a row that was written
 * survives a power cut. A hand-altered row breaks the chain at that row.
 */
export class AuditLog {
  constructor(
    /** A connection with synchronous=FULL; consents share it, so their change and its row commit together. */
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Appends one row; call inside `db.transaction` to commit it with the change it records. */
  append(record: AuditRecord): AuditEntry {
    const last = this.db
      .prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get();
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: this.clock.now().toISOString(),
      actor: record.actor,
      action: record.action,
      subject: record.subject ?? null,
      consultation_id: record.consultationId ?? null,
      details: JSON.stringify(record.details ?? {}),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const hash = rowHash(row);
    this.db
      .prepare(
        `INSERT INTO audit_log (seq, at, actor, action, subject, consultation_id, details, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @subject, @consultation_id, @details, @prev_hash, @hash)`,
      )
      .run({ ...row, hash });
    return toEntry({ ...row, hash });
  }

  /** Appends in its own immediate transaction (no other change to commit with it). */
  record(record: AuditRecord): AuditEntry {
    return this.db.transaction(() => this.append(record)).immediate();
  }

  latest(limit: number): AuditEntry[] {
    return this.db
      .prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?')
      .all(limit)
      .map(toEntry);
  }

  /** Walks the whole chain; names the first row that does not hold. */
  verify(): AuditVerification {
    let previous = GENESIS_HASH;
    let expectedSeq = 1;
    let rows = 0;
    for (const row of this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
      rows += 1;
      if (row.seq !== expectedSeq)
        return { ok: false, rows, firstBroken: { seq: expectedSeq, reason: 'sequence' } };
      if (row.prev_hash !== previous)
        return { ok: false, rows, firstBroken: { seq: row.seq, reason: 'link' } };
      if (rowHash(row) !== row.hash)
        return { ok: false, rows, firstBroken: { seq: row.seq, reason: 'hash' } };
      previous = row.hash;
      expectedSeq += 1;
    }
    return { ok: true, rows, firstBroken: null };
  }
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
