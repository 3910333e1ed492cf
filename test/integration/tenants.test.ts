import type {
  AidRequestView,
  ChildcareView,
  CounterSnapshot,
  DeviceSummary,
  HouseholdMember,
  RegisterResult,
  SlotView,
  StaffRole,
  TenantPublic,
} from '@madoguchi/shared';
import { DEFAULT_TENANTS_DIR, type WindowServer } from '@madoguchi/window-server';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TV_INFO,
  connected,
  deviceSocket,
  refused,
  request,
  staffSocket,
  type DeviceSocket,
} from './support/clients.js';
import { registeredTv } from './support/counter.js';
import { authorizeTv, linkCitizen } from './support/linking.js';
import { PhoneBrowser } from './support/phone.js';
import { citiesFolder } from '../support/cities.js';
import { testRig } from './support/rig.js';
import { errorCodeOf, staffApi, staffLogin, type StaffSession } from './support/staffApi.js';

// Two cities on one installation, each as if it had its own: nothing of one reaches the other,
// and what belongs to another city answers exactly as what does not exist.

const rig = testRig();

async function cities(
  extra: Record<string, unknown>[] = [],
  minato: Record<string, unknown> = {},
): Promise<WindowServer> {
  return rig.server({
    // The bundled みなと市 names 大村市's demo operator for its fleet; here no city names anyone
    // unless the test says so.
    env: {
      MADOGUCHI_TENANTS_DIR: citiesFolder({
        extra,
        overrides: { minato: { fleetOperators: [], ...minato } },
      }),
      MADOGUCHI_TENANT_FILE: '',
    },
  });
}

const ROLES: StaffRole[] = ['staff', 'supervisor', 'admin', 'operator'];

/** Every staff API of a city, as a role of that city may call it. */
const API: { method: string; path: (ids: { device: string; account: string }) => string; body?: unknown }[] =
  [
    { method: 'GET', path: () => '/auth/session' },
    { method: 'GET', path: () => '/devices' },
    { method: 'POST', path: ({ device }) => `/devices/${device}/revoke` },
    { method: 'GET', path: () => '/kpi?from=2026-12-01&to=2026-12-07' },
    { method: 'GET', path: () => '/fleet' },
    { method: 'POST', path: () => '/fleet/config', body: { serverUrl: 'https://evil.example.jp' } },
    { method: 'GET', path: () => '/staff-accounts' },
    {
      method: 'POST',
      path: () => '/staff-accounts',
      body: {
        loginId: 'intruder',
        displayName: 'x',
        role: 'admin',
        password: 'a-long-password-1',
        language: 'ja',
      },
    },
    { method: 'PATCH', path: ({ account }) => `/staff-accounts/${account}`, body: { disabled: true } },
    { method: 'GET', path: () => '/assisted-links' },
    { method: 'GET', path: () => '/audit' },
    { method: 'GET', path: () => '/audit/verify' },
    { method: 'GET', path: () => '/partners/health' },
    { method: 'GET', path: () => '/city' },
  ];

async function api(
  s: WindowServer,
  tenant: string,
  method: string,
  path: string,
  session?: StaffSession,
  body?: unknown,
) {
  return staffApi(s, method, path, {
    tenant,
    ...(session ? { session } : {}),
    ...(body === undefined ? {} : { body }),
  });
}

