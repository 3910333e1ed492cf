import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_DEVICE_SETTINGS,
  applySettingsPatch,
  errorAck,
  okAck,
  PUSHED_CONFIG_KEY,
  PUSHED_CONFIG_VERSION_KEY,
  type Clock,
  type DeviceClientToServerEvents,
  type DeviceReport,
  type HelloPayload,
  type MyQueueEntry,
  type PushedConfig,
  type DeviceServerToClientEvents,
  type DeviceSettings,
  type TenantPublic,
} from '@madoguchi/shared';
import { Server } from 'socket.io';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createPlatform } from '../platform/createPlatform.js';
import { ManualLifecycle } from '../platform/lifecycle.js';
import { MemoryStorage } from '../platform/storage.js';
import { DEVICE_TOKEN_KEY, DeviceChannel, type DeviceChannelState } from './DeviceChannel.js';
import { DeviceRequestError } from './errors.js';

const TENANT: TenantPublic = {
  id: 'omura',
  displayName: { ja: '大村市', en: 'Omura City' },
  colours: {
    background: '#0b1d3a',
    surface: '#16335f',
    text: '#f4f6fa',
    focus: '#ffd23f',
    accent: '#2f6fb0',
  },
  services: ['hours', 'guide', 'settings'],
  contact: { phone: '0957-53-4111', office: { ja: '大村市役所', en: 'Omura City Hall' } },
};

interface Device {
  id: string;
  revoked: boolean;
  settings: DeviceSettings;
}

/** The city's base path on the server: its namespace and HTTP API live below it. */
const TENANT_BASE = `/t/${TENANT.id}`;

/**
 * Just enough of window-server to drive the channel for real: the city's device namespace
 * (`/t/omura/device`) and one HTTP route below its base, nothing at the root.
 */
class FakeWindowServer {
  readonly devices = new Map<string, Device>();
  readonly hellos: string[] = [];
  readonly helloPayloads: HelloPayload[] = [];
  readonly reports: DeviceReport[] = [];
  readonly stored: number[] = [];
  /** Every HTTP request: method, path and the bearer token it carried. */
  readonly httpRequests: { method: string; url: string; authorization: string | undefined }[] = [];
  /** Sent with every hello until the TV says it stored it. */
  pendingConfig: PushedConfig | undefined;
  update: { version: string } | undefined;
  answerOpening = true;
  private http!: HttpServer;
  private io!: Server<DeviceClientToServerEvents, DeviceServerToClientEvents>;
  port = 0;

  static async start(): Promise<FakeWindowServer> {
    const server = new FakeWindowServer();
    await server.listen(0);
    return server;
  }

  /** The server's origin. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What a TV of this city is given: origin and tenant base. */
  get baseUrl(): string {
    return `${this.url}${TENANT_BASE}`;
  }

  /** The city's device namespace; the root `/device` does not exist, as on a multi-city server. */
  private get deviceNamespace() {
    return this.io.of(`${TENANT_BASE}/device`);
  }

