export {
  BUILT_SERVICES,
  DEFAULT_TENANTS_DIR,
  loadTenant,
  loadTenants,
  readTenantFile,
  resolveTenant,
  type Tenant,
  type TenantIdentityProvider,
  type TenantPartners,
  type TenantSource,
} from './TenantDirectory.js';
export { OpeningCalendar, publicHolidayName } from './OpeningCalendar.js';
export { secretRefSchema, tenantFileSchema, type SecretRef, type TenantFile } from './schema.js';
export { cityConfigView, logoPathOf } from './cityConfigView.js';
