export { StaffAuth, type AuthenticatedStaff, type StaffAuthOptions, type StaffEvents } from './StaffAuth.js';
export { StaffStore } from './StaffStore.js';
export { hashPassword, verifyPassword } from './passwords.js';
