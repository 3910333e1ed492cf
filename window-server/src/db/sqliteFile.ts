import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock } from '../core/clock.js';

/**
 * A plain SQLite file used synchronously, with its own numbered migrations: the sandbox
 * partners' databases (each its own file, as a separate system would have), and window-server's
 * own database as release 0.1 made it (see `legacy.ts`).
 */
export type SqliteFile = BetterSqlite3.Database;

/** A numbered migration of a plain SQLite file. */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table others refer to (SQLite's "12-step" ALTER TABLE): foreign keys are off
   * while it runs, and checked before it commits.
   */
  rebuildsTables?: boolean;
}

export interface OpenSqliteFileOptions {
  /** File path, or ':memory:' for throwaway databases in unit tests. */
  file: string;
  migrations: readonly SqliteMigration[];
}

/**
 * Opens the file with WAL and foreign keys on, and brings its schema up to date. WAL keeps
 * readers from blocking the writer; NORMAL sync is durable across process crashes.
 */
export function openSqliteFile({ file, migrations }: OpenSqliteFileOptions): SqliteFile {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateSqliteFile(db, migrations);
  return db;
}

/** Applies the migrations not applied yet, each once and in its own transaction (`schema_migrations`). */
export function migrateSqliteFile(db: SqliteFile, migrations: readonly SqliteMigration[]): number[] {
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
        if (migration.rebuildsTables) checkForeignKeys(db, migration.version);
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
export function checkForeignKeys(db: SqliteFile, version: number | string): void {
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) {
    throw new Error(`Migration ${version} broke ${broken.length} foreign key reference(s)`);
  }
}

function checkNumbering(ordered: readonly { version: number }[]): void {
  ordered.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3…; found ${migration.version} at position ${index + 1}`,
      );
    }
  });
}

export function sqliteSchemaVersion(db: SqliteFile): number {
  const row = db
    .prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')
    .get();
  return row?.version ?? 0;
}
