import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock } from '../core/clock.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Database = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /** File path, or ':memory:' for throwaway databases in unit tests. */
  file: string;
  migrations?: readonly Migration[];
}

/**
 * Opens the SQLite file with WAL and foreign keys on, and brings its schema up to date.
 * WAL keeps readers from blocking the writer; NORMAL sync is durable across process crashes
 * (only a power loss can lose the last transactions; the audit trail will ask for FULL).
 */
export function openDatabase({ file, migrations = MIGRATIONS }: OpenDatabaseOptions): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/**
 * A second connection to the same file for the audit trail and consents: synchronous=FULL, so a
 * row that was written survives a power cut. The main connection has migrated the schema.
 */
export function openDurableConnection(file: string): Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((row) => row.version),
  );
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  checkNumbering(ordered);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const newlyApplied: number[] = [];
  for (const migration of ordered) {
    if (applied.has(migration.version)) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: switch it around the transaction.
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (migration.rebuildsTables) checkForeignKeys(db, migration);
        record.run(migration.version, migration.name, systemClock.now().toISOString());
      })();
    } finally {
      if (migration.rebuildsTables && foreignKeys) db.pragma('foreign_keys = ON');
    }
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}

/** A rebuilt table must leave every reference intact; otherwise the migration rolls back. */
function checkForeignKeys(db: Database, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) {
    throw new Error(`Migration ${migration.version} broke ${broken.length} foreign key reference(s)`);
  }
}

function checkNumbering(ordered: readonly Migration[]): void {
  ordered.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3…; found ${migration.version} at position ${index + 1}`,
      );
    }
  });
}

export function schemaVersion(db: Database): number {
  const row = db
    .prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')
    .get();
  return row?.version ?? 0;
}

/** Cheap liveness check for /readyz. */
export function databaseAnswers(db: Database): boolean {
  try {
    return db.prepare<[], { ok: number }>('SELECT 1 AS ok').get()?.ok === 1;
  } catch {
    return false;
  }
}
