import type { Clock } from '../../core/clock.js';
import { openSqliteFile, type SqliteFile, type SqliteMigration } from '../../db/index.js';

/** Added to every partner's first migration: when the demo data went in. */
export const SEED_TABLE = `CREATE TABLE sandbox_seed (seeded_at TEXT NOT NULL) STRICT;`;

/**
 * Each sandbox partner keeps its own SQLite file, as a separate system would: nothing is shared
 * with window-server's database or with the other partners.
 */
export function openPartnerDatabase(file: string, migrations: readonly SqliteMigration[]): SqliteFile {
  return openSqliteFile({ file, migrations });
}

/** Puts the demo data in once, on the first start; later starts keep what happened since. */
export function seedOnce(db: SqliteFile, clock: Clock, seed: () => void): void {
  db.transaction(() => {
    const done = db.prepare('SELECT 1 FROM sandbox_seed').get();
    if (done) return;
    seed();
    db.prepare('INSERT INTO sandbox_seed (seeded_at) VALUES (?)').run(clock.now().toISOString());
  }).immediate();
}
