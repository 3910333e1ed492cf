export * as portal from './portal.js';
export * as currency from './currency.js';
export * as mutualAid from './mutualAid.js';
export * as childcare from './childcare.js';
export { partnerErrorSchema, type PartnerError } from './common.js';
