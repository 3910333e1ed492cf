import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { configSchema, ENV_VARS, type Config } from './schema.js';

/** A configuration that cannot be used; the message names the field and where it came from. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Json = Record<string, unknown>;

function setPath(target: Json, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1] as string] = value;
}

function envValue(name: string, raw: string, kind: 'string' | 'int' | 'bool'): unknown {
  if (kind === 'string') return raw;
  if (kind === 'int') {
    // Keep the raw text when it is not an integer so the schema names the field.
    return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  }
  const lowered = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lowered)) return true;
  if (['0', 'false', 'no', 'off'].includes(lowered)) return false;
  throw new ConfigError(`Invalid configuration: ${name} must be true or false, got "${raw}"`);
}

function readConfigFile(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the configuration file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the top level must be an object');
    }
    return parsed as Json;
  } catch (error) {
    throw new ConfigError(`The configuration file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Configuration from an optional JSON file (`MADOGUCHI_CONFIG`) with `MADOGUCHI_*` variables on
 * top. Throws ConfigError naming the first wrong fields.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Json = {}): Config {
  const input: Json = env.MADOGUCHI_CONFIG ? readConfigFile(env.MADOGUCHI_CONFIG) : {};
  const sources = new Map<string, string>();
  for (const [name, { path, kind }] of Object.entries(ENV_VARS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    setPath(input, path, envValue(name, raw, kind));
    sources.set(path.join('.'), name);
  }
  for (const [key, value] of Object.entries(overrides)) input[key] = value;

  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(result.error, sources));
  const config = result.data;
  checkMode(config);
  return config;
}

function describeIssues(error: z.ZodError, sources: Map<string, string>): string {
  const lines = error.issues.map((issue) => {
    const field = issue.path.join('.') || '(top level)';
    const source = sources.get(field);
    return `  - ${field}${source ? ` (from ${source})` : ''}: ${issue.message}`;
  });
  return `Invalid configuration:\n${lines.join('\n')}`;
}

/**
 * What the configuration alone can tell. Whether each city has a real identity provider and real
 * partners in production is checked with its tenant file (tenants/TenantDirectory.ts).
 */
function checkMode(config: Config): void {
  // The installation's provider (for cities whose file names none): all three settings or none.
  const oidcKeys = ['issuer', 'clientId', 'clientSecret'] as const;
  const missing = oidcKeys.filter((key) => !config.identity[key]);
  if (missing.length > 0 && missing.length < oidcKeys.length) {
    throw new ConfigError(
      `Invalid configuration: identity.${missing.join(', identity.')} must be set with the other OpenID Connect settings (MADOGUCHI_OIDC_ISSUER, MADOGUCHI_OIDC_CLIENT_ID, MADOGUCHI_OIDC_CLIENT_SECRET)`,
    );
  }
  for (const problem of partnerProblems(config)) throw new ConfigError(`Invalid configuration: ${problem}`);
  if (config.mode !== 'production' || config.allowSandboxInProduction) return;
  if (config.demoData) {
    throw new ConfigError(
      'Invalid configuration: demoData cannot be on in production mode (set allowSandboxInProduction to allow it on a staging system)',
    );
  }
  if (config.tenantsDir === undefined && config.tenantFile === undefined) {
    throw new ConfigError(
      'Invalid configuration: production mode needs the city’s own tenant files (MADOGUCHI_TENANTS_DIR); the bundled demo cities are for sandbox mode',
    );
  }
}

/** A configured partner needs its credentials with its URL. */
function partnerProblems(config: Config): string[] {
  const { portal, currency, mutualAid, childcare } = config.partners;
  const problems: string[] = [];
  for (const [name, partner] of [
    ['portal', portal],
    ['mutualAid', mutualAid],
    ['childcare', childcare],
  ] as const) {
    if (partner.baseUrl && !partner.apiKey)
      problems.push(`partners.${name}.apiKey must be set with partners.${name}.baseUrl`);
  }
  if (currency.baseUrl && (!currency.clientId || !currency.clientSecret)) {
    problems.push(
      'partners.currency.clientId and partners.currency.clientSecret must be set with partners.currency.baseUrl',
    );
  }
  return problems;
}

/** The embedded sandbox provider unless told otherwise; production defaults to a real one. */
export function identityProvider(config: Pick<Config, 'identity' | 'mode'>): 'sandbox' | 'oidc' {
  return config.identity.provider ?? (config.mode === 'production' ? 'oidc' : 'sandbox');
}

/** Demo data defaults to on in sandbox mode only. */
export function demoDataEnabled(config: Config): boolean {
  return config.demoData ?? config.mode === 'sandbox';
}

/** Where the SQLite database lives when no MADOGUCHI_DATABASE_URL is set. */
export function databaseFile(config: Pick<Config, 'dataDir'>): string {
  return join(resolve(config.dataDir), 'madoguchi.db');
}
