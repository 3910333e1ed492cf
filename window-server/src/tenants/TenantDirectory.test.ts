import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { DEFAULT_TENANTS_DIR, loadTenants } from './index.js';

/** A copy of the bundled tenants folder to change. */
function tenantsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-tenants-'));
  cpSync(DEFAULT_TENANTS_DIR, dir, { recursive: true });
  return dir;
}

function bundled(name: 'omura' | 'minato'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DEFAULT_TENANTS_DIR, `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

const sandbox = (env: Record<string, string> = {}) => loadConfig({ ...env });

describe('the tenants folder', () => {
  it('bundles two demo cities that differ in what a citizen sees', () => {
    const tenants = loadTenants(sandbox());
    expect(tenants.map((t) => t.id)).toEqual(['minato', 'omura']);
    const [minato, omura] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
    expect(minato.file.displayName.jaEasy).toBe('みなとし');
    expect(minato.public.colours.background).not.toBe(omura.public.colours.background);
    expect(minato.file.counter.topics.map((t) => t.id)).not.toEqual(
      omura.file.counter.topics.map((t) => t.id),
    );
    expect(minato.public.services).not.toContain('wallet');
    expect(omura.public.services).toContain('wallet');
    expect(minato.calendar.isOpen(new Date('2026-12-05T10:00:00+09:00'))).toBe(true); // a Saturday
    expect(omura.calendar.isOpen(new Date('2026-12-05T10:00:00+09:00'))).toBe(false);
    expect(minato.logoFile).toMatch(/minato\.svg$/);
    expect(minato.identityProvider).toEqual({ kind: 'sandbox' });
  });

  it('takes a third city from a file dropped into the folder, no code changed', () => {
    const dir = tenantsFolder();
    writeFileSync(
      join(dir, 'sakura.json'),
      JSON.stringify({
        ...bundled('minato'),
        id: 'sakura',
        logo: undefined,
        displayName: { ja: 'さくら町', en: 'Sakura Town', jaEasy: 'さくらちょう' },
      }),
    );
    const tenants = loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }));
    expect(tenants.map((t) => t.id)).toEqual(['minato', 'omura', 'sakura']);
    expect(tenants[2]?.public.displayName.ja).toBe('さくら町');
  });

  it('names the file, the tenant and the field of a wrong file, and stops', () => {
    const dir = tenantsFolder();
    writeFileSync(join(dir, 'omura.json'), JSON.stringify({ ...bundled('omura'), timeZone: 'Mars/Olympus' }));
    expect(() => loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }))).toThrowError(
      /omura\.json \(tenant "omura"\):\n {2}- timeZone: an IANA time zone/,
    );
  });

  it('refuses colours an elderly viewer cannot read, naming the tenant, the field and the contrast', () => {
    const dir = tenantsFolder();
    const minato = bundled('minato');
    const colours = minato.colours as Record<string, string>;
    writeFileSync(
      join(dir, 'minato.json'),
      JSON.stringify({ ...minato, colours: { ...colours, text: '#8899aa' } }),
    );
    expect(() => loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }))).toThrowError(
      /minato\.json \(tenant "minato"\):\n {2}- colours\.text: contrast 4\.8:1 against colours\.background, at least 7:1 so elderly viewers can read it\n/,
    );
    // The focus colour: as focused text on a focused card, and behind background-coloured digits.
    writeFileSync(
      join(dir, 'minato.json'),
      JSON.stringify({ ...minato, colours: { ...colours, focus: '#2f6f6a' } }),
    );
    expect(() => loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }))).toThrowError(
      /- colours\.focus: contrast \d\.\d:1 against colours\.surface as a focused card shows it \(5% lighter\), at least 7:1 .*\n {2}- colours\.background: contrast \d\.\d:1 against colours\.focus, at least 7:1/,
    );
    // A colour that is not #rrggbb is told so, not given a contrast.
    writeFileSync(
      join(dir, 'minato.json'),
      JSON.stringify({ ...minato, colours: { ...colours, text: 'white' } }),
    );
    expect(() => loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }))).toThrowError(
      /:\n {2}- colours\.text: a colour like #1a2b3c$/,
    );
  });

  it('refuses a fleet operator grant naming a city that is not on the installation', () => {
    const dir = tenantsFolder();
    writeFileSync(
      join(dir, 'minato.json'),
      JSON.stringify({ ...bundled('minato'), fleetOperators: [{ tenant: 'kyoto', loginId: 'operator' }] }),
    );
    expect(() => loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }))).toThrowError(
      /Tenant "minato" .*fleetOperators\.0\.tenant: "kyoto" is not another tenant/,
    );
  });

  it('refuses two files for one tenant, and an empty folder', () => {
    const dir = tenantsFolder();
    writeFileSync(join(dir, 'omura-copy.json'), JSON.stringify(bundled('omura')));
    expect(() => loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }))).toThrowError(
      /Two tenant files say they are tenant "omura"/,
    );
    const empty = mkdtempSync(join(tmpdir(), 'madoguchi-no-tenants-'));
    expect(() => loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: empty }))).toThrowError(/has no tenant file/);
  });
});

describe('secrets in a tenant file', () => {
  const withPortal = (apiKey: unknown) => ({
    ...bundled('minato'),
    partners: { portal: { baseUrl: 'https://portal.minato.example.jp/api', apiKey } },
  });

  it('never takes a secret written in the file', () => {
    const dir = tenantsFolder();
    writeFileSync(join(dir, 'minato.json'), JSON.stringify(withPortal('the-key-itself')));
    expect(() => loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }))).toThrowError(
      /partners\.portal\.apiKey: a secret reference .*the secret itself never goes in a tenant file/,
    );
  });

  it('reads a secret from the environment, and stops naming a variable that is not set', () => {
    const dir = tenantsFolder();
    writeFileSync(join(dir, 'minato.json'), JSON.stringify(withPortal({ env: 'MINATO_PORTAL_KEY' })));
    const config = sandbox({ MADOGUCHI_TENANTS_DIR: dir });
    expect(() => loadTenants(config, {})).toThrowError(
      /Tenant "minato" .*: partners\.portal\.apiKey: the environment variable MINATO_PORTAL_KEY is not set/,
    );
    const minato = loadTenants(config, { MINATO_PORTAL_KEY: 'k-minato' }).find((t) => t.id === 'minato');
    expect(minato?.partners.portal).toEqual({
      baseUrl: 'https://portal.minato.example.jp/api',
      apiKey: 'k-minato',
    });
    // The other city keeps the installation's (here: the sandbox).
    const omura = loadTenants(config, { MINATO_PORTAL_KEY: 'k-minato' }).find((t) => t.id === 'omura');
    expect(omura?.partners.portal).toEqual({});
  });

  it('reads a secret from a file beside the tenant file, and names a missing one', () => {
    const dir = tenantsFolder();
    writeFileSync(join(dir, 'minato.json'), JSON.stringify(withPortal({ file: 'secrets/portal.key' })));
    const config = sandbox({ MADOGUCHI_TENANTS_DIR: dir });
    expect(() => loadTenants(config, {})).toThrowError(
      /partners\.portal\.apiKey: cannot read the secret file .*portal\.key/,
    );
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets', 'portal.key'), 'k-from-file\n');
    expect(loadTenants(config, {}).find((t) => t.id === 'minato')?.partners.portal.apiKey).toBe(
      'k-from-file',
    );
  });

  it('gives each city its own OpenID provider when its file names one', () => {
    const dir = tenantsFolder();
    writeFileSync(
      join(dir, 'minato.json'),
      JSON.stringify({
        ...bundled('minato'),
        identity: {
          userCodeAlphabet: 'digits',
          oidc: {
            issuer: 'https://id.minato.example.jp',
            clientId: 'madoguchi-minato',
            clientSecret: { env: 'MINATO_OIDC' },
          },
        },
      }),
    );
    const tenants = loadTenants(sandbox({ MADOGUCHI_TENANTS_DIR: dir }), { MINATO_OIDC: 's3' });
    expect(tenants.find((t) => t.id === 'minato')?.identityProvider).toEqual({
      kind: 'oidc',
      issuer: 'https://id.minato.example.jp',
      clientId: 'madoguchi-minato',
      clientSecret: 's3',
    });
    expect(tenants.find((t) => t.id === 'omura')?.identityProvider).toEqual({ kind: 'sandbox' });
  });

  it('in production, stops on a city left with the sandbox provider or a sandbox partner', () => {
    const dir = tenantsFolder();
    const production = loadConfig({ MADOGUCHI_MODE: 'production', MADOGUCHI_TENANTS_DIR: dir });
    expect(() => loadTenants(production, {})).toThrowError(
      /Tenant "minato" .*identity\.oidc: .*OpenID provider/,
    );
  });
});
