import type { DeviceSession, DeviceSettings, RegisterResult } from '@madoguchi/shared';
import { TABLES_IN_ORDER, type WindowServer } from '@madoguchi/window-server';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TV_INFO,
  connected,
  deviceSocket,
  nextEvent,
  refused,
  request,
  type DeviceSocket,
} from './support/clients.js';
import { rawQuery } from '../support/rawDatabase.js';
import { portOf, startServer } from './support/server.js';

const servers: WindowServer[] = [];
const sockets: DeviceSocket[] = [];

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<WindowServer> {
  const started = await startServer(options);
  servers.push(started);
  return started;
}

function tv(url: string, token?: string, reconnection = false): DeviceSocket {
  const socket = deviceSocket(url, token, reconnection);
  sockets.push(socket);
  return socket;
}

async function register(url: string): Promise<{ socket: DeviceSocket; result: RegisterResult }> {
  const socket = tv(url);
  await connected(socket);
  const ack = await request<RegisterResult>(socket, 'device:register', TV_INFO);
  if (!ack.ok) throw new Error(`register failed: ${ack.error.code}`);
  return { socket, result: ack.data };
}

const rawDevices = (s: WindowServer): Promise<Record<string, unknown>[]> =>
  rawQuery(s.config, 'SELECT * FROM devices ORDER BY registered_at, id');

/** Whether `text` is anywhere in what the database keeps: the SQLite file's bytes, or every PostgreSQL row. */
async function storedAnywhere(s: WindowServer, text: string): Promise<boolean> {
  if (!s.config.database.url) {
    const files = ['madoguchi.db', 'madoguchi.db-wal'].map((name) => join(s.config.dataDir, name));
    return Buffer.concat(files.filter((file) => existsSync(file)).map((file) => readFileSync(file))).includes(
      text,
    );
  }
  for (const table of TABLES_IN_ORDER) {
    if (JSON.stringify(await rawQuery(s.config, `SELECT * FROM ${table}`)).includes(text)) return true;
  }
  return false;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const s of servers.splice(0)) await s.close();
});

describe('/device: registration', () => {
  it('gives a TV without a token a device token, and stores only its hash', async () => {
    const s = await server();
    const { result } = await register(s.cityUrl());
    expect(result.token).toMatch(/^mdt_[A-Za-z0-9_-]{43}$/);
    expect(result.deviceId).toMatch(/^dev_/);
    expect(result.settings).toEqual({
      textScale: 1,
      language: 'ja',
      speech: { enabled: true, rate: 1, volume: 1 },
    });
    expect(result.tenant.services).toEqual([
      'videoCounter',
      'notices',
      'wallet',
      'mutualAid',
      'childcare',
      'hours',
      'guide',
      'settings',
    ]);

    const rows = await rawDevices(s);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: result.deviceId, profile: 'hbbtv', app_version: '0.1.0' });
    expect(await storedAnywhere(s, result.token)).toBe(false);
    expect(rows[0]?.token_hash).not.toBe(result.token);
  });

  it('lets a registered TV come back with its token and says hello', async () => {
    const s = await server();
    const { socket, result } = await register(s.cityUrl());
    socket.disconnect();
    const again = tv(s.cityUrl(), result.token);
    await connected(again);
    const hello = await request<DeviceSession>(again, 'device:hello', { ...TV_INFO, appVersion: '0.2.0' });
    expect(hello).toMatchObject({ ok: true, data: { deviceId: result.deviceId } });
    expect((await rawDevices(s))[0]).toMatchObject({ app_version: '0.2.0' });
  });

  it('refuses hello before registration and a second registration', async () => {
    const s = await server();
    const fresh = tv(s.cityUrl());
    await connected(fresh);
    expect(await request(fresh, 'device:hello', TV_INFO)).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_NOT_REGISTERED', message: 'errors.DEVICE_NOT_REGISTERED' },
    });
    const { socket } = await register(s.cityUrl());
    expect(await request(socket, 'device:register', TV_INFO)).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_ALREADY_REGISTERED' },
    });
    expect(await rawDevices(s)).toHaveLength(1);
  });

  it('refuses an unknown token with a clear error', async () => {
    const s = await server();
    expect(await refused(tv(s.cityUrl(), 'mdt_not-a-real-token'))).toEqual({
      code: 'DEVICE_TOKEN_INVALID',
      message: 'errors.DEVICE_TOKEN_INVALID',
    });
  });

  it('limits registrations per address', async () => {
    const s = await server({ env: { MADOGUCHI_REGISTRATIONS_PER_HOUR: '2' } });
    await register(s.cityUrl());
    await register(s.cityUrl());
    const third = tv(s.cityUrl());
    await connected(third);
    expect(await request(third, 'device:register', TV_INFO)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(await rawDevices(s)).toHaveLength(2);
  });
});

