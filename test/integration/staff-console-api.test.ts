import type { DevicePresence, DeviceSummary, RegisterResult, StaffSessionInfo } from '@madoguchi/shared';
import { DEMO_PASSWORD, type WindowServer } from '@madoguchi/window-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TV_INFO,
  connected,
  deviceSocket,
  nextEvent,
  refused,
  request,
  staffSocket,
  type DeviceSocket,
  type StaffSocket,
} from './support/clients.js';
import { testEngine } from '../support/testDatabase.js';
import { startServer } from './support/server.js';

const servers: WindowServer[] = [];
const sockets: (StaffSocket | DeviceSocket)[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const s of servers.splice(0)) await s.close();
});

async function server(env: Record<string, string> = {}): Promise<WindowServer> {
  const s = await startServer({ env });
  servers.push(s);
  return s;
}

interface Session {
  cookie: string;
  csrf: string;
  info: StaffSessionInfo;
}

async function api(
  s: WindowServer,
  method: string,
  path: string,
  options: { session?: Session; body?: unknown; csrf?: string | null; origin?: string | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    origin: options.origin === undefined ? s.url : (options.origin ?? ''),
  };
  if (options.origin === null) delete headers.origin;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.session) {
    headers.cookie = options.session.cookie;
    const csrf = options.csrf === undefined ? options.session.csrf : options.csrf;
    if (csrf !== null) headers['x-csrf-token'] = csrf;
  }
  return fetch(`${s.cityUrl()}/api/v1${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
}

async function login(s: WindowServer, loginId: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await api(s, 'POST', '/auth/login', { body: { loginId, password } });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const info = (await response.json()) as StaffSessionInfo;
  return { cookie: setCookie.split(';')[0] as string, csrf: info.csrfToken, info };
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('staff sign-in', () => {
  it('signs in with a good password and sets a strict, HttpOnly session cookie', async () => {
    const s = await server();
    const response = await api(s, 'POST', '/auth/login', {
      body: { loginId: 'admin', password: DEMO_PASSWORD },
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^madoguchi_session_omura=mss_/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const info = (await response.json()) as StaffSessionInfo;
    expect(info.staff).toMatchObject({ loginId: 'admin', role: 'admin', disabled: false });
    expect(JSON.stringify(info)).not.toContain('password');

    const session = await api(s, 'GET', '/auth/session', {
      session: { cookie: cookie.split(';')[0] as string, csrf: '', info },
    });
    expect(session.status).toBe(200);
  });

  it('refuses a bad password, and an unknown login id, alike', async () => {
    const s = await server();
    const wrong = await api(s, 'POST', '/auth/login', {
      body: { loginId: 'admin', password: 'wrong password!' },
    });
    const unknown = await api(s, 'POST', '/auth/login', {
      body: { loginId: 'nobody', password: 'wrong password!' },
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await errorCode(wrong)).toBe('LOGIN_FAILED');
    expect(await errorCode(unknown)).toBe('LOGIN_FAILED');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('locks an account after five failures in a row, even for the right password', async () => {
    const s = await server();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push(
        (await api(s, 'POST', '/auth/login', { body: { loginId: 'staff', password: `wrong-${i}-password` } }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await api(s, 'POST', '/auth/login', {
      body: { loginId: 'staff', password: DEMO_PASSWORD },
    });
    expect(right.status).toBe(423);
    expect(await right.json()).toEqual({
      error: { code: 'ACCOUNT_LOCKED', message: 'errors.ACCOUNT_LOCKED', params: { minutes: 15 } },
    });
    // Other officers are not affected.
    await login(s, 'admin');
  });

  it('rejects malformed bodies with PAYLOAD_INVALID', async () => {
    const s = await server();
    const missing = await api(s, 'POST', '/auth/login', { body: { loginId: 'admin' } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 'PAYLOAD_INVALID', fields: ['password'] } });
    const broken = await api(s, 'POST', '/auth/login', { body: '{"loginId": ' });
    expect(broken.status).toBe(400);
    const huge = await api(s, 'POST', '/auth/login', {
      body: { loginId: 'admin', password: 'x'.repeat(100_000) },
    });
    expect(huge.status).toBe(413);
    expect(await errorCode(huge)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses sign-in posted from another site', async () => {
    const s = await server();
    const response = await api(s, 'POST', '/auth/login', {
      body: { loginId: 'admin', password: DEMO_PASSWORD },
      origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('CSRF_INVALID');
    // A hidden origin is judged by the browser's own Sec-Fetch-Site.
    const hidden = (site: string) =>
      fetch(`${s.cityUrl()}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'null', 'sec-fetch-site': site },
        body: JSON.stringify({ loginId: 'admin', password: DEMO_PASSWORD }),
      });
    expect((await hidden('cross-site')).status).toBe(403);
    expect((await hidden('same-origin')).status).toBe(200);
  });

  it('signs out: the cookie stops working', async () => {
    const s = await server();
    const session = await login(s, 'staff');
    expect((await api(s, 'POST', '/auth/logout', { session })).status).toBe(204);
    expect((await api(s, 'GET', '/auth/session', { session })).status).toBe(401);
  });
});

