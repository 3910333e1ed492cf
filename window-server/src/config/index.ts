export { configSchema, ENV_VARS, type Config, type ConfigInput } from './schema.js';
export { ConfigError, loadConfig, demoDataEnabled, identityProvider } from './load.js';
