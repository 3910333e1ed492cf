import type {
  DeviceSession,
  FleetDevice,
  FleetPushResult,
  FleetView,
  PushedConfig,
  RegisterResult,
} from '@madoguchi/shared';
import type { WindowServer } from '@madoguchi/window-server';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TV_INFO,
  connected,
  deviceSocket,
  nextEvent,
  request,
  staffSocket,
  type DeviceSocket,
} from './support/clients.js';
import { testRig } from './support/rig.js';
import { startServer } from './support/server.js';
import { errorCodeOf, staffApi, staffLogin, type StaffSession } from './support/staffApi.js';

const rig = testRig();

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<WindowServer> {
  return rig.adopt(await startServer(options));
}

function tv(url: string, token?: string): DeviceSocket {
  const socket = deviceSocket(url, token);
  return rig.keep(socket);
}

async function register(
  url: string,
  info = TV_INFO,
): Promise<{ socket: DeviceSocket; token: string; id: string }> {
  const socket = tv(url);
  await connected(socket);
  const ack = await request<RegisterResult>(socket, 'device:register', info);
  if (!ack.ok) throw new Error(`register failed: ${ack.error.code}`);
  return { socket, token: ack.data.token, id: ack.data.deviceId };
}

/** A TV that starts again with its token: connect and say hello. */
async function hello(
  url: string,
  token: string,
  payload: Record<string, unknown> = { ...TV_INFO },
): Promise<{ socket: DeviceSocket; session: DeviceSession }> {
  const socket = tv(url, token);
  await connected(socket);
  const ack = await request<DeviceSession>(socket, 'device:hello', payload);
  if (!ack.ok) throw new Error(`hello failed: ${ack.error.code}`);
  return { socket, session: ack.data };
}

async function fleetOf(s: WindowServer, session: StaffSession): Promise<FleetView> {
  const response = await staffApi(s, 'GET', '/fleet', { session });
  expect(response.status).toBe(200);
  return (await response.json()) as FleetView;
}

async function rowOf(s: WindowServer, session: StaffSession, deviceId: string): Promise<FleetDevice> {
  const row = (await fleetOf(s, session)).devices.find((device) => device.id === deviceId);
  if (!row) throw new Error(`no fleet row for ${deviceId}`);
  return row;
}

const report = (message: string) => ({
  memory: { usedJsHeap: 40 * 1024 * 1024, jsHeapLimit: 512 * 1024 * 1024, deviceGb: 2 },
  errors: [{ at: new Date().toISOString(), message, source: 'http://tv.example/tv/app.js?code=ABCD:3:4' }],
});

describe('hosted TV app: /tv/<profile>/', () => {
  function builtTvApp(): string {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-tv-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="./assets/app.js"></script>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("tv")');
    return dir;
  }

  it('serves the same build for each known profile, and a clear 404 for others', async () => {
    const s = await server({ env: { MADOGUCHI_TV_APP_DIR: builtTvApp() } });
    const get = (path: string) => fetch(`${s.cityUrl()}${path}`, { redirect: 'manual' });

    const hosted = await get('/tv/hbbtv/');
    expect(hosted.status).toBe(200);
    expect(await hosted.text()).toContain('./assets/app.js');
    expect(hosted.headers.get('content-security-policy')).toContain("'unsafe-eval'");
    expect((await get('/tv/hbbtv/assets/app.js')).status).toBe(200);
    expect((await get('/tv/browser/?profile=browser')).status).toBe(200);
    expect((await get('/tv/')).status).toBe(200);
    expect((await get('/tv/assets/app.js')).status).toBe(200);

    const bare = await get('/tv/hbbtv?x=1');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/t/omura/tv/hbbtv/?x=1');

    const unknown = await get('/tv/no-such-box/');
    expect(unknown.status).toBe(404);
    const text = await unknown.text();
    expect(text).toContain('"no-such-box"');
    expect(text).toMatch(/Known profiles: .*hbbtv/);
    expect((await get('/tv/no-such-box/assets/app.js')).status).toBe(404);
    expect((await get('/tv/..%2F..%2Fetc/')).status).toBe(404);
  });

  it('lists the hosted profiles from stb-bridge for the fleet', async () => {
    const s = await server();
    const operator = await staffLogin(s, 'operator');
    const { profiles } = await fleetOf(s, operator);
    expect(profiles).toEqual(expect.arrayContaining(['browser', 'hbbtv']));
    expect([...profiles].sort()).toEqual(profiles);
  });
});

