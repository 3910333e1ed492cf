import { SERVICE_IDS, type ServiceId, type TenantPublic } from '@madoguchi/shared';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, identityProvider, loadConfig, type Config } from '../config/index.js';
import { OpeningCalendar } from './OpeningCalendar.js';
import { tenantFileSchema, type SecretRef, type TenantFile } from './schema.js';

/**
 * Services that exist in this build. A tenant may list more (it plans ahead); Home shows only
 * these. Every service id in shared is built now; a new id added there before its screens exist
 * is to be left out here until they do.
 */
export const BUILT_SERVICES: ReadonlySet<ServiceId> = new Set<ServiceId>(SERVICE_IDS);

/** The bundled tenants: 大村市 and the fictional demo city みなと市. */
export const DEFAULT_TENANTS_DIR = fileURLToPath(new URL('../../tenants/', import.meta.url));

/** A logo larger than this is refused: it is drawn on TVs with little memory. */
const MAX_LOGO_BYTES = 256 * 1024;

/** A partner as the gateway connects to it: no URL means the embedded sandbox (sandbox mode). */
export interface TenantPartners {
  timeoutMs: number;
  portal: { baseUrl?: string; apiKey?: string };
  currency: { baseUrl?: string; clientId?: string; clientSecret?: string };
  mutualAid: { baseUrl?: string; apiKey?: string };
  childcare: { baseUrl?: string; apiKey?: string };
}

/** Where the city's citizens sign in. */
export type TenantIdentityProvider =
  { kind: 'sandbox' } | { kind: 'oidc'; issuer: string; clientId: string; clientSecret: string };

export interface Tenant {
  readonly id: string;
  readonly file: TenantFile;
  /** The file it was read from (absolute), to name it in messages. */
  readonly source: string;
  readonly calendar: OpeningCalendar;
  /** What a TV is told about its city. */
  readonly public: TenantPublic;
  /** The city's partners, their secrets read from where the file points. */
  readonly partners: TenantPartners;
  readonly identityProvider: TenantIdentityProvider;
  /** Origins of this city's packaged TV apps, the installation's included. */
  readonly tvOrigins: readonly string[];
  /** The logo file (absolute path), when the city has one. */
  readonly logoFile: string | null;
}

/** What of the configuration the tenants are read with. */
export type TenantSource = Pick<
  Config,
  'tenantsDir' | 'tenantFile' | 'mode' | 'allowSandboxInProduction' | 'identity' | 'partners' | 'tvOrigins'
>;
type InstallationDefaults = Omit<TenantSource, 'tenantsDir' | 'tenantFile'>;

/**
 * Every tenant of this installation: each `*.json` file of the tenants folder (in file-name
 * order), or the one tenant file. A wrong file, a duplicate id or a secret that cannot be read
 * stops start-up with a message naming the file, the tenant and the field.
 */
export function loadTenants(config: TenantSource, env: NodeJS.ProcessEnv = process.env): Tenant[] {
  const files = config.tenantFile
    ? [resolve(config.tenantFile)]
    : tenantFilesIn(resolve(config.tenantsDir ?? DEFAULT_TENANTS_DIR));
  const tenants = files.map((file) => resolveTenant(readTenantFile(file), file, config, env));
  const seen = new Map<string, string>();
  for (const tenant of tenants) {
    const other = seen.get(tenant.id);
    if (other) {
      throw new ConfigError(
        `Two tenant files say they are tenant "${tenant.id}": ${other} and ${tenant.source}`,
      );
    }
    seen.set(tenant.id, tenant.source);
  }
  for (const tenant of tenants) {
    tenant.file.fleetOperators.forEach((grant, index) => {
      if (!seen.has(grant.tenant) || grant.tenant === tenant.id) {
        throw new ConfigError(
          `Tenant "${tenant.id}" (${tenant.source}): fleetOperators.${index}.tenant: "${grant.tenant}" is not another tenant of this installation`,
        );
      }
    });
  }
  return tenants;
}

function tenantFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new ConfigError(`Cannot read the tenants folder ${dir}: ${(error as Error).message}`);
  }
  const files = names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
  if (files.length === 0) throw new ConfigError(`The tenants folder ${dir} has no tenant file (*.json)`);
  return files;
}

/** One file, validated; the message names the tenant (when the file says which) and each field. */
export function readTenantFile(path: string): TenantFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the tenant file ${path}: ${(error as Error).message}`);
  }
  const result = tenantFileSchema.safeParse(raw);
  if (!result.success) {
    const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    const named = typeof id === 'string' ? ` (tenant "${id}")` : '';
    throw new ConfigError(`Invalid tenant file ${path}${named}:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** A validated file with its secrets read and the installation's settings filled in. */