describe('CSRF and roles', () => {
  it('needs the CSRF token on state-changing requests', async () => {
    const s = await server();
    const session = await login(s, 'admin');
    const body = {
      loginId: 'newcomer',
      displayName: '新人 次郎',
      role: 'staff',
      password: 'a long enough passphrase',
    };
    const missing = await api(s, 'POST', '/staff-accounts', { session, body, csrf: null });
    expect(missing.status).toBe(403);
    expect(await errorCode(missing)).toBe('CSRF_INVALID');
    const wrong = await api(s, 'POST', '/staff-accounts', { session, body, csrf: 'csrf_wrong' });
    expect(wrong.status).toBe(403);
    const foreign = await api(s, 'POST', '/staff-accounts', { session, body, origin: 'http://127.0.0.1:1' });
    expect(foreign.status).toBe(403);
    const accounts = await (await api(s, 'GET', '/staff-accounts', { session })).json();
    expect((accounts as { accounts: { loginId: string }[] }).accounts.map((a) => a.loginId)).not.toContain(
      'newcomer',
    );
  });

  it('keeps admin pages from staff and supervisors, and devices from strangers', async () => {
    const s = await server();
    const staff = await login(s, 'staff');
    const supervisor = await login(s, 'supervisor');
    expect((await api(s, 'GET', '/staff-accounts', { session: staff })).status).toBe(403);
    expect((await api(s, 'GET', '/staff-accounts', { session: supervisor })).status).toBe(403);
    expect((await api(s, 'GET', '/devices', { session: staff })).status).toBe(200);
    expect((await api(s, 'GET', '/devices')).status).toBe(401);
    expect((await api(s, 'POST', '/devices/dev_abc/revoke', { session: staff })).status).toBe(403);
  });
});

describe('staff accounts', () => {
  it('an admin creates an account that can sign in, and refuses a duplicate login id', async () => {
    const s = await server();
    const admin = await login(s, 'admin');
    const body = {
      loginId: 'tanaka',
      displayName: '田中 三郎',
      role: 'supervisor',
      password: 'correct horse battery',
    };
    const created = await api(s, 'POST', '/staff-accounts', { session: admin, body });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      account: { loginId: 'tanaka', role: 'supervisor', disabled: false },
    });
    const again = await api(s, 'POST', '/staff-accounts', { session: admin, body });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'CONFLICT', fields: ['loginId'] } });
    const tanaka = await login(s, 'tanaka', 'correct horse battery');
    expect(tanaka.info.staff.role).toBe('supervisor');

    const short = await api(s, 'POST', '/staff-accounts', {
      session: admin,
      body: { ...body, loginId: 'x', password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { fields: ['loginId', 'password'] } });
  });

  it('disabling an account ends its sessions and sockets at once', async () => {
    const s = await server();
    const admin = await login(s, 'admin');
    const staff = await login(s, 'staff');
    const socket = staffSocket(s.cityUrl(), staff.cookie);
    sockets.push(socket);
    await connected(socket);
    const ended = nextEvent<string>(socket, 'session:ended');

    const patch = await api(s, 'PATCH', `/staff-accounts/${staff.info.staff.id}`, {
      session: admin,
      body: { disabled: true },
    });
    expect(patch.status).toBe(200);
    expect(await ended).toBe('disabled');
    expect((await api(s, 'GET', '/devices', { session: staff })).status).toBe(401);
    const relogin = await api(s, 'POST', '/auth/login', {
      body: { loginId: 'staff', password: DEMO_PASSWORD },
    });
    expect(relogin.status).toBe(403);
    expect(await errorCode(relogin)).toBe('ACCOUNT_DISABLED');

    await api(s, 'PATCH', `/staff-accounts/${staff.info.staff.id}`, {
      session: admin,
      body: { disabled: false },
    });
    await login(s, 'staff');
  });

  it('an admin cannot disable themself', async () => {
    const s = await server();
    const admin = await login(s, 'admin');
    const response = await api(s, 'PATCH', `/staff-accounts/${admin.info.staff.id}`, {
      session: admin,
      body: { disabled: true },
    });
    expect(response.status).toBe(403);
  });
});

