import type { CityConfigView, KpiReport, StaffRole } from '@madoguchi/shared';
import type { WindowServer } from '@madoguchi/window-server';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { join as joinQueue, manualClock, registeredTv } from './support/counter.js';
import { citiesFolder } from '../support/cities.js';
import { testRig } from './support/rig.js';
import { errorCodeOf, staffApi, staffLogin } from './support/staffApi.js';

// The operator's view of a city: its own configuration for its own admin, secrets only as
// references; and figures that are each city's own (its topics, its time zone, its data).

const rig = testRig();

/** Recognisable secret values: none of them may appear in anything the server answers. */
const SECRETS = {
  MINATO_TEST_OIDC_SECRET: 'oidc-secret-value-5f1e2d',
  MINATO_TEST_PORTAL_KEY: 'portal-key-value-9a8b7c',
} as const;
const FILE_SECRET = 'currency-secret-value-3c4d5e';
const env = process.env as Record<string, string | undefined>;

afterEach(() => {
  for (const name of Object.keys(SECRETS)) delete env[name];
});

async function cityServer(minato: Record<string, unknown> = {}, clock?: ReturnType<typeof manualClock>) {
  return rig.server({
    env: { MADOGUCHI_TENANTS_DIR: citiesFolder({ overrides: { minato } }), MADOGUCHI_TENANT_FILE: '' },
    ...(clock ? { clock } : {}),
  });
}

/** みなと市 with its own provider and two partners of its own, each secret by reference. */
async function minatoWithSecrets(): Promise<WindowServer> {
  Object.assign(env, SECRETS);
  const secretsDir = mkdtempSync(join(tmpdir(), 'madoguchi-secrets-'));
  mkdirSync(secretsDir, { recursive: true });
  writeFileSync(join(secretsDir, 'currency.secret'), `${FILE_SECRET}\n`);
  return cityServer({
    identity: {
      userCodeAlphabet: 'digits',
      // Nothing listens there: the provider is simply not found (ready: false).
      oidc: {
        issuer: 'http://127.0.0.1:9/minato-idp',
        clientId: 'minato-madoguchi',
        clientSecret: { env: 'MINATO_TEST_OIDC_SECRET' },
      },
    },
    partners: {
      portal: { baseUrl: 'http://127.0.0.1:9/portal', apiKey: { env: 'MINATO_TEST_PORTAL_KEY' } },
      currency: {
        baseUrl: 'http://127.0.0.1:9/currency',
        clientId: 'minato-wallet',
        clientSecret: { file: join(secretsDir, 'currency.secret') },
      },
    },
    tvOrigins: ['https://tv.minato-cable.example'],
  });
}

