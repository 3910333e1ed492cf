export { WindowServer, type WindowServerOptions } from './main.js';
export { loadConfig, ConfigError, configSchema, type Config } from './config/index.js';
export { createLogger, type Logger } from './core/logger.js';
export { AuditLog } from './audit/index.js';
export type { Clock } from './core/clock.js';
export { DEMO_PASSWORD, DEMO_STAFF } from './sandbox/index.js';
export { DEFAULT_TENANTS_DIR, loadTenants, type Tenant } from './tenants/index.js';
export type { City } from './main.js';
export {
  Database,
  migrateToLatest,
  MIGRATIONS,
  LEGACY_SQLITE_MIGRATIONS,
  openSqliteFile,
  migrateSqliteFile,
  TABLES_IN_ORDER,
  type Engine,
} from './db/index.js';
export { MEDIA_CODECS, type MediaWorker } from './media/index.js';
