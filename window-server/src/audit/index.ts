export { AuditLog, GENESIS_HASH, rowHash, verifyTenants, type AuditRecord } from './AuditLog.js';