describe('GET /api/v1/city', () => {
  it('shows an admin their own city, with every secret only as where it comes from', async () => {
    const s = await minatoWithSecrets();
    const admin = await staffLogin(s, 'admin', undefined, 'minato');
    const response = await staffApi(s, 'GET', '/city', { tenant: 'minato', session: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    for (const secret of [...Object.values(SECRETS), FILE_SECRET]) expect(text).not.toContain(secret);

    const view = JSON.parse(text) as CityConfigView;
    expect(view).toMatchObject({
      id: 'minato',
      displayName: { ja: 'みなと市', en: 'Minato City (demo)', jaEasy: 'みなとし' },
      logoPath: '/t/minato/branding/logo',
      timeZone: 'Asia/Tokyo',
      kpi: { targetWaitMinutes: 8, targetAbandonmentRate: 0.05, fiscalYearStartMonth: 4 },
      tvOrigins: [{ origin: 'https://tv.minato-cable.example', source: 'city' }],
      identity: {
        kind: 'oidc',
        source: 'city',
        issuer: 'http://127.0.0.1:9/minato-idp',
        clientId: 'minato-madoguchi',
        clientSecret: { kind: 'env', name: 'MINATO_TEST_OIDC_SECRET' },
        userCodeAlphabet: 'digits',
        ready: false,
      },
    });
    expect(view.topics.map((topic) => topic.id)).toEqual([
      'moving',
      'care',
      'childcare',
      'tax',
      'procedures',
    ]);
    expect(view.services[0]).toBe('videoCounter');
    expect(view.businessHours.weekly.mon).toEqual([['00:00', '24:00']]);
    expect(view.partners).toEqual([
      {
        partner: 'portal',
        source: 'city',
        baseUrl: 'http://127.0.0.1:9/portal',
        auth: 'apiKey',
        clientId: null,
        credential: { kind: 'env', name: 'MINATO_TEST_PORTAL_KEY' },
      },
      {
        partner: 'currency',
        source: 'city',
        baseUrl: 'http://127.0.0.1:9/currency',
        auth: 'clientCredentials',
        clientId: 'minato-wallet',
        credential: { kind: 'file', path: expect.stringMatching(/currency\.secret$/) as unknown },
      },
      // Left out of the file: the installation's setting, here the embedded sandbox.
      {
        partner: 'mutualAid',
        source: 'installation',
        baseUrl: null,
        auth: 'apiKey',
        clientId: null,
        credential: { kind: 'generated' },
      },
      {
        partner: 'childcare',
        source: 'installation',
        baseUrl: null,
        auth: 'apiKey',
        clientId: null,
        credential: { kind: 'generated' },
      },
    ]);

    // 大村市's admin sees 大村市: the sandbox provider, every partner the installation's.
    const omuraAdmin = await staffLogin(s, 'admin', undefined, 'omura');
    const omura = (await (
      await staffApi(s, 'GET', '/city', { tenant: 'omura', session: omuraAdmin })
    ).json()) as CityConfigView;
    expect(omura).toMatchObject({ id: 'omura', identity: { kind: 'sandbox', source: 'installation' } });
    expect(omura.partners.every((partner) => partner.source === 'installation')).toBe(true);
    expect(omura.topics.map((topic) => topic.id)).toEqual([
      'childcare',
      'currency',
      'mutualAid',
      'procedures',
    ]);
  });

  it('is for the admin of that city only', async () => {
    const s = await minatoWithSecrets();
    const refusals: Record<string, [number, string]> = {};
    for (const role of ['supervisor', 'staff', 'operator'] satisfies StaffRole[]) {
      const session = await staffLogin(s, role, undefined, 'minato');
      const response = await staffApi(s, 'GET', '/city', { tenant: 'minato', session });
      refusals[role] = [response.status, await errorCodeOf(response)];
    }
    expect(refusals).toEqual({
      supervisor: [403, 'FORBIDDEN'],
      staff: [403, 'FORBIDDEN'],
      operator: [403, 'FORBIDDEN'],
    });
    const otherCity = await staffLogin(s, 'admin', undefined, 'omura');
    const there = await staffApi(s, 'GET', '/city', { tenant: 'minato', session: otherCity });
    expect([there.status, await errorCodeOf(there)]).toEqual([401, 'UNAUTHENTICATED']);
    const nobody = await staffApi(s, 'GET', '/city', { tenant: 'minato' });
    expect(nobody.status).toBe(401);
  });
});

describe('GET /api/v1/branding', () => {
  it('tells anyone whose counter this is, and the logo it names is served, also to a packaged TV', async () => {
    const s = await cityServer({ tvOrigins: ['https://tv.minato-cable.example'] });
    const seen: Record<string, unknown> = {};
    for (const id of ['omura', 'minato']) {
      const response = await fetch(`${s.cityUrl(id)}/api/v1/branding`);
      expect(response.status).toBe(200);
      seen[id] = await response.json();
    }
    expect(seen).toEqual({
      omura: {
        id: 'omura',
        displayName: { ja: '大村市', en: 'Omura City', jaEasy: 'おおむらし' },
        logoPath: '/t/omura/branding/logo',
      },
      minato: {
        id: 'minato',
        displayName: { ja: 'みなと市', en: 'Minato City (demo)', jaEasy: 'みなとし' },
        logoPath: '/t/minato/branding/logo',
      },
    });
    // The logo at that path is the city's own file, readable cross-origin by its packaged TVs only.
    const logo = await fetch(`${s.url}/t/minato/branding/logo`, {
      headers: { origin: 'https://tv.minato-cable.example' },
    });
    expect(logo.status).toBe(200);
    expect(logo.headers.get('access-control-allow-origin')).toBe('https://tv.minato-cable.example');
    expect(await logo.text()).toContain('みなと市');
    const stranger = await fetch(`${s.url}/t/minato/branding/logo`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('says when a city has no logo, and an unknown city is unknown', async () => {
    const s = await cityServer({ logo: undefined });
    const minato = (await (await fetch(`${s.cityUrl('minato')}/api/v1/branding`)).json()) as {
      logoPath: unknown;
    };
    expect(minato.logoPath).toBeNull();
    const logo = await fetch(`${s.url}/t/minato/branding/logo`);
    expect([logo.status, await errorCodeOf(logo)]).toEqual([404, 'NOT_FOUND']);
    const unknown = await fetch(`${s.url}/t/kyoto/api/v1/branding`);
    expect([unknown.status, await errorCodeOf(unknown)]).toEqual([404, 'TENANT_UNKNOWN']);
  });
});

describe('KPIs per city', () => {
  it('counts each city’s own requests, by its own topics, in its own time zone, against its own targets', async () => {
    // 12:00 on 1 December in Japan; still 30 November in American Samoa.
    const clock = manualClock('2026-12-01T03:00:00Z');
    const s = await cityServer({ timeZone: 'Pacific/Pago_Pago' }, clock);
    const omuraTv = await registeredTv(s.cityUrl('omura'));
    const minatoTv = await registeredTv(s.cityUrl('minato'));
    rig.keep(omuraTv.socket);
    rig.keep(minatoTv.socket);
    await joinQueue(omuraTv.socket, 'currency');
    await joinQueue(minatoTv.socket, 'tax');

    const kpi = async (tenant: string, day: string, format = 'json') => {
      const session = await staffLogin(s, 'supervisor', undefined, tenant);
      const response = await staffApi(s, 'GET', `/kpi?from=${day}&to=${day}&format=${format}`, {
        tenant,
        session,
      });
      expect(response.status).toBe(200);
      return response;
    };
    const omura = (await (await kpi('omura', '2026-12-01')).json()) as KpiReport;
    const minato = (await (await kpi('minato', '2026-11-30')).json()) as KpiReport;
    const minatoTomorrow = (await (await kpi('minato', '2026-12-01')).json()) as KpiReport;

    expect(omura.byTopic.map((row) => row.topic)).toEqual([
      'childcare',
      'currency',
      'mutualAid',
      'procedures',
    ]);
    expect(minato.byTopic.map((row) => row.topic)).toEqual([
      'moving',
      'care',
      'childcare',
      'tax',
      'procedures',
    ]);
    expect([omura.requests, omura.byTopic.find((row) => row.topic === 'currency')?.requests]).toEqual([1, 1]);
    expect([minato.requests, minato.byTopic.find((row) => row.topic === 'tax')?.requests]).toEqual([1, 1]);
    // 1 December in American Samoa begins eight hours after the request.
    expect(minatoTomorrow.requests).toBe(0);
    expect(omura.targets).toEqual({
      targetWaitMinutes: 10,
      targetAbandonmentRate: 0.1,
      fiscalYearStartMonth: 4,
    });
    expect(minato.targets).toEqual({
      targetWaitMinutes: 8,
      targetAbandonmentRate: 0.05,
      fiscalYearStartMonth: 4,
    });

    const csv = await (await kpi('minato', '2026-11-30', 'csv')).text();
    expect(csv).toContain('tax,税金,1,');
    expect(csv).toContain('moving,転入・転出,0,');
    expect(csv).not.toContain('currency');
    const omuraCsv = await (await kpi('omura', '2026-12-01', 'csv')).text();
    expect(omuraCsv).not.toContain('税金');
  });
});