describe('device:report', () => {
  it('takes one report a minute, refuses faster ones with RATE_LIMITED, and checks the payload', async () => {
    const s = await server();
    const { socket, id } = await register(s.cityUrl());
    expect(await request(socket, 'device:report', report('first'))).toEqual({ ok: true, data: {} });
    const again = await request(socket, 'device:report', report('second'));
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'errors.RATE_LIMITED' },
    });
    const tooLong = await request(socket, 'device:report', {
      errors: [{ at: 'now', message: 'x'.repeat(201) }],
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'PAYLOAD_INVALID' } });

    const row = await rowOf(s, await staffLogin(s, 'operator'), id);
    expect(row.errors.map((error) => error.message)).toEqual(['first']);
    // The query string never reaches the server's store.
    expect(row.errors[0]?.source).toBe('http://tv.example/tv/app.js:3:4');
    expect(row.memory).toEqual({ usedJsHeap: 40 * 1024 * 1024, jsHeapLimit: 512 * 1024 * 1024, deviceGb: 2 });
  });

  it('refuses a socket that has not registered', async () => {
    const s = await server();
    const socket = tv(s.cityUrl());
    await connected(socket);
    expect(await request(socket, 'device:report', report('x'))).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_NOT_REGISTERED' },
    });
  });

  it('keeps reports, hello information and pushed configurations across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-it-fleet-'));
    const first = await server({ dataDir });
    const { socket, id } = await register(first.cityUrl());
    await request(socket, 'device:report', report('before the restart'));
    const operator = await staffLogin(first, 'operator');
    const pushed = await staffApi(first, 'POST', '/fleet/config', {
      session: operator,
      body: { deviceIds: [id], serverUrl: 'https://tv.example.jp' },
    });
    expect(pushed.status).toBe(200);
    socket.disconnect();
    await first.close();
    rig.release(first);

    const second = await server({ dataDir });
    const row = await rowOf(second, await staffLogin(second, 'operator'), id);
    expect(row).toMatchObject({
      profile: 'hbbtv',
      appVersion: '0.1.0',
      model: TV_INFO.model,
      capabilities: TV_INFO.capabilities,
      screen: TV_INFO.screen,
      online: false,
      errors: [{ message: 'before the restart' }],
      memory: { deviceGb: 2 },
      // Pushed while it was on line, but this raw client never said it stored it.
      config: { version: 1, serverUrl: 'https://tv.example.jp', state: 'pending' },
    });
  });
});

