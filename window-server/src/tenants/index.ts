export {
  BUILT_SERVICES,
  DEFAULT_TENANT_FILE,
  loadTenant,
  tenantFrom,
  type Tenant,
} from './TenantDirectory.js';
export { OpeningCalendar, publicHolidayName } from './OpeningCalendar.js';
export { tenantFileSchema, type TenantFile } from './schema.js';
