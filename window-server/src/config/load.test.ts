import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, demoDataEnabled, loadConfig } from './index.js';

const oidcSettings = {
  MADOGUCHI_OIDC_ISSUER: 'https://id.example.jp',
  MADOGUCHI_OIDC_CLIENT_ID: 'madoguchi',
  MADOGUCHI_OIDC_CLIENT_SECRET: 'secret',
  MADOGUCHI_PORTAL_URL: 'https://portal.example.jp/api',
  MADOGUCHI_PORTAL_API_KEY: 'k1',
  MADOGUCHI_CURRENCY_URL: 'https://currency.example.jp',
  MADOGUCHI_CURRENCY_CLIENT_ID: 'madoguchi',
  MADOGUCHI_CURRENCY_CLIENT_SECRET: 's2',
  MADOGUCHI_MUTUAL_AID_URL: 'https://kyojo.example.jp',
  MADOGUCHI_MUTUAL_AID_API_KEY: 'k3',
  MADOGUCHI_CHILDCARE_URL: 'https://kosodate.example.jp',
  MADOGUCHI_CHILDCARE_API_KEY: 'k4',
};

describe('loadConfig', () => {
  it('starts on the embedded defaults with no configuration', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'sandbox', host: '127.0.0.1', port: 8080, dataDir: './data' });
    expect(config.lockout).toEqual({ maxFailures: 5, minutes: 15 });
    expect(demoDataEnabled(config)).toBe(true);
  });

  it('reads MADOGUCHI_* variables into nested fields', () => {
    const config = loadConfig({
      MADOGUCHI_PORT: '9090',
      MADOGUCHI_MEDIA_WORKERS: '3',
      MADOGUCHI_DEMO_DATA: 'off',
    });
    expect(config.port).toBe(9090);
    expect(config.media.workers).toBe(3);
    expect(demoDataEnabled(config)).toBe(false);
  });

  it('names the field and the variable when a value is wrong', () => {
    expect(() => loadConfig({ MADOGUCHI_PORT: 'eighty' })).toThrowError(/port \(from MADOGUCHI_PORT\)/);
    expect(() => loadConfig({ MADOGUCHI_PORT: '70000' })).toThrowError(ConfigError);
    expect(() => loadConfig({ MADOGUCHI_LOG_LEVEL: 'loud' })).toThrowError(/logLevel/);
    expect(() => loadConfig({ MADOGUCHI_DEMO_DATA: 'maybe' })).toThrowError(/MADOGUCHI_DEMO_DATA/);
  });

  it('takes a JSON file, with variables on top, and rejects unknown fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ port: 7000, media: { workers: 2 }, session: { idleMinutes: 30 } }));
    const config = loadConfig({ MADOGUCHI_CONFIG: file, MADOGUCHI_PORT: '7001' });
    expect(config.port).toBe(7001);
    expect(config.media.workers).toBe(2);
    expect(config.session).toEqual({ idleMinutes: 30, absoluteHours: 12 });

    writeFileSync(file, JSON.stringify({ media: { wrokers: 2 } }));
    expect(() => loadConfig({ MADOGUCHI_CONFIG: file })).toThrowError(/media/);
    writeFileSync(file, '{ not json');
    expect(() => loadConfig({ MADOGUCHI_CONFIG: file })).toThrowError(/not valid JSON/);
  });

  it('takes the OpenID settings all together, and a partner URL with its credentials', () => {
    expect(() => loadConfig({ MADOGUCHI_OIDC_ISSUER: 'not a url' })).toThrowError(/identity.issuer/);
    expect(() => loadConfig({ MADOGUCHI_OIDC_ISSUER: 'https://id.example.jp' })).toThrowError(
      /identity.clientId, identity.clientSecret must be set/,
    );
    expect(() => loadConfig({ MADOGUCHI_PORTAL_URL: 'https://portal.example.jp' })).toThrowError(
      /partners.portal.apiKey/,
    );
    expect(loadConfig({ MADOGUCHI_PARTNER_TIMEOUT_MS: '1500' }).partners.timeoutMs).toBe(1500);
  });

  it('needs the city’s own tenant files in production (the demo cities are sandbox)', () => {
    expect(() => loadConfig({ MADOGUCHI_MODE: 'production', ...oidcSettings })).toThrowError(
      /MADOGUCHI_TENANTS_DIR/,
    );
  });

  it('refuses demo data in production unless explicitly allowed', () => {
    const production = { MADOGUCHI_MODE: 'production', MADOGUCHI_TENANTS_DIR: '/etc/madoguchi/tenants' };
    expect(() => loadConfig({ ...production, MADOGUCHI_DEMO_DATA: 'true', ...oidcSettings })).toThrowError(
      /demoData cannot be on in production/,
    );
    expect(demoDataEnabled(loadConfig({ ...production, ...oidcSettings }))).toBe(false);
    const staging = loadConfig({
      MADOGUCHI_MODE: 'production',
      MADOGUCHI_DEMO_DATA: 'true',
      MADOGUCHI_IDENTITY_PROVIDER: 'sandbox',
      MADOGUCHI_ALLOW_SANDBOX_IN_PRODUCTION: 'true',
    });
    expect(demoDataEnabled(staging)).toBe(true);
  });
});