describe('/device: bad input changes nothing', () => {
  it('answers malformed payloads with PAYLOAD_INVALID and the wrong fields', async () => {
    const s = await server();
    const { socket } = await register(s.cityUrl());
    const before = await rawDevices(s);

    const cases: unknown[][] = [
      [{ textScale: 3 }],
      [{ language: 'fr' }],
      [{ speech: { rate: 'fast' } }],
      [{ textScale: 1.25, sneaky: true }],
      ['not an object'],
      [null],
      [{ textScale: 1.25 }, 'extra argument'],
    ];
    for (const args of cases) {
      const ack = await request(socket, 'settings:update', ...args);
      expect(ack.ok, JSON.stringify(args)).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe('PAYLOAD_INVALID');
    }
    const hello = await request(socket, 'device:hello', { ...TV_INFO, screen: { width: -1, height: 1080 } });
    expect(hello).toMatchObject({ ok: false, error: { code: 'PAYLOAD_INVALID', fields: ['screen.width'] } });
    expect(await rawDevices(s)).toEqual(before);
  });

  it('answers an unknown event with NOT_FOUND', async () => {
    const s = await server();
    const { socket } = await register(s.cityUrl());
    expect(await request(socket, 'device:explode', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('answers a payload over the schema limits with an error, and closes a connection sending megabytes', async () => {
    const s = await server();
    const { socket, result } = await register(s.cityUrl());
    const long = await request(socket, 'device:hello', { ...TV_INFO, model: 'x'.repeat(5000) });
    expect(long).toMatchObject({ ok: false, error: { code: 'PAYLOAD_INVALID', fields: ['model'] } });

    const closed = nextEvent<string>(socket, 'disconnect');
    socket.emit('device:hello', { ...TV_INFO, model: 'x'.repeat(2_000_000) }, () => undefined);
    expect(await closed).toBe('transport close');
    expect((await rawDevices(s))[0]).toMatchObject({ model: TV_INFO.model });

    // The server is unharmed: the same TV reconnects and works.
    const again = tv(s.cityUrl(), result.token);
    await connected(again);
    expect((await request(again, 'device:hello', TV_INFO)).ok).toBe(true);
  });
});

describe('/device: settings', () => {
  it('saves settings per device and gives them back on the next hello', async () => {
    const s = await server();
    const { socket, result } = await register(s.cityUrl());
    const ack = await request<{ settings: DeviceSettings }>(socket, 'settings:update', {
      textScale: 1.5,
      speech: { rate: 0.8 },
    });
    expect(ack).toMatchObject({
      ok: true,
      data: { settings: { textScale: 1.5, speech: { enabled: true, rate: 0.8 } } },
    });
    socket.disconnect();
    const again = tv(s.cityUrl(), result.token);
    await connected(again);
    const hello = await request<DeviceSession>(again, 'device:hello', TV_INFO);
    expect(hello).toMatchObject({ ok: true, data: { settings: { textScale: 1.5, language: 'ja' } } });
  });

  it('tells a TV the opening hours', async () => {
    const s = await server();
    const { socket } = await register(s.cityUrl());
    const ack = await request<{ days: unknown[] }>(socket, 'tenant:opening', {});
    expect(ack.ok && ack.data.days).toHaveLength(14);
  });
});

describe('/device: restart and revocation', () => {
  it('reconnects by itself after a server restart and keeps working with the same token', async () => {
    const first = await server();
    const { result } = await register(first.cityUrl());
    const port = portOf(first);
    const dataDir = first.config.dataDir;

    const socket = tv(first.cityUrl(), result.token, true);
    await connected(socket);
    const down = nextEvent(socket, 'disconnect');
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await down;

    const reconnected = nextEvent(socket, 'connect');
    const second = await server({ dataDir, port });
    await reconnected;
    const hello = await request<DeviceSession>(socket, 'device:hello', TV_INFO);
    expect(hello).toMatchObject({ ok: true, data: { deviceId: result.deviceId } });
    expect(second.devices.isOnline(result.deviceId)).toBe(true);
  });

  it('tells a connected TV that its token was revoked, and refuses the token afterwards', async () => {
    const s = await server();
    const { result } = await register(s.cityUrl());
    const socket = tv(s.cityUrl(), result.token);
    await connected(socket);
    const told = nextEvent(socket, 'device:revoked');
    const closed = nextEvent(socket, 'disconnect');
    await s.devices.revoke(result.deviceId);
    expect(await told).toEqual({ code: 'DEVICE_TOKEN_REVOKED', message: 'errors.DEVICE_TOKEN_REVOKED' });
    await closed;
    expect(await refused(tv(s.cityUrl(), result.token))).toEqual({
      code: 'DEVICE_TOKEN_REVOKED',
      message: 'errors.DEVICE_TOKEN_REVOKED',
    });
  });

  it('records presence and last seen', async () => {
    const s = await server();
    const { socket, result } = await register(s.cityUrl());
    expect((await s.devices.list())[0]).toMatchObject({ id: result.deviceId, online: true });
    const offline = new Promise<void>((resolve) =>
      s.devices.events.on('presence', (p) => {
        if (!p.online) resolve();
      }),
    );
    socket.disconnect();
    await offline;
    expect((await s.devices.list())[0]).toMatchObject({ online: false });
  });
});
