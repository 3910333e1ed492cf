import { sql } from 'kysely';
import type { Database, Executor } from './Database.js';
import { TABLES_IN_ORDER, type Schema } from './schema.js';

/** Rows copied per statement: small enough for SQLite's variable limit on the widest table. */
const BATCH = 200;

/** Each table's key: pages of a copy are taken in this order, so none is read twice or skipped. */
const KEYS: Record<keyof Schema, readonly string[]> = {
  devices: ['id'],
  staff_accounts: ['id'],
  staff_sessions: ['id_hash'],
  queue_entries: ['seq'],
  consultations: ['id'],
  survey_answers: ['consultation_id'],
  citizens: ['id'],
  device_citizens: ['device_id', 'citizen_id'],
  device_authorizations: ['id'],
  consents: ['citizen_id', 'purpose'],
  audit_log: ['tenant_id', 'seq'],
  notice_reads: ['device_id', 'notice_id'],
  device_health: ['device_id'],
  device_configs: ['device_id'],
};

export interface CopyReport {
  tables: { table: keyof Schema; source: number; target: number }[];
}

/** The target is not empty: copying would mix two cities' histories. Nothing was written. */
export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError';
}

/** Rows of every table; both engines count the same way. */
export async function rowCounts(db: Database): Promise<Map<keyof Schema, number>> {
  const counts = new Map<keyof Schema, number>();
  for (const table of TABLES_IN_ORDER) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
      db.kysely,
    );
    counts.set(table, Number(rows[0]?.n ?? 0));
  }
  return counts;
}

/**
 * Copies every table of `source` into `target` (both migrated to the same schema), parents
 * first, in one transaction on the target: all of it, or nothing. Refuses a target that holds
 * any row. Values are converted where the engines differ (yes/no as 0/1 for SQLite); the
 * PostgreSQL queue's identity continues after the copied rows.
 */
export async function copyDatabase(source: Database, target: Database): Promise<CopyReport> {
  const before = await rowCounts(target);
  const occupied = [...before].filter(([, n]) => n > 0).map(([table]) => table);
  if (occupied.length > 0)
    throw new TargetNotEmptyError(`The target already has rows in: ${occupied.join(', ')}`);

  // The source is read in one snapshot, so a city still writing cannot leave half a call behind.
  await source.transaction(
    (snapshot) =>
      target.transaction(
        async (tx) => {
          // Two copies at once into one PostgreSQL database would interleave: one at a time.
          await target.lock(tx, 'copy');
          for (const table of TABLES_IN_ORDER) await copyTable(snapshot, tx, table, target.engine);
          if (target.engine === 'postgres') {
            await sql`SELECT setval(pg_get_serial_sequence('queue_entries', 'seq'),
              COALESCE((SELECT max(seq) FROM queue_entries), 0) + 1, false)`.execute(tx);
          }
        },
        { durable: true },
      ),
    { snapshot: true },
  );

  const [sourceCounts, targetCounts] = [await rowCounts(source), await rowCounts(target)];
  return {
    tables: TABLES_IN_ORDER.map((table) => ({
      table,
      source: sourceCounts.get(table) ?? 0,
      target: targetCounts.get(table) ?? 0,
    })),
  };
}

async function copyTable(
  from: Executor,
  into: Executor,
  table: keyof Schema,
  engine: Database['engine'],
): Promise<void> {
  for (let offset = 0; ; offset += BATCH) {
    let query = from.selectFrom(table).selectAll();
    for (const column of KEYS[table]) query = query.orderBy(sql.ref(column));
    query = query.limit(BATCH).offset(offset);
    const rows = (await query.execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    await sql`INSERT INTO ${sql.table(table)} ${insertValues(rows.map((row) => forEngine(row, engine)))}`.execute(
      into,
    );
    if (rows.length < BATCH) return;
  }
}

/** better-sqlite3 binds no booleans: PostgreSQL's true/false become 1/0 on the way to SQLite. */
function forEngine(row: Record<string, unknown>, engine: Database['engine']): Record<string, unknown> {
  if (engine !== 'sqlite') return row;
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      typeof value === 'boolean' ? (value ? 1 : 0) : value,
    ]),
  );
}

/** `(a, b) VALUES (…), (…)` for rows that share their columns (rows of one table do). */
function insertValues(rows: Record<string, unknown>[]) {
  const columns = Object.keys(rows[0] ?? {});
  const tuples = rows.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`);
  return sql`(${sql.join(columns.map((column) => sql.ref(column)))}) VALUES ${sql.join(tuples)}`;
}
