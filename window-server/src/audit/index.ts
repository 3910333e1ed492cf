export { AuditLog, GENESIS_HASH, rowHash, type AuditRecord } from './AuditLog.js';