describe('the operator role', () => {
  it('reaches the fleet and its own session, and nothing of citizens, the queue or devices', async () => {
    const s = await server();
    const { id } = await register(s.cityUrl());
    const operator = await staffLogin(s, 'operator');
    expect(operator.info.staff.role).toBe('operator');
    expect((await staffApi(s, 'GET', '/auth/session', { session: operator })).status).toBe(200);
    expect((await staffApi(s, 'GET', '/fleet', { session: operator })).status).toBe(200);

    for (const [method, path] of [
      ['GET', '/devices'],
      ['POST', `/devices/${id}/revoke`],
      ['GET', '/kpi?from=2025-04-01&to=2025-04-01'],
      ['GET', '/assisted-links'],
      ['GET', '/audit'],
      ['GET', '/audit/verify'],
      ['GET', '/staff-accounts'],
      ['GET', '/partners/health'],
    ] as const) {
      const response = await staffApi(s, method, path, { session: operator });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await errorCodeOf(response)).toBe('FORBIDDEN');
    }
    // Revocation did not happen.
    expect((await rowOf(s, operator, id)).revoked).toBe(false);
    expect((await staffApi(s, 'POST', '/auth/logout', { session: operator })).status).toBe(204);
  });

  it('is refused every counter, citizen and call request on /staff, and hears no counter snapshot', async () => {
    const s = await server();
    const operator = await staffLogin(s, 'operator');
    const officer = await staffLogin(s, 'staff');
    const operatorSocket = staffSocket(s.cityUrl(), operator.cookie);
    const officerSocket = staffSocket(s.cityUrl(), officer.cookie);
    rig.keep(operatorSocket);
    rig.keep(officerSocket);
    await Promise.all([connected(operatorSocket), connected(officerSocket)]);
    const snapshots: unknown[] = [];
    operatorSocket.on('counter:changed', (snapshot) => snapshots.push(snapshot));

    for (const [event, payload] of [
      ['counter:snapshot', {}],
      ['devices:list', {}],
      ['officer:status', { status: 'available' }],
      ['queue:accept', {}],
      ['citizen:panel', { consultationId: 'con_x' }],
      ['citizen:search', { consultationId: 'con_x', name: '大村' }],
      ['media:join', {}],
    ] as const) {
      const ack = await request(operatorSocket, event, payload);
      expect(ack, event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }

    // An officer's change makes a snapshot: the officer hears it, the operator does not.
    const heard = nextEvent(officerSocket, 'counter:changed');
    expect(await request(officerSocket, 'officer:status', { status: 'away' })).toMatchObject({ ok: true });
    await heard;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(snapshots).toEqual([]);

    // The supervisor's officer list has no operator in it.
    const supervisor = await staffLogin(s, 'supervisor');
    const supervisorSocket = staffSocket(s.cityUrl(), supervisor.cookie);
    rig.keep(supervisorSocket);
    await connected(supervisorSocket);
    const snapshot = await request<{ officers: { staffId: string }[] }>(
      supervisorSocket,
      'counter:snapshot',
      {},
    );
    expect(snapshot.ok && snapshot.data.officers.map((o) => o.staffId)).not.toContain(operator.info.staff.id);
  });

  it('keeps the fleet to operators and admins', async () => {
    const s = await server();
    for (const loginId of ['staff', 'supervisor']) {
      const response = await staffApi(s, 'GET', '/fleet', { session: await staffLogin(s, loginId) });
      expect(response.status, loginId).toBe(403);
    }
    expect((await staffApi(s, 'GET', '/fleet', { session: await staffLogin(s, 'admin') })).status).toBe(200);
  });
});

