import { z } from 'zod';

/** What a tenant id looks like, for problem lines (never the value itself). */
export const TENANT_ID_RULE = 'a tenant id (2 to 32 of a-z, 0-9 and -, starting with a letter, e.g. omura)';

/**
 * A city's id, as it appears in its base path `/t/<id>` and in a packaged TV's `madoguchi.json`:
 * lower-case letters, digits and hyphens, starting with a letter, 2–32 characters.
 */
export const tenantIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, TENANT_ID_RULE);
export type TenantId = z.infer<typeof tenantIdSchema>;

/**
 * Where one city lives on a window-server that serves several: its HTTP API (`<base>/api/v1`),
 * socket namespaces (`<base>/device`, `<base>/staff`), the TV app, the console and phone pages.
 */
export function tenantBasePath(id: string): string {
  return `/t/${id}`;
}

/** Where below its base a city's logo is served (SVG or PNG): TV, console and API use this one. */
export const LOGO_PATH = '/branding/logo';

/** A path below a city's base, split into the city and the rest (`/` at least). */
export interface TenantPath {
  tenant: TenantId;
  /** What follows `/t/<tenant>`, starting with `/`; `/` for the base itself. */
  rest: string;
}

const TENANT_PATH = /^\/t\/([^/]+)(\/.*)?$/;

/** `/t/omura/tv/hbbtv/` → `{ tenant: 'omura', rest: '/tv/hbbtv/' }`; null unless it is such a path. */
export function tenantFromPath(pathname: string): TenantPath | null {
  const match = TENANT_PATH.exec(pathname);
  if (!match) return null;
  const tenant = tenantIdSchema.safeParse(match[1]);
  if (!tenant.success) return null;
  return { tenant: tenant.data, rest: match[2] ?? '/' };
}