  async listen(port: number): Promise<void> {
    this.http = createServer((request, response) => this.answerHttp(request, response));
    this.io = new Server(this.http);
    const nsp = this.deviceNamespace;
    nsp.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: string }).token;
      if (token === undefined) return next();
      const device = this.devices.get(token);
      const code = !device ? 'DEVICE_TOKEN_INVALID' : device.revoked ? 'DEVICE_TOKEN_REVOKED' : undefined;
      if (!code) {
        socket.data.token = token;
        return next();
      }
      next(Object.assign(new Error(code), { data: { code, message: `errors.${code}` } }));
    });
    nsp.on('connection', (socket) => {
      socket.on('device:register', (info, ack) => {
        const token = `token-${this.devices.size + 1}`;
        const device = {
          id: `device-${this.devices.size + 1}`,
          revoked: false,
          settings: DEFAULT_DEVICE_SETTINGS,
        };
        this.devices.set(token, device);
        socket.data.token = token;
        void socket.join(device.id);
        ack(okAck({ token, deviceId: device.id, settings: device.settings, tenant: TENANT }));
        expect(info.profile).toBe('browser');
      });
      socket.on('device:hello', (info, ack) => {
        const device = this.devices.get(socket.data.token as string);
        if (!device) return ack(errorAck('DEVICE_NOT_REGISTERED'));
        this.hellos.push(device.id);
        this.helloPayloads.push(info);
        void socket.join(device.id);
        ack(
          okAck({
            deviceId: device.id,
            settings: device.settings,
            tenant: TENANT,
            ...(this.update ? { update: this.update } : {}),
            ...(this.pendingConfig ? { pushedConfig: this.pendingConfig } : {}),
          }),
        );
      });
      socket.on('device:report', (report, ack) => {
        this.reports.push(report);
        ack(okAck({}));
      });
      socket.on('config:stored', ({ version }, ack) => {
        this.stored.push(version);
        if (this.pendingConfig?.version === version) this.pendingConfig = undefined;
        ack(okAck({}));
      });
      socket.on('settings:update', (patch, ack) => {
        const device = this.devices.get(socket.data.token as string);
        if (!device) return ack(errorAck('DEVICE_NOT_REGISTERED'));
        if (patch.language === undefined && patch.textScale === undefined && !patch.speech) {
          return ack(errorAck('PAYLOAD_INVALID', ['(root)']));
        }
        device.settings = applySettingsPatch(device.settings, patch);
        ack(okAck({ settings: device.settings }));
      });
      socket.on('tenant:opening', (_payload, ack) => {
        if (this.answerOpening) ack(okAck({ openNow: true, nextOpening: null, closesAt: null, days: [] }));
      });
    });
    await new Promise<void>((resolve) => this.http.listen(port, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  /** `POST <base>/api/v1/device/authorize` answers; anything else is 404, as at the root. */
  private answerHttp(request: IncomingMessage, response: ServerResponse): void {
    const authorization = request.headers.authorization;
    this.httpRequests.push({ method: request.method ?? '', url: request.url ?? '', authorization });
    const found = request.method === 'POST' && request.url === `${TENANT_BASE}/api/v1/device/authorize`;
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(found ? { user_code: 'WDJB-MJHT' } : { error: 'not found' }));
  }

  revoke(deviceId: string): void {
    for (const device of this.devices.values()) if (device.id === deviceId) device.revoked = true;
    const room = this.deviceNamespace.to(deviceId);
    room.emit('device:revoked', { code: 'DEVICE_TOKEN_REVOKED', message: 'errors.DEVICE_TOKEN_REVOKED' });
    room.disconnectSockets(true);
  }

  pushSettings(deviceId: string, settings: DeviceSettings): void {
    this.deviceNamespace.to(deviceId).emit('settings:changed', settings);
  }

  pushConfig(deviceId: string, config: PushedConfig): void {
    this.deviceNamespace.to(deviceId).emit('config:pushed', config);
  }

  async stop(): Promise<void> {
    this.io.disconnectSockets(true);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  /** Like a killed process: connections drop without a goodbye. */
  async kill(): Promise<void> {
    this.io.engine.close();
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  async restart(how: 'stop' | 'kill' = 'stop'): Promise<void> {
    await (how === 'stop' ? this.stop() : this.kill());
    await this.listen(this.port);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface SetUpOptions {
  storage?: MemoryStorage;
  requestTimeoutMs?: number;
  clock?: Clock;
}

async function setUp(options: SetUpOptions = {}) {
  const server = await FakeWindowServer.start();
  cleanups.push(() => server.stop());
  const storage = options.storage ?? new MemoryStorage();
  const lifecycle = new ManualLifecycle();
  const base = createPlatform({ profileName: 'browser', appVersion: '0.1.0', storage, model: 'vitest' });
  const platform = { storage, deviceInfo: () => base.deviceInfo(), lifecycle };
  /** A channel to the city's base, or to another base URL. */
  const open = (baseUrl = server.baseUrl) => {
    const channel = new DeviceChannel({
      baseUrl,
      platform,
      requestTimeoutMs: options.requestTimeoutMs ?? 2_000,
      socketOptions: { transports: ['websocket'] },
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const states: DeviceChannelState[] = [];
    channel.on('state', (state) => states.push(state));
    cleanups.push(() => channel.close());
    return { channel, states };
  };
  return { server, storage, lifecycle, open };
}

const waitForState = (channel: DeviceChannel, state: DeviceChannelState, timeout = 5_000) =>
  vi.waitFor(() => expect(channel.state).toBe(state), { timeout, interval: 20 });

describe('DeviceChannel', () => {
  it('without a token waits unregistered; register() stores the token and goes online', async () => {
    const { storage, open } = await setUp();
    const { channel, states } = open();
    expect(channel.state).toBe('unregistered');
    const sessions: string[] = [];
    channel.on('session', (session) => sessions.push(session.deviceId));

    const session = await channel.register();

    expect(session).toEqual({ deviceId: 'device-1', settings: DEFAULT_DEVICE_SETTINGS, tenant: TENANT });
    expect(storage.get(DEVICE_TOKEN_KEY)).toBe('token-1');
    expect(channel.state).toBe('online');
    expect(states).toEqual(['connecting', 'online']);
    expect(sessions).toEqual(['device-1']);
    await expect(channel.register()).rejects.toMatchObject({ code: 'DEVICE_ALREADY_REGISTERED' });
  });

  it('with a stored token connects by itself and says hello', async () => {
    const { server, open } = await setUp();
    const first = open().channel;
    await first.register();
    first.close();

    const { channel, states } = open();
    await waitForState(channel, 'online');
    expect(states).toEqual(['online']);
    expect(channel.session?.deviceId).toBe('device-1');
    expect(server.hellos).toEqual(['device-1']);
  });

  it.each(['stop', 'kill'] as const)(
    'survives a server restart (%s): offline, then hello again',
    async (how) => {
      const { server, open } = await setUp();
      const { channel, states } = open();
      await channel.register();
      await server.restart(how);
      await waitForState(channel, 'offline');
      await waitForState(channel, 'online', 10_000);
      expect(states).toEqual(['connecting', 'online', 'offline', 'online']);
      expect(server.hellos).toEqual(['device-1']);
    },
    15_000,
  );

  it('forgets a token the server does not know and reports revoked', async () => {
    const storage = new MemoryStorage();
    storage.set(DEVICE_TOKEN_KEY, 'made-up');
    const { open } = await setUp({ storage });
    const { channel } = open();
    await waitForState(channel, 'revoked');
    expect(storage.get(DEVICE_TOKEN_KEY)).toBeNull();
    expect(channel.hasToken).toBe(false);
  });

  it('on device:revoked forgets the token; a later register() starts over', async () => {
    const { server, storage, open } = await setUp();
    const { channel, states } = open();
    await channel.register();
    server.revoke('device-1');
    await waitForState(channel, 'revoked');
    expect(storage.get(DEVICE_TOKEN_KEY)).toBeNull();
    expect(channel.session).toBeUndefined();

    const again = await channel.register();
    expect(again.deviceId).toBe('device-2');
    expect(storage.get(DEVICE_TOKEN_KEY)).toBe('token-2');
    expect(states).toEqual(['connecting', 'online', 'revoked', 'connecting', 'online']);
  });

  it('a revoked token refused at the handshake also ends in revoked', async () => {
    const { server, storage, open } = await setUp();
    const first = open().channel;
    await first.register();
    first.close();
    server.revoke('device-1');

    const { channel } = open();
    await waitForState(channel, 'revoked');
    expect(storage.get(DEVICE_TOKEN_KEY)).toBeNull();
  });

  it('updateSettings saves and tells listeners; an error ack rejects with the AckError', async () => {
    const { server, open } = await setUp();
    const { channel } = open();
    await channel.register();
    const heard: DeviceSettings[] = [];
    channel.on('settings', (settings) => heard.push(settings));

    const saved = await channel.updateSettings({ textScale: 1.5, speech: { rate: 0.8 } });
    expect(saved).toEqual({
      ...DEFAULT_DEVICE_SETTINGS,
      textScale: 1.5,
      speech: { enabled: true, rate: 0.8, volume: 1 },
    });
    expect(channel.session?.settings).toEqual(saved);
    expect(heard).toEqual([saved]);

    const failure = channel.updateSettings({});
    await expect(failure).rejects.toBeInstanceOf(DeviceRequestError);
    await expect(failure).rejects.toMatchObject({
      code: 'PAYLOAD_INVALID',
      message: 'errors.PAYLOAD_INVALID',
      fields: ['(root)'],
    });

    server.pushSettings('device-1', { ...saved, language: 'en' });
    await vi.waitFor(() => expect(channel.session?.settings.language).toBe('en'));
  });

  it('a request the server never answers fails with SERVER_UNREACHABLE after the timeout', async () => {
    const { server, open } = await setUp({ requestTimeoutMs: 300 });
    const { channel } = open();
    await channel.register();
    expect((await channel.openingStatus()).openNow).toBe(true);
    server.answerOpening = false;
    await expect(channel.openingStatus()).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE' });
  });

  it('refuses requests at once while offline, instead of queueing them', async () => {
    const { server, open } = await setUp();
    const { channel } = open();
    await channel.register();
    await server.stop();
    await waitForState(channel, 'offline');
    await expect(channel.updateSettings({ textScale: 1.25 })).rejects.toMatchObject({
      code: 'SERVER_UNREACHABLE',
    });
  });

  it('register() fails with SERVER_UNREACHABLE when nobody answers, and stays unregistered', async () => {
    const { server, open } = await setUp({ requestTimeoutMs: 500 });
    await server.stop();
    const { channel } = open();
    await expect(channel.register()).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE' });
    expect(channel.state).toBe('unregistered');
  });

  it('disconnects on suspend and comes back on resume', async () => {
    const { server, lifecycle, open } = await setUp();
    const { channel } = open();
    await channel.register();
    lifecycle.suspend();
    expect(channel.state).toBe('offline');
    lifecycle.resume();
    await waitForState(channel, 'online');
    expect(server.hellos).toEqual(['device-1']);
  });

  it('reports at most once a minute, refusing sooner reports itself', async () => {
    let nowMs = Date.parse('2025-04-01T00:00:00Z');
    const { server, open } = await setUp({ clock: { now: () => new Date(nowMs) } });
    const { channel } = open();
    await channel.register();
    await channel.report({ memory: null, errors: [{ at: new Date(nowMs).toISOString(), message: 'boom' }] });
    await expect(channel.report({ errors: [] })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    nowMs += 60_000;
    await channel.report({ errors: [] });
    expect(server.reports).toHaveLength(2);
    expect(server.reports[0]?.errors[0]?.message).toBe('boom');
  });

  it('stores a configuration pushed live or with the session, and says so', async () => {
    const { server, storage, open } = await setUp();
    const first = open();
    await first.channel.register();
    const heard: PushedConfig[] = [];
    first.channel.on('config', (config) => heard.push(config));
    server.pushConfig('device-1', { version: 1, keyMapOverride: { '403': 'Red', '8': null } });
    await vi.waitFor(() => expect(server.stored).toEqual([1]));
    expect(JSON.parse(storage.get(PUSHED_CONFIG_KEY) ?? 'null')).toEqual({
      keyMapOverride: { '403': 'Red', '8': null },
    });
    expect(storage.get(PUSHED_CONFIG_VERSION_KEY)).toBe('1');
    expect(heard).toHaveLength(1);
    first.channel.close();

    // The next start runs with version 1 and says so; version 2 waits in the session.
    server.pendingConfig = { version: 2, serverUrl: 'https://tv.example.jp' };
    server.update = { version: '9.0.0' };
    const { channel } = open();
    await waitForState(channel, 'online');
    expect(server.helloPayloads.at(-1)?.appliedConfigVersion).toBe(1);
    expect(channel.session?.update).toEqual({ version: '9.0.0' });
    await vi.waitFor(() => expect(server.stored).toEqual([1, 2]));
    expect(JSON.parse(storage.get(PUSHED_CONFIG_KEY) ?? 'null')).toEqual({
      serverUrl: 'https://tv.example.jp',
    });
    // An older version pushed late is acknowledged but does not replace the newer one.
    server.pushConfig('device-1', { version: 1, keyMapOverride: {} });
    await vi.waitFor(() => expect(server.stored).toEqual([1, 2, 1]));
    expect(storage.get(PUSHED_CONFIG_VERSION_KEY)).toBe('2');
  });

  it("speaks to its city's base: the namespace /t/<tenant>/device and HTTP below /t/<tenant>", async () => {
    const { server, open } = await setUp();
    // A trailing slash on the base changes nothing.
    const { channel } = open(`${server.baseUrl}/`);
    await channel.register();
    expect(channel.state).toBe('online');

    const answer = await channel.http('/api/v1/device/authorize', { method: 'POST', body: {} });

    expect(answer).toEqual({ status: 200, body: { user_code: 'WDJB-MJHT' } });
    expect(server.httpRequests).toEqual([
      { method: 'POST', url: '/t/omura/api/v1/device/authorize', authorization: 'Bearer token-1' },
    ]);
  });

  it('given only the origin, reaches no namespace and stays unregistered', async () => {
    const { server, open } = await setUp({ requestTimeoutMs: 500 });
    const { channel } = open(server.url);
    await expect(channel.register()).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE' });
    expect(channel.state).toBe('unregistered');
    expect(server.devices.size).toBe(0);
  });

  it('rejects every call once closed', async () => {
    const { open } = await setUp();
    const { channel } = open();
    channel.close();
    await expect(channel.register()).rejects.toThrow(/closed/);
    await expect(channel.openingStatus()).rejects.toThrow(/closed/);
  });

  it('types every request and push from the contract', () => {
    // Only compiled, never run: a wrong name or payload must not build.
    const typed = (channel: DeviceChannel) => {
      expectTypeOf(channel.send('queue:join', { topic: 'childcare' })).resolves.toEqualTypeOf<MyQueueEntry>();
      channel.onServer('queue:updated', (entry) => expectTypeOf(entry).toEqualTypeOf<MyQueueEntry | null>());
      // @ts-expect-error: not an event of the /device namespace
      void channel.send('queue:accept', {});
      // @ts-expect-error: queue:join needs a topic
      void channel.send('queue:join', {});
    };
    expect(typed).toBeTypeOf('function');
  });
});
