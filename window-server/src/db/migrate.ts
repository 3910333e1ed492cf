import { Migrator, sql, type Migration as KyselyMigration, type MigrationProvider } from 'kysely';
import type { Database, Executor } from './Database.js';
import { MIGRATIONS, migrationSql, type Migration, type MigrationContext } from './migrations.js';

/** Kysely's name for migration `version`: sorted by name, so zero-padded. */
export const migrationName = (migration: Pick<Migration, 'version' | 'name'>): string =>
  `${String(migration.version).padStart(4, '0')}-${migration.name.split(':')[0]?.replace(/[^a-z0-9]+/gi, '-')}`;

/** Release 0.1 recorded its migrations here; the first start of this release moves them to Kysely's table. */
const LEGACY_TABLE = 'schema_migrations';

/** The bundled city of the single-tenant releases: whose rows those were, unless told otherwise. */
export const DEFAULT_LEGACY_TENANT_ID = 'omura';
/** A tenant id as tenant files spell it (tenants/schema.ts); it goes into SQL as a literal. */
const TENANT_ID = /^[a-z][a-z0-9-]{1,31}$/;

export interface MigrateOptions {
  /**
   * The tenant the previous, single-tenant release served: rows written before tenants (the
   * audit trail, rows without a parent to tell) become its rows. Default `omura`.
   */
  legacyTenantId?: string;
  /** The history to apply (tests give a broken one); default this release's. */
  migrations?: readonly Migration[];
}

/**
 * Brings the schema up to date: each pending migration once, in order. On PostgreSQL the
 * migrator holds an advisory lock, so nodes starting together run them once; each run is one
 * transaction. On SQLite (one connection) the whole run is one immediate transaction, with
 * foreign keys checked before it commits when a migration rebuilds a table. Returns the names applied.
 */
export async function migrateToLatest(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  const { legacyTenantId = DEFAULT_LEGACY_TENANT_ID, migrations = MIGRATIONS } = options;
  if (!TENANT_ID.test(legacyTenantId))
    throw new Error(`The legacy tenant id must look like a tenant id (${String(TENANT_ID)})`);
  checkNumbering(migrations);
  const context: MigrationContext = { legacyTenant: `'${legacyTenantId}'` };
  const migrator = new Migrator({ db: db.kysely, provider: provider(db, migrations, context) });
  if (db.engine === 'postgres') return applied(await migrator.migrateToLatest());

  // Creates Kysely's own tables (and reads what ran) before the transaction.
  const before = await migrator.getMigrations();
  const pending = migrations.filter((m) => !before.find((b) => b.name === migrationName(m))?.executedAt);
  const rebuilds = pending.some((m) => m.rebuildsTables);
  // PRAGMA foreign_keys is a no-op inside a transaction: switch it around the transaction.
  if (rebuilds) await sql`PRAGMA foreign_keys = OFF`.execute(db.kysely);
  try {
    await db.runScript('BEGIN IMMEDIATE');
    try {
      await adoptLegacyHistory(db.kysely, migrations);
      const names = applied(await migrator.migrateToLatest());
      if (rebuilds) await checkForeignKeys(db.kysely);
      await db.runScript('COMMIT');
      return names;
    } catch (error) {
      await db.runScript('ROLLBACK');
      throw error;
    }
  } finally {
    if (rebuilds) await sql`PRAGMA foreign_keys = ON`.execute(db.kysely);
  }
}

function provider(
  db: Database,
  migrations: readonly Migration[],
  context: MigrationContext,
): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          migrations.map((migration): [string, KyselyMigration] => [
            migrationName(migration),
            {
              up: (executor) => db.runScript(migrationSql(migration, db.engine, context), executor),
            },
          ]),
        ),
      ),
  };
}

function applied(result: Awaited<ReturnType<Migrator['migrateToLatest']>>): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed} failed: ${cause}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Release 0.1's `schema_migrations` rows become Kysely's (same versions, same times); then it goes. */
async function adoptLegacyHistory(kysely: Executor, migrations: readonly Migration[]): Promise<void> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master
    WHERE type = 'table' AND name = ${LEGACY_TABLE}`.execute(kysely);
  if (Number(rows[0]?.n) === 0) return;
  // Kysely's own table, as its migrator makes it.
  await sql`CREATE TABLE IF NOT EXISTS kysely_migration (name varchar(255) NOT NULL PRIMARY KEY,
    timestamp varchar(255) NOT NULL)`.execute(kysely);
  const legacy = await sql<{ version: number; applied_at: string }>`SELECT version, applied_at
    FROM ${sql.table(LEGACY_TABLE)} ORDER BY version`.execute(kysely);
  for (const row of legacy.rows) {
    const migration = migrations.find((m) => m.version === row.version);
    if (!migration)
      throw new Error(`The database has migration ${row.version}, which this release does not know`);
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${migrationName(migration)}, ${row.applied_at})
      ON CONFLICT (name) DO NOTHING`.execute(kysely);
  }
  await sql`DROP TABLE ${sql.table(LEGACY_TABLE)}`.execute(kysely);
}

async function checkForeignKeys(kysely: Executor): Promise<void> {
  const { rows } = await sql`PRAGMA foreign_key_check`.execute(kysely);
  if (rows.length > 0) throw new Error(`The migration broke ${rows.length} foreign key reference(s)`);
}

function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3…; found ${migration.version} at position ${index + 1}`,
      );
    }
  });
}

/** The applied migrations' names, oldest first. */
export async function appliedMigrations(db: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
    db.kysely,
  );
  return rows.map((row) => row.name);
}
