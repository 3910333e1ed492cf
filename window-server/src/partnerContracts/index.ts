export * as portal from './portal.js';
export * as currency from './currency.js';
export * as mutualAid from './mutualAid.js';
export * as childcare from './childcare.js';
// Flat too: the sandbox partners implement these contracts and name their schemas directly.
export * from './portal.js';
export * from './currency.js';
export * from './mutualAid.js';
export * from './childcare.js';
export * from './common.js';