describe('two cities on one installation', () => {
  it('tells each TV its own city, and takes a third city from a file dropped in', async () => {
    const sakura = {
      ...(JSON.parse(readFileSync(join(DEFAULT_TENANTS_DIR, 'minato.json'), 'utf8')) as Record<
        string,
        unknown
      >),
      id: 'sakura',
      logo: undefined,
      displayName: { ja: 'さくら町', en: 'Sakura Town', jaEasy: 'さくらちょう' },
    };
    const s = await cities([sakura]);
    const names: Record<string, string> = {};
    for (const id of ['omura', 'minato', 'sakura']) {
      const socket = rig.keep(deviceSocket(s.cityUrl(id)));
      await connected(socket);
      const ack = await request<RegisterResult & { tenant: TenantPublic }>(
        socket,
        'device:register',
        TV_INFO,
      );
      if (!ack.ok) throw new Error(ack.error.code);
      names[id] = ack.data.tenant.displayName.ja;
    }
    expect(names).toEqual({ omura: '大村市', minato: 'みなと市', sakura: 'さくら町' });
    const logo = await fetch(`${s.cityUrl('minato')}/branding/logo`);
    expect(logo.status).toBe(200);
    expect(await logo.text()).toContain('みなと市');
  });

  it('answers an unknown city the same way, over HTTP and sockets, whatever the name', async () => {
    const s = await cities();
    const answers = await Promise.all(
      ['nowhere', 'omura-x', 'tokyo'].map(async (name) => {
        const response = await fetch(`${s.url}/t/${name}/api/v1/auth/session`);
        return { status: response.status, body: await response.text() };
      }),
    );
    expect(answers[0]).toEqual({ status: 404, body: expect.stringContaining('TENANT_UNKNOWN') as unknown });
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    for (const probe of [deviceSocket(`${s.url}/t/nowhere`), staffSocket(`${s.url}/t/tokyo`)]) {
      expect(await refused(rig.keep(probe))).toMatchObject({ code: 'TENANT_UNKNOWN' });
    }
  });

  it('keeps every role of 大村市 out of everything of みなと市, and B’s ids answer as unknown ones', async () => {
    const s = await cities();
    const minatoTv = await registeredTv(s.cityUrl('minato'));
    rig.keep(minatoTv.socket);
    const minatoAdmin = await staffLogin(s, 'admin', undefined, 'minato');
    const minatoAccount = minatoAdmin.info.staff.id;
    const ids = { device: minatoTv.deviceId, account: minatoAccount };
    const unknown = { device: 'dev_doesnotexist0000000', account: 'stf_doesnotexist0000000' };

    for (const role of ROLES) {
      const omura = await staffLogin(s, role, undefined, 'omura');
      // The same token under みなと市's cookie name: what a forged cookie would try.
      const forged: StaffSession = {
        ...omura,
        cookie: omura.cookie.replace('madoguchi_session_omura=', 'madoguchi_session_minato='),
      };
      for (const call of API) {
        for (const session of [omura, forged]) {
          const response = await api(s, 'minato', call.method, call.path(ids), session, call.body);
          expect(
            [response.status, await errorCodeOf(response)],
            `${role} ${call.method} ${call.path(ids)}`,
          ).toEqual([401, 'UNAUTHENTICATED']);
        }
      }
      const socket = rig.keep(staffSocket(s.cityUrl('minato'), forged.cookie));
      expect(await refused(socket)).toMatchObject({ code: 'UNAUTHENTICATED' });
    }

    // Inside 大村市, みなと市's ids are as unknown as ids that exist nowhere.
    const omuraAdmin = await staffLogin(s, 'admin', undefined, 'omura');
    const omuraSupervisor = await staffLogin(s, 'supervisor', undefined, 'omura');
    for (const [session, call] of [
      [omuraSupervisor, API[2]],
      [omuraAdmin, API[8]],
    ] as const) {
      const theirs = await api(s, 'omura', call!.method, call!.path(ids), session, call!.body);
      const none = await api(s, 'omura', call!.method, call!.path(unknown), session, call!.body);
      expect([theirs.status, await theirs.text()]).toEqual([none.status, await none.text()]);
      expect(none.status).toBe(404);
    }
    const devices = (await (await api(s, 'omura', 'GET', '/devices', omuraAdmin)).json()) as {
      devices: DeviceSummary[];
    };
    expect(devices.devices.map((d) => d.id)).not.toContain(minatoTv.deviceId);
    // みなと市's TV is still there and not revoked.
    const theirDevices = (await (await api(s, 'minato', 'GET', '/devices', minatoAdmin)).json()) as {
      devices: DeviceSummary[];
    };
    expect(theirDevices.devices.find((d) => d.id === minatoTv.deviceId)?.revoked).toBe(false);
  });

  it('keeps a TV of one city out of the other: its token is no token there', async () => {
    const s = await cities();
    const omuraTv = await registeredTv(s.cityUrl('omura'));
    rig.keep(omuraTv.socket);
    const there = rig.keep(deviceSocket(s.cityUrl('minato'), omuraTv.token));
    const garbage = rig.keep(deviceSocket(s.cityUrl('minato'), 'dtk_not-a-token-at-all'));
    expect(await refused(there)).toEqual(await refused(garbage));
    for (const path of ['/api/v1/services/notices', '/api/v1/device/authorize']) {
      const asTv = (token: string) =>
        fetch(`${s.cityUrl('minato')}${path}`, {
          method: path.endsWith('authorize') ? 'POST' : 'GET',
          headers: { authorization: `Bearer ${token}`, origin: s.url },
        });
      const theirs = await asTv(omuraTv.token);
      const none = await asTv('dtk_not-a-token-at-all');
      expect([theirs.status, await theirs.text()]).toEqual([none.status, await none.text()]);
    }
  });

  it('keeps each city’s queue to its own officers', async () => {
    const s = await cities();
    const omuraTv = await registeredTv(s.cityUrl('omura'));
    rig.keep(omuraTv.socket);
    const joined = await request<{ entryId: string }>(omuraTv.socket, 'queue:join', { topic: 'childcare' });
    expect(joined.ok).toBe(true);
    const minatoStaff = await staffLogin(s, 'staff', undefined, 'minato');
    const officer = rig.keep(staffSocket(s.cityUrl('minato'), minatoStaff.cookie));
    const snapshot = new Promise<CounterSnapshot>((resolve) => officer.once('counter:changed', resolve));
    await connected(officer);
    expect((await snapshot).waiting).toEqual([]);
    const taken = await request(officer, 'queue:accept', { entryId: joined.ok ? joined.data.entryId : '' });
    const none = await request(officer, 'queue:accept', { entryId: 'que_doesnotexist0000000' });
    expect(taken).toEqual(none);
    expect(taken.ok).toBe(false);
  });

  it('lets one operator serve the cities that name them: those fleets, nothing else', async () => {
    // みなと市 lets 大村市's operator account look after its boxes; 大村市 names nobody.
    const s = await cities([], { fleetOperators: [{ tenant: 'omura', loginId: 'operator' }] });
    const minatoTv = await registeredTv(s.cityUrl('minato'));
    rig.keep(minatoTv.socket);
    const operator = await staffLogin(s, 'operator', undefined, 'omura');

    const chooser = (await (await api(s, 'omura', 'GET', '/fleet/cities', operator)).json()) as {
      cities: { id: string }[];
    };
    expect(chooser.cities.map((c) => c.id)).toEqual(['omura', 'minato']);
    const fleet = await api(s, 'minato', 'GET', '/fleet', operator);
    expect(fleet.status).toBe(200);
    expect(JSON.stringify(await fleet.json())).toContain(minatoTv.deviceId);
    const push = await api(s, 'minato', 'POST', '/fleet/config', operator, {
      deviceIds: [minatoTv.deviceId],
      serverUrl: 'https://madoguchi.minato.example.jp',
    });
    expect(push.status).toBe(200);
    // Without the CSRF token of the home session, no push.
    const forged = await api(
      s,
      'minato',
      'POST',
      '/fleet/config',
      { ...operator, csrf: 'x'.repeat(43) },
      {
        deviceIds: [minatoTv.deviceId],
        serverUrl: 'https://evil.example.jp',
      },
    );
    expect(forged.status).toBe(403);

    // Nothing else of みなと市: its devices, accounts, audit stay closed to this operator.
    for (const path of ['/devices', '/staff-accounts', '/audit', '/kpi?from=2026-12-01&to=2026-12-07']) {
      expect((await api(s, 'minato', 'GET', path, operator)).status, path).toBe(401);
    }
    // Other roles of 大村市 are not operators of みなと市, and 大村市 lets no みなと市 operator in.
    const omuraAdmin = await staffLogin(s, 'admin', undefined, 'omura');
    expect((await api(s, 'minato', 'GET', '/fleet', omuraAdmin)).status).toBe(401);
    const minatoOperator = await staffLogin(s, 'operator', undefined, 'minato');
    expect((await api(s, 'omura', 'GET', '/fleet', minatoOperator)).status).toBe(401);
    const theirs = (await (await api(s, 'minato', 'GET', '/fleet/cities', minatoOperator)).json()) as {
      cities: { id: string }[];
    };
    expect(theirs.cities.map((c) => c.id)).toEqual(['minato']);
  });

  it('gives each city its own sandbox partners: みなと市’s notices speak of みなと市', async () => {
    const s = await cities();
    const notices: Record<string, string> = {};
    for (const id of ['omura', 'minato']) {
      const tv = await registeredTv(s.cityUrl(id));
      rig.keep(tv.socket);
      const response = await fetch(`${s.cityUrl(id)}/api/v1/services/notices`, {
        headers: { authorization: `Bearer ${tv.token}` },
      });
      expect(response.status).toBe(200);
      notices[id] = await response.text();
    }
    expect(notices.omura).toContain('大村市');
    expect(notices.minato).toContain('みなと市');
    expect(notices.minato).not.toContain('大村市');
  });

  it('signs in each city’s own demo residents: みなと市’s provider knows no one from 大村市', async () => {
    const s = await cities();
    const household = async (tv: { socket: DeviceSocket }) => {
      const members = await request<{ members: HouseholdMember[] }>(tv.socket, 'household:list', {});
      return members.ok ? members.data.members.map((member) => member.displayName) : [];
    };
    const omuraTv = await registeredTv(s.cityUrl('omura'));
    rig.keep(omuraTv.socket);
    await linkCitizen(s, omuraTv, 'tanaka.ichiro', 'omura');
    expect(await household(omuraTv)).toEqual(['田中 一郎']);

    const minatoTv = await registeredTv(s.cityUrl('minato'));
    rig.keep(minatoTv.socket);
    const codes = await authorizeTv(s, minatoTv.token, 'minato');
    const phone = new PhoneBrowser(s.cityUrl('minato'));
    const confirm = await phone.get(codes.verification_uri_complete);
    const login = await phone.post(PhoneBrowser.formAction(confirm.text, '/link/confirm'), {
      csrf: PhoneBrowser.csrf(confirm.text),
      code: /data-testid="phone-shown-code">([^<]+)</.exec(confirm.text)?.[1] ?? '',
    });
    // The provider's page lists みなと市's residents, and only them.
    expect(login.text).toContain('yamamoto.masao');
    expect(login.text).toContain('山本 正雄');
    expect(login.text).not.toContain('tanaka.ichiro');
    expect(login.text).not.toContain('田中');
    const stranger = await phone.post(PhoneBrowser.formAction(login.text, '/login'), {
      login: 'tanaka.ichiro',
      password: 'omura-demo',
    });
    expect(stranger.text).toContain('Wrong login ID or password.');
    const done = await phone.post(PhoneBrowser.formAction(stranger.text, '/login'), {
      login: 'yamamoto.masao',
      password: 'omura-demo',
    });
    expect(done.text).toContain('山本 正雄さんを テレビに 登録しました');
    expect(await household(minatoTv)).toEqual(['山本 正雄']);
    expect(await household(omuraTv)).toEqual(['田中 一郎']);
  });

  it('shows みなと市’s residents みなと市’s places: mutual aid in their town, its own centre', async () => {
    const s = await cities();
    const tv = await registeredTv(s.cityUrl('minato'));
    rig.keep(tv.socket);
    const service = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${s.cityUrl('minato')}/api/v1/services${path}`, {
        headers: { authorization: `Bearer ${tv.token}`, origin: s.url },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };
    const elder = await linkCitizen(s, tv, 'yamamoto.masao', 'minato');
    await request(tv.socket, 'consent:set', {
      citizenId: elder,
      purpose: 'servicesHousehold',
      granted: true,
    });
    const aid = await service<{ area: string; nearby: AidRequestView[]; mine: AidRequestView[] }>(
      `/mutual-aid?citizenId=${elder}`,
    );
    expect(aid.area).toBe('みなと市 港町');
    expect(aid.nearby.length).toBeGreaterThan(0);
    expect([...aid.nearby, ...aid.mine].every((request) => request.area === '港町')).toBe(true);

    const parent = await linkCitizen(s, tv, 'nakamura.sakura', 'minato');
    const family = await service<ChildcareView>(`/childcare?citizenId=${parent}`);
    expect(family.children.map((child) => child.name)).toEqual(['中村 湊', '中村 ひなた']);
    const today = new Date();
    const in14 = new Date(today.getTime() + 14 * 86_400_000);
    const { slots } = await service<{ slots: SlotView[] }>(
      `/childcare/slots?citizenId=${parent}&from=${today.toISOString().slice(0, 10)}&to=${in14.toISOString().slice(0, 10)}`,
    );
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((slot) => slot.place))).toEqual(new Set(['みなと市 こども家庭センター']));
    expect(JSON.stringify([aid, family, slots])).not.toContain('大村');
  });
});
