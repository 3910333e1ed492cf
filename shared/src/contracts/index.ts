export * from './contract.js';
export * from './media.js';
export * from './device.js';
export * from './staff.js';
