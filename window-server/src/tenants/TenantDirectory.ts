import { SERVICE_IDS, type ServiceId, type TenantPublic } from '@madoguchi/shared';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/index.js';
import { OpeningCalendar } from './OpeningCalendar.js';
import { tenantFileSchema, type TenantFile } from './schema.js';

/**
 * Services that exist in this build. A tenant may list more (it plans ahead); Home shows only
 * these. Every service id in shared is built now; a new id added there before its screens exist
 * is to be left out here until they do.
 */
export const BUILT_SERVICES: ReadonlySet<ServiceId> = new Set<ServiceId>(SERVICE_IDS);

export const DEFAULT_TENANT_FILE = fileURLToPath(new URL('../../tenants/omura.json', import.meta.url));

export interface Tenant {
  readonly file: TenantFile;
  readonly calendar: OpeningCalendar;
  /** What a TV is told about its city. */
  readonly public: TenantPublic;
}

export function loadTenant(path: string = DEFAULT_TENANT_FILE): Tenant {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the tenant file ${path}: ${(error as Error).message}`);
  }
  const result = tenantFileSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid tenant file ${path}:\n${lines.join('\n')}`);
  }
  return tenantFrom(result.data);
}

export function tenantFrom(file: TenantFile): Tenant {
  return {
    file,
    calendar: new OpeningCalendar(file),
    public: {
      id: file.id,
      displayName: file.displayName,
      colours: file.colours,
      services: file.services.filter((service) => BUILT_SERVICES.has(service)),
      contact: file.contact,
    },
  };
}
