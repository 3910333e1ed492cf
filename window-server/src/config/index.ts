export { configSchema, ENV_VARS, type Config, type ConfigInput } from './schema.js';
export { ConfigError, databaseFile, loadConfig, demoDataEnabled, identityProvider } from './load.js';
