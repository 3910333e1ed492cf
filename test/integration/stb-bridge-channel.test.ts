import {
  createPlatform,
  DeviceChannel,
  DEVICE_TOKEN_KEY,
  MemoryStorage,
  type DeviceChannelState,
} from '@madoguchi/stb-bridge';
import { PUSHED_CONFIG_KEY, PUSHED_CONFIG_VERSION_KEY } from '@madoguchi/shared';
import type { DeviceSummary } from '@madoguchi/shared';
import type { WindowServer } from '@madoguchi/window-server';
import { afterEach, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN_TENANT } from './support/counter.js';
import { portOf, startServer } from './support/server.js';

const servers: WindowServer[] = [];
const channels: DeviceChannel[] = [];

afterEach(async () => {
  for (const channel of channels.splice(0)) channel.close();
  for (const s of servers.splice(0)) await s.close();
});

function tvChannel(
  url: string,
  storage = new MemoryStorage(),
): { channel: DeviceChannel; storage: MemoryStorage } {
  const platform = createPlatform({ profileName: 'hbbtv', appVersion: '0.1.0', storage });
  const channel = new DeviceChannel({
    baseUrl: url,
    platform,
    socketOptions: { transports: ['websocket'] },
  });
  channels.push(channel);
  return { channel, storage };
}

function reaches(channel: DeviceChannel, wanted: DeviceChannelState): Promise<void> {
  return new Promise((resolve) => {
    if (channel.state === wanted) return resolve();
    const off = channel.on('state', (state) => {
      if (state !== wanted) return;
      off();
      resolve();
    });
  });
}

describe('the TV device channel (stb-bridge) against window-server', () => {
  it('registers, keeps its token in platform storage, survives a server restart, and forgets a revoked token', async () => {
    const first = await startServer();
    servers.push(first);
    const { channel, storage } = tvChannel(first.cityUrl());
    expect(channel.state).toBe('unregistered');
    const session = await channel.register();
    expect(channel.state).toBe('online');
    const token = storage.get(DEVICE_TOKEN_KEY);
    expect(token).toMatch(/^mdt_/);
    expect(await first.devices.get(session.deviceId)).toMatchObject({ profile: 'hbbtv' });

    // Restart on the same port and data: the channel reconnects with backoff and says hello.
    const port = portOf(first);
    const offline = reaches(channel, 'offline');
    await first.close();
    servers.splice(0);
    await offline;
    const online = reaches(channel, 'online');
    const second = await startServer({ dataDir: first.config.dataDir, port });
    servers.push(second);
    await online;
    expect(second.devices.isOnline(session.deviceId)).toBe(true);
    expect(await channel.updateSettings({ textScale: 1.5 })).toMatchObject({ textScale: 1.5 });

    // A revocation reaches the connected TV; the token is forgotten.
    const revoked = reaches(channel, 'revoked');
    await second.devices.revoke(session.deviceId);
    await revoked;
    expect(storage.get(DEVICE_TOKEN_KEY)).toBeNull();

    // A TV that was off during the revocation is refused at the handshake, with the same outcome.
    const stale = new MemoryStorage();
    stale.set(DEVICE_TOKEN_KEY, token as string);
    const { channel: later } = tvChannel(second.cityUrl(), stale);
    await reaches(later, 'revoked');
    expect(stale.get(DEVICE_TOKEN_KEY)).toBeNull();
  });

  it('reports health, stores a pushed configuration live, and names it at the next start', async () => {
    const s = await startServer({ env: { MADOGUCHI_TV_LATEST_VERSION: '0.2.0' } });
    servers.push(s);
    const { channel, storage } = tvChannel(s.cityUrl());
    const session = await channel.register();
    expect(session.update).toEqual({ version: '0.2.0' });
    await channel.report({
      memory: { deviceGb: 1 },
      errors: [{ at: new Date().toISOString(), message: 'boom' }],
    });
    await expect(channel.report({ errors: [] })).rejects.toMatchObject({ code: 'RATE_LIMITED' });

    const operator = (await s.staff.listAccounts()).find((account) => account.role === 'operator');
    if (!operator) throw new Error('the demo operator is missing');
    const stored = new Promise<void>((resolve) => {
      const off = s.fleet.events.on('changed', (device) => {
        if (device.config?.state !== 'delivered') return;
        off();
        resolve();
      });
    });
    await s.fleet.push(operator, {
      deviceIds: [session.deviceId],
      keyMapOverride: { '403': 'Red' },
    });
    await stored;
    expect(JSON.parse(storage.get(PUSHED_CONFIG_KEY) ?? 'null')).toEqual({
      keyMapOverride: { '403': 'Red' },
    });
    expect(storage.get(PUSHED_CONFIG_VERSION_KEY)).toBe('1');

    // The next start of the app runs with it and says so at hello.
    channel.close();
    const applied = new Promise<void>((resolve) => {
      const off = s.fleet.events.on('changed', (device) => {
        if (device.config?.state !== 'applied') return;
        off();
        resolve();
      });
    });
    const { channel: restarted } = tvChannel(s.cityUrl(), storage);
    await reaches(restarted, 'online');
    await applied;
    expect(await s.fleet.device(session.deviceId)).toMatchObject({
      errors: [{ message: 'boom' }],
      memory: { deviceGb: 1 },
      updateAvailable: true,
      config: { version: 1, appliedVersion: 1, state: 'applied' },
    });
  });

  it('tells the fleet when its camera changes after hello, and a wrong report changes nothing', async () => {
    const s = await startServer({ env: { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN_TENANT } });
    servers.push(s);
    const { channel } = tvChannel(s.cityUrl());
    const { deviceId } = await channel.register();
    const before = (await s.devices.get(deviceId))?.capabilities;
    expect(before?.camera).toBe(false); // hbbtv: no camera at registration

    const heard = new Promise<DeviceSummary>((resolve) => {
      const off = s.devices.events.on('updated', (summary) => {
        if (summary.id !== deviceId) return;
        off();
        resolve(summary);
      });
    });
    const plugged = { camera: true, microphone: true, speech: before?.speech ?? false };
    await channel.reportCapabilities(plugged);
    expect((await heard).capabilities).toEqual(plugged);
    // The row itself, read back from the database the server uses.
    expect((await s.devices.get(deviceId))?.capabilities).toEqual(plugged);
    // The queue entry is made with it: the officer's queue shows a TV with a camera.
    await channel.send('queue:join', { topic: 'childcare' });
    const waiting = (await s.counter.snapshot()).waiting.find((entry) => entry.deviceId === deviceId);
    expect(waiting?.camera).toBe(true);

    await expect(
      channel.send('device:capabilities', { camera: 'yes' } as unknown as typeof plugged),
    ).rejects.toMatchObject({ code: 'PAYLOAD_INVALID' });
    expect((await s.devices.get(deviceId))?.capabilities).toEqual(plugged);
  });
});