export function resolveTenant(
  file: TenantFile,
  source: string,
  config: InstallationDefaults,
  env: NodeJS.ProcessEnv = process.env,
): Tenant {
  const problem = (field: string, message: string): ConfigError =>
    new ConfigError(`Tenant "${file.id}" (${source}): ${field}: ${message}`);
  const secret = (ref: SecretRef, field: string): string => {
    if ('env' in ref) {
      const value = env[ref.env];
      if (!value) throw problem(field, `the environment variable ${ref.env} is not set`);
      return value;
    }
    const path = isAbsolute(ref.file) ? ref.file : resolve(dirname(source), ref.file);
    let value: string;
    try {
      value = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw problem(field, `cannot read the secret file ${path}: ${(error as Error).message}`);
    }
    if (!value) throw problem(field, `the secret file ${path} is empty`);
    return value;
  };

  const own = file.partners;
  const global = config.partners;
  const partners: TenantPartners = {
    timeoutMs: global.timeoutMs,
    portal: own.portal
      ? { baseUrl: own.portal.baseUrl, apiKey: secret(own.portal.apiKey, 'partners.portal.apiKey') }
      : { ...global.portal },
    currency: own.currency
      ? {
          baseUrl: own.currency.baseUrl,
          clientId: own.currency.clientId,
          clientSecret: secret(own.currency.clientSecret, 'partners.currency.clientSecret'),
        }
      : { ...global.currency },
    mutualAid: own.mutualAid
      ? { baseUrl: own.mutualAid.baseUrl, apiKey: secret(own.mutualAid.apiKey, 'partners.mutualAid.apiKey') }
      : { ...global.mutualAid },
    childcare: own.childcare
      ? { baseUrl: own.childcare.baseUrl, apiKey: secret(own.childcare.apiKey, 'partners.childcare.apiKey') }
      : { ...global.childcare },
  };

  const oidc = file.identity.oidc;
  let provider: TenantIdentityProvider;
  if (oidc) {
    provider = {
      kind: 'oidc',
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: secret(oidc.clientSecret, 'identity.oidc.clientSecret'),
    };
  } else if (identityProvider(config) === 'oidc') {
    const { issuer, clientId, clientSecret } = config.identity;
    if (!issuer || !clientId || !clientSecret) {
      throw problem(
        'identity.oidc',
        'the city needs an OpenID provider: set identity.oidc in the tenant file, or MADOGUCHI_OIDC_ISSUER, MADOGUCHI_OIDC_CLIENT_ID and MADOGUCHI_OIDC_CLIENT_SECRET for every city',
      );
    }
    provider = { kind: 'oidc', issuer, clientId, clientSecret };
  } else {
    provider = { kind: 'sandbox' };
  }

  if (config.mode === 'production' && !config.allowSandboxInProduction) {
    if (provider.kind === 'sandbox') {
      throw problem(
        'identity.oidc',
        'production mode cannot use the sandbox identity provider (set allowSandboxInProduction on a staging system)',
      );
    }
    const sandboxed = (['portal', 'currency', 'mutualAid', 'childcare'] as const).filter(
      (name) => !partners[name].baseUrl,
    );
    if (sandboxed.length > 0) {
      throw problem(
        `partners.${sandboxed.join(', partners.')}`,
        'production mode needs the city’s real partner (in the tenant file, or MADOGUCHI_*_URL for every city); the sandbox partners are for sandbox mode, or set allowSandboxInProduction on a staging system',
      );
    }
  }

  let logoFile: string | null = null;
  if (file.logo) {
    logoFile = resolve(dirname(source), file.logo);
    let size: number;
    try {
      size = statSync(logoFile).size;
    } catch {
      throw problem('logo', `the logo file ${logoFile} does not exist`);
    }
    if (size > MAX_LOGO_BYTES) throw problem('logo', `the logo is ${size} bytes; at most ${MAX_LOGO_BYTES}`);
  }

  return {
    id: file.id,
    file,
    source,
    calendar: new OpeningCalendar(file),
    public: {
      id: file.id,
      displayName: file.displayName,
      colours: file.colours,
      services: file.services.filter((service) => BUILT_SERVICES.has(service)),
      contact: file.contact,
      hasLogo: logoFile !== null,
    },
    partners,
    identityProvider: provider,
    tvOrigins: [...new Set([...config.tvOrigins, ...file.tvOrigins])],
    logoFile,
  };
}

/** One tenant file with the installation's defaults (tests, tools). */
export function loadTenant(path: string, config: InstallationDefaults = loadConfig({})): Tenant {
  return resolveTenant(readTenantFile(path), resolve(path), config);
}
