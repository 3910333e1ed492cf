export {
  Database,
  DatabaseStartError,
  LOCKS,
  OutsideTransactionError,
  type DatabaseOptions,
  type Engine,
  type Executor,
  type Tx,
} from './Database.js';
export {
  asRequestError,
  isDatabaseUnavailable,
  redactUrl,
  violatesUnique,
  type UniqueIndex,
} from './errors.js';
export { copyDatabase, rowCounts, TargetNotEmptyError, type CopyReport } from './copy.js';
export {
  appliedMigrations,
  DEFAULT_LEGACY_TENANT_ID,
  migrateToLatest,
  migrationName,
  type MigrateOptions,
} from './migrate.js';
export {
  LEGACY_SQLITE_MIGRATIONS,
  MIGRATIONS,
  migrationSql,
  type Migration,
  type MigrationContext,
} from './migrations.js';
export { TenantDb, TenantTx, type TenantExecutor, type TenantTable, type TenantValues } from './TenantDb.js';
export { flag, TABLES_IN_ORDER, type Schema } from './schema.js';
export {
  checkForeignKeys as checkSqliteForeignKeys,
  migrateSqliteFile,
  openSqliteFile,
  sqliteSchemaVersion,
  type SqliteFile,
  type SqliteMigration,
} from './sqliteFile.js';