describe('pushed configurations', () => {
  it('reach an online TV at once and an offline TV at its next hello; the fleet follows them', async () => {
    const s = await server();
    const online = await register(s.cityUrl());
    const offline = await register(s.cityUrl());
    offline.socket.disconnect();
    const operator = await staffLogin(s, 'operator');
    const watcher = staffSocket(s.cityUrl(), operator.cookie);
    rig.keep(watcher);
    await connected(watcher);
    const rows: FleetDevice[] = [];
    watcher.on('fleet:device', (device) => rows.push(device));

    const live = nextEvent<PushedConfig>(online.socket, 'config:pushed');
    const response = await staffApi(s, 'POST', '/fleet/config', {
      session: operator,
      body: { profile: 'hbbtv', keyMapOverride: { '403': 'Red', '8': null } },
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as FleetPushResult;
    expect(result.pushed).toEqual(
      expect.arrayContaining([
        { deviceId: online.id, version: 1, online: true },
        { deviceId: offline.id, version: 1, online: false },
      ]),
    );
    expect(await live).toEqual({ version: 1, keyMapOverride: { '403': 'Red', '8': null } });
    expect((await rowOf(s, operator, online.id)).config?.state).toBe('pending');
    expect(await request(online.socket, 'config:stored', { version: 1 })).toEqual({ ok: true, data: {} });
    expect((await rowOf(s, operator, online.id)).config?.state).toBe('delivered');
    await expect
      .poll(() => rows.some((row) => row.id === online.id && row.config?.state === 'delivered'))
      .toBe(true);

    // The TV that was off: the configuration comes with its next session until it says it stored it.
    const back = await hello(s.cityUrl(), offline.token);
    expect(back.session.pushedConfig).toEqual({ version: 1, keyMapOverride: { '403': 'Red', '8': null } });
    expect(await request(back.socket, 'config:stored', { version: 1 })).toMatchObject({ ok: true });
    expect(await request(back.socket, 'config:stored', { version: 7 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    back.socket.disconnect();
    const restarted = await hello(s.cityUrl(), offline.token, { ...TV_INFO, appliedConfigVersion: 1 });
    expect(restarted.session.pushedConfig).toBeUndefined();
    expect((await rowOf(s, operator, offline.id)).config).toMatchObject({
      version: 1,
      deliveredVersion: 1,
      appliedVersion: 1,
      state: 'applied',
    });

    // The push is in the audit trail, with who and what, for the city's admin.
    const admin = await staffLogin(s, 'admin');
    const audit = (await (await staffApi(s, 'GET', '/audit', { session: admin })).json()) as {
      entries: { actor: string; action: string; details: Record<string, unknown> }[];
    };
    const entry = audit.entries.find((row) => row.action === 'fleet.config.pushed');
    expect(entry).toMatchObject({
      actor: `staff:${operator.info.staff.id}`,
      details: { profile: 'hbbtv', keyMapOverride: { '403': 'Red', '8': null } },
    });
    expect(entry?.details.deviceIds).toEqual(expect.arrayContaining([online.id, offline.id]));
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const s = await server();
    const { id } = await register(s.cityUrl());
    const operator = await staffLogin(s, 'operator');
    const push = (body: unknown, csrf?: string | null) =>
      staffApi(s, 'POST', '/fleet/config', {
        session: operator,
        body,
        ...(csrf === undefined ? {} : { csrf }),
      });

    const cases: [unknown, number, string, string[]?][] = [
      [{ deviceIds: [id], serverUrl: 'ftp://tv.example.jp' }, 400, 'PAYLOAD_INVALID', ['serverUrl']],
      [
        { deviceIds: [id], serverUrl: 'https://user:pw@tv.example.jp' },
        400,
        'PAYLOAD_INVALID',
        ['serverUrl'],
      ],
      [
        { deviceIds: [id], keyMapOverride: { '403': 'Purple' } },
        400,
        'PAYLOAD_INVALID',
        ['keyMapOverride.403'],
      ],
      [{ deviceIds: [id], keyMapOverride: { abc: 'Red' } }, 400, 'PAYLOAD_INVALID'],
      [{ deviceIds: [id] }, 400, 'PAYLOAD_INVALID', ['serverUrl']],
      [{ serverUrl: 'https://tv.example.jp' }, 400, 'PAYLOAD_INVALID', ['deviceIds']],
      [{ deviceIds: [id, 'dev_nobody'], serverUrl: 'https://tv.example.jp' }, 404, 'NOT_FOUND'],
      [{ profile: 'no-such-box', serverUrl: 'https://tv.example.jp' }, 404, 'NOT_FOUND'],
    ];
    for (const [body, status, code, fields] of cases) {
      const response = await push(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      const error = ((await response.json()) as { error: { code: string; fields?: string[] } }).error;
      expect(error.code).toBe(code);
      if (fields) expect(error.fields).toEqual(fields);
    }
    const noCsrf = await push({ deviceIds: [id], serverUrl: 'https://tv.example.jp' }, null);
    expect(noCsrf.status).toBe(403);
    expect(await errorCodeOf(noCsrf)).toBe('CSRF_INVALID');
    expect((await rowOf(s, operator, id)).config).toBeNull();
  });
});

describe('update available', () => {
  it('tells an older TV at hello, and marks its fleet row', async () => {
    const s = await server({ env: { MADOGUCHI_TV_LATEST_VERSION: '9.9.9' } });
    const old = await register(s.cityUrl());
    const current = await register(s.cityUrl(), { ...TV_INFO, appVersion: '9.9.9' });
    old.socket.disconnect();
    current.socket.disconnect();
    expect((await hello(s.cityUrl(), old.token)).session.update).toEqual({ version: '9.9.9' });
    expect(
      (await hello(s.cityUrl(), current.token, { ...TV_INFO, appVersion: '9.9.9' })).session.update,
    ).toBeUndefined();

    const view = await fleetOf(s, await staffLogin(s, 'operator'));
    expect(view.latestVersion).toBe('9.9.9');
    const flags = Object.fromEntries(view.devices.map((device) => [device.id, device.updateAvailable]));
    expect(flags).toEqual({ [old.id]: true, [current.id]: false });
  });

  it('defaults to the TV app version, and refuses a newest version that is not semantic', async () => {
    const s = await server();
    const packageJson = new URL('../../tv-app/package.json', import.meta.url);
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
    expect((await fleetOf(s, await staffLogin(s, 'operator'))).latestVersion).toBe(version);
    await expect(startServer({ env: { MADOGUCHI_TV_LATEST_VERSION: 'latest' } })).rejects.toThrow(
      /apps\.tvLatestVersion/,
    );
  });
});
