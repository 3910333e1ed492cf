export * from './errors.js';
export * from './keys.js';
export * from './settings.js';
export * from './tenant.js';
export * from './device.js';
export * from './staff.js';
export * from './validation.js';
export * from './i18n/index.js';