describe('/staff namespace', () => {
  it('refuses a socket without a session', async () => {
    const s = await server();
    const anonymous = staffSocket(s.cityUrl());
    sockets.push(anonymous);
    expect(await refused(anonymous)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = staffSocket(s.cityUrl(), 'madoguchi_session=mss_forged');
    sockets.push(forged);
    expect(await refused(forged)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('shows TVs coming online and going offline, live', async () => {
    const s = await server();
    const staff = await login(s, 'staff');
    const socket = staffSocket(s.cityUrl(), staff.cookie);
    sockets.push(socket);
    await connected(socket);
    expect(await request(socket, 'devices:list', {})).toEqual({ ok: true, data: { devices: [] } });

    const updated = nextEvent<DeviceSummary>(socket, 'device:updated');
    const online = nextEvent<DevicePresence>(socket, 'device:presence');
    const tv = deviceSocket(s.cityUrl());
    sockets.push(tv);
    await connected(tv);
    const registered = await request<RegisterResult>(tv, 'device:register', TV_INFO);
    const id = registered.ok ? registered.data.deviceId : '';
    expect(await updated).toMatchObject({ id, profile: 'hbbtv', appVersion: '0.1.0' });
    expect(await online).toMatchObject({ deviceId: id, online: true });

    const offline = nextEvent<DevicePresence>(socket, 'device:presence');
    tv.disconnect();
    expect(await offline).toMatchObject({ deviceId: id, online: false });
    const list = await request<{ devices: DeviceSummary[] }>(socket, 'devices:list', {});
    expect(list.ok && list.data.devices).toMatchObject([{ id, online: false, revoked: false }]);
  });

  it('a supervisor revokes a TV over HTTP; the TV is told and the console sees it', async () => {
    const s = await server();
    const supervisor = await login(s, 'supervisor');
    const tv = deviceSocket(s.cityUrl());
    sockets.push(tv);
    await connected(tv);
    const registered = await request<RegisterResult>(tv, 'device:register', TV_INFO);
    const id = registered.ok ? registered.data.deviceId : '';
    const told = nextEvent(tv, 'device:revoked');
    const response = await api(s, 'POST', `/devices/${id}/revoke`, { session: supervisor });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ device: { id, revoked: true } });
    await told;
    expect((await api(s, 'POST', '/devices/dev_unknown/revoke', { session: supervisor })).status).toBe(404);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz, and heals a killed mediasoup worker', async () => {
    const s = await server();
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      checks: {
        database: { engine: testEngine(), answers: true },
        mediaWorkers: { running: 1, expected: 1 },
      },
    });

    const [pid] = s.media.pids();
    const restarted = new Promise<number>((resolve) =>
      s.media.events.on('workerRestarted', ({ pid: p }) => resolve(p)),
    );
    process.kill(pid as number, 'SIGKILL');
    const newPid = await restarted;
    expect(newPid).not.toBe(pid);
    const after = await (await fetch(`${s.url}/readyz`)).json();
    expect(after).toMatchObject({ status: 'ready', checks: { mediaWorkers: { running: 1, restarts: 1 } } });
  });

  it('sends security headers', async () => {
    const s = await server();
    const response = await fetch(`${s.url}/healthz`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
    // Lightning compiles its templates at run time; only the TV app may eval.
    const tv = await fetch(`${s.cityUrl()}/tv/`);
    expect(tv.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-eval'");
    const staff = await fetch(`${s.cityUrl()}/staff/`);
    expect(staff.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect((await fetch(`${s.cityUrl()}/no/such/page`)).status).toBe(404);
  });
});
