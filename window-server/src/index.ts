export { WindowServer, type WindowServerOptions } from './main.js';
export { loadConfig, ConfigError, configSchema, type Config } from './config/index.js';
export { createLogger, type Logger } from './core/logger.js';
export type { Clock } from './core/clock.js';
export { DEMO_PASSWORD, DEMO_STAFF } from './sandbox/index.js';
export { openDatabase, migrate, MIGRATIONS } from './db/index.js';
export { MEDIA_CODECS, type MediaWorker } from './media/index.js';
