import {
  deviceSettingsSchema,
  epochMs,
  pushedConfigSchema,
  PUSHED_CONFIG_KEY,
  PUSHED_CONFIG_VERSION_KEY,
  REPORT_INTERVAL_MS,
  systemClock,
  TypedEmitter,
  type Clock,
  type DeviceCapabilities,
  type DeviceConnectErrorData,
  type DevicePushName,
  type DeviceRequestName,
  type DeviceSession,
  type DeviceSettings,
  type DeviceReport,
  type DeviceSettingsPatch,
  type ErrorCode,
  type OpeningStatus,
  type PushedConfig,
} from '@madoguchi/shared';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Lifecycle, Platform } from '../platform/Platform.js';
import { Backoff, RETRY_JITTER, RETRY_MAX_MS, RETRY_MIN_MS } from './Backoff.js';
import {
  contractSocket,
  type ContractSocket,
  type DevicePayload,
  type DevicePush,
  type DeviceReply,
  type DeviceSocket,
} from './deviceContract.js';
import { httpAsDevice, type DeviceHttpAnswer, type DeviceHttpRequest } from './deviceHttp.js';
import { DeviceChannelClosedError, DeviceRequestError } from './errors.js';
import { isAck, isObject, parseSession } from './serverAnswers.js';

/** Where the TV keeps its only credential. */
export const DEVICE_TOKEN_KEY = 'madoguchi.deviceToken';

/**
 * - `unregistered`: no token; waits for `register()`.
 * - `connecting`: first connection (or registration) under way.
 * - `online`: the server knows this TV and answered `device:hello` (or `device:register`).
 * - `offline`: the connection is lost; it comes back by itself.
 * - `revoked`: the token was refused or revoked and forgotten; `register()` starts again.
 */
export type DeviceChannelState = 'connecting' | 'online' | 'offline' | 'unregistered' | 'revoked';

export interface DeviceChannelEvents {
  state: [state: DeviceChannelState];
  /** After every successful hello or registration. */
  session: [session: DeviceSession];
  /** Settings changed here or elsewhere (another screen, the staff console). */
  settings: [settings: DeviceSettings];
  /** The operator pushed a configuration; it is stored and applies at the next start. */
  config: [config: PushedConfig];
}

export interface DeviceChannelOptions {
  /**
   * The base URL of this TV's city on window-server: its origin and the tenant's base path, e.g.
   * `https://madoguchi.example.jp/t/omura` (`BootConfig.apiBase`). The socket opens the namespace
   * `<base path>/device` (socket.io reads a URL's path as the namespace; the engine's own path
   * stays `/socket.io/`), and `http()` paths are taken below it.
   */
  baseUrl: string;
  platform: Pick<Platform, 'storage' | 'deviceInfo'> & { lifecycle?: Lifecycle };
  /** How long to wait for the server to answer a request, in milliseconds. */
  requestTimeoutMs?: number;
  /** Extra socket.io options (e.g. `transports` in tests). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** Connect at once when a token is stored (default true). */
  autoConnect?: boolean;
  /**
   * The pushed configuration this start of the app uses (its boot read it), told to the server
   * at hello; null when it uses none. Left out, the version stored under
   * `PUSHED_CONFIG_VERSION_KEY` now is taken.
   */
  appliedConfigVersion?: number | null;
  /** Where the report limit reads the time; the system's by default. */
  clock?: Clock;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 8_000;
const TOKEN_ERRORS: readonly ErrorCode[] = [
  'DEVICE_TOKEN_INVALID',
  'DEVICE_TOKEN_REVOKED',
  'DEVICE_NOT_REGISTERED',
];

/**
 * The TV's channel to window-server (namespace `/t/<tenant>/device`): registers once, says hello after
 * every connection, keeps reconnecting, and forgets a revoked token so the app can start again.
 * Runs in a browser and in Node; everything device-specific comes from the platform.
 */
export class DeviceChannel extends TypedEmitter<DeviceChannelEvents> {
  private readonly socket: DeviceSocket;
  private readonly contract: ContractSocket;
  private readonly clock: Clock;
  private readonly platform: DeviceChannelOptions['platform'];
  private readonly requestTimeoutMs: number;
  /** `DeviceChannelOptions.baseUrl` without a trailing slash. */
  private readonly baseUrl: string;
  private readonly lifecycleOff: (() => void)[] = [];
  private token: string | undefined;
  private currentState: DeviceChannelState;
  private currentSession: DeviceSession | undefined;
  private registering: Promise<DeviceSession> | undefined;
  private readonly retry = new Backoff();
  private helloGeneration = 0;
  private suspended = false;
  private closed = false;
  /** The pushed configuration this start runs with (the app read the same storage at start). */
  private readonly appliedConfigVersion: number | undefined;
  private lastReportAt: number | undefined;

  constructor(options: DeviceChannelOptions) {
    super();
    this.platform = options.platform;
    this.clock = options.clock ?? systemClock;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = this.platform.storage.get(DEVICE_TOKEN_KEY) ?? undefined;
    this.appliedConfigVersion =
      options.appliedConfigVersion === undefined
        ? this.storedConfigVersion()
        : (options.appliedConfigVersion ?? undefined);
    this.currentState = this.token ? 'connecting' : 'unregistered';
    this.socket = io(`${this.baseUrl}/device`, {
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: RETRY_MIN_MS,
      reconnectionDelayMax: RETRY_MAX_MS,
      randomizationFactor: RETRY_JITTER,
      timeout: this.requestTimeoutMs,
      ...options.socketOptions,
      // A function, so every reconnection sends the token as it is now.
      auth: (callback) => callback(this.token ? { token: this.token } : {}),
    });
    this.contract = contractSocket(this.socket);
    this.listenToSocket();
    this.listenToLifecycle(options.platform.lifecycle);
    if (this.token && options.autoConnect !== false) this.socket.connect();
  }

  get state(): DeviceChannelState {
    return this.currentState;
  }

  /** The last session the server sent; kept while offline. */
  get session(): DeviceSession | undefined {
    return this.currentSession;
  }

  get hasToken(): boolean {
    return this.token !== undefined;
  }

  /** Connects when a token is stored and the channel is idle (e.g. after `autoConnect: false`). */
  connect(): void {
    this.assertOpen();
    if (this.token && !this.socket.active) this.socket.connect();
  }

  /** First start: make this TV known to the server and keep its token. */
  register(): Promise<DeviceSession> {
    if (this.closed) return Promise.reject(new DeviceChannelClosedError());
    if (this.token) return Promise.reject(DeviceRequestError.of('DEVICE_ALREADY_REGISTERED'));
    this.registering ??= this.registerOnce().finally(() => {
      this.registering = undefined;
    });
    return this.registering;
  }

  async updateSettings(patch: DeviceSettingsPatch): Promise<DeviceSettings> {
    this.assertOnline();
    const data = await this.request('settings:update', patch);
    const settings = deviceSettingsSchema.safeParse(data?.settings);
    if (!settings.success) throw DeviceRequestError.of('INTERNAL');
    this.acceptSettings(settings.data);
    return settings.data;
  }

  async openingStatus(): Promise<OpeningStatus> {
    this.assertOnline();
    const status = await this.request('tenant:opening', {});
    if (!isObject(status) || !Array.isArray(status.days)) throw DeviceRequestError.of('INTERNAL');
    return status;
  }

  /**
   * Health for the operator's fleet view (memory, recent errors). At most one report per
   * REPORT_INTERVAL_MS: a sooner one is refused here with RATE_LIMITED, as the server would.
   */
  async report(report: DeviceReport): Promise<void> {
    this.assertOnline();
    const now = epochMs(this.clock);
    if (this.lastReportAt !== undefined && now - this.lastReportAt < REPORT_INTERVAL_MS) {
      throw DeviceRequestError.of('RATE_LIMITED');
    }
    this.lastReportAt = now;
    await this.request('device:report', report);
  }

  /**
   * What the TV has now, when it changed since hello (a camera plugged in later): the fleet
   * view and the next queue entry see it. Rejects with the server's error code.
   */
  async reportCapabilities(capabilities: DeviceCapabilities): Promise<void> {
    this.assertOnline();
    await this.request('device:capabilities', capabilities);
  }

  /**
   * Any request of the device contract (video counter, media signalling): resolves with the
   * ack's data, rejects with a DeviceRequestError. Fails at once while offline.
   */
  send<E extends DeviceRequestName>(event: E, payload: DevicePayload<E>): Promise<DeviceReply<E>> {
    this.assertOnline();
    return this.request(event, payload);
  }

  /**
   * An HTTP request to window-server as this TV (`Authorization: Bearer <device token>`), for
   * the parts of the contract that are HTTP by standard (RFC 8628 device sign-in). The token
   * never leaves stb-bridge. `path` is below the city's base (`/api/v1/device/token` goes to
   * `<baseUrl>/api/v1/device/token`). Resolves with the status and the parsed JSON body.
   */
  async http(path: string, init: DeviceHttpRequest): Promise<DeviceHttpAnswer> {
    this.assertOpen();
    if (!this.token) throw DeviceRequestError.of('DEVICE_NOT_REGISTERED');
    return httpAsDevice(`${this.baseUrl}${path}`, this.token, this.requestTimeoutMs, init);
  }

  /** Listens to a push from the server; returns the function that stops listening. */
  onServer<E extends DevicePushName>(event: E, listener: (payload: DevicePush<E>) => void): () => void {
    this.contract.on(event, listener);
    return () => this.contract.off(event, listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.retry.clear();
    for (const off of this.lifecycleOff.splice(0)) off();
    this.socket.off();
    this.socket.disconnect();
    this.removeAllListeners();
  }

  private listenToSocket(): void {
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
    this.socket.on('connect_error', (error) => this.onConnectError(error));
    this.socket.on('device:revoked', () => this.forgetToken());
    this.socket.on('settings:changed', (value) => {
      const settings = deviceSettingsSchema.safeParse(value);
      if (settings.success) this.acceptSettings(settings.data);
    });
    this.socket.on('config:pushed', (value) => {
      const config = pushedConfigSchema.safeParse(value);
      if (config.success) this.storeConfig(config.data);
    });
  }

  private listenToLifecycle(lifecycle: Lifecycle | undefined): void {
    if (!lifecycle) return;
    this.lifecycleOff.push(
      lifecycle.on('suspend', () => {
        this.suspended = true;
        this.retry.clear();
        this.socket.disconnect();
        if (this.token) this.setState('offline');
      }),
      lifecycle.on('resume', () => {
        this.suspended = false;
        if (this.token && !this.closed) this.socket.connect();
      }),
    );
  }

  private onConnect(): void {
    // A socket without a token may only register; `registerOnce` drives that one.
    if (this.token) void this.hello();
  }

  private async hello(): Promise<void> {
    const generation = ++this.helloGeneration;
    try {
      const applied = this.appliedConfigVersion;
      const data = await this.request('device:hello', {
        ...this.platform.deviceInfo(),
        ...(applied !== undefined ? { appliedConfigVersion: applied } : {}),
      });
      if (generation !== this.helloGeneration || !this.socket.connected) return;
      const session = parseSession(data);
      if (!session) throw DeviceRequestError.of('INTERNAL');
      this.retry.reset();
      this.acceptSession(session);
      this.setState('online');
    } catch (error) {
      if (generation !== this.helloGeneration) return;
      if (error instanceof DeviceRequestError && TOKEN_ERRORS.includes(error.code)) {
        this.forgetToken();
        return;
      }
      // The server is up but could not answer (restarting, busy): ask again shortly.
      if (this.socket.connected) this.retryLater(() => void this.hello());
    }
  }

  private onDisconnect(reason: Socket.DisconnectReason): void {
    this.helloGeneration++;
    if (this.closed || this.suspended || !this.token) return;
    if (this.currentState === 'revoked') return;
    this.setState('offline');
    // socket.io reconnects by itself except when the server hung up on purpose.
    if (reason === 'io server disconnect') this.retryLater(() => this.socket.connect());
  }

  private onConnectError(error: Error): void {
    const data = (error as Error & { data?: Partial<DeviceConnectErrorData> }).data;
    if (data?.code === 'DEVICE_TOKEN_INVALID' || data?.code === 'DEVICE_TOKEN_REVOKED') {
      // A refused handshake is final for socket.io: no automatic reconnection follows.
      this.forgetToken();
      return;
    }
    if (this.token && this.currentState !== 'revoked') this.setState('offline');
    // Middleware refusals stop socket.io's own retries; transport errors do not.
    if (this.token && !this.socket.active && !this.suspended && !this.closed) {
      this.retryLater(() => this.socket.connect());
    }
  }

  private async registerOnce(): Promise<DeviceSession> {
    this.setState('connecting');
    try {
      await this.connected();
      const result = await this.request('device:register', this.platform.deviceInfo());
      const session = parseSession(result);
      if (!session || typeof result.token !== 'string' || result.token.length === 0) {
        throw DeviceRequestError.of('INTERNAL');
      }
      this.token = result.token;
      this.platform.storage.set(DEVICE_TOKEN_KEY, result.token);
      this.retry.reset();
      this.acceptSession(session);
      this.setState('online');
      return session;
    } catch (error) {
      if (!this.token && !this.closed) {
        this.socket.disconnect();
        this.setState('unregistered');
      }
      throw error instanceof DeviceRequestError ? error : DeviceRequestError.of('SERVER_UNREACHABLE');
    }
  }

  /** Resolves once the socket is connected, or fails after the request timeout. */
  private connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.socket.off('connect', onConnect);
        if (error) reject(error);
        else resolve();
      };
      const onConnect = () => done();
      const timer = setTimeout(
        () => done(DeviceRequestError.of('SERVER_UNREACHABLE')),
        this.requestTimeoutMs,
      );
      this.socket.on('connect', onConnect);
      if (!this.socket.active) this.socket.connect();
    });
  }

  /** One request with an acknowledgement; a missing answer is SERVER_UNREACHABLE. */
  private request<E extends DeviceRequestName>(event: E, payload: DevicePayload<E>): Promise<DeviceReply<E>> {
    if (this.closed) return Promise.reject(new DeviceChannelClosedError());
    // Never queue while disconnected: a stale change must not arrive minutes later.
    if (!this.socket.connected) return Promise.reject(DeviceRequestError.of('SERVER_UNREACHABLE'));
    return new Promise((resolve, reject) => {
      this.contract.timeout(this.requestTimeoutMs).emit(event, payload, (timeout, answer) => {
        if (timeout) return reject(DeviceRequestError.of('SERVER_UNREACHABLE'));
        if (!isAck(answer)) return reject(DeviceRequestError.of('INTERNAL'));
        if (!answer.ok) return reject(new DeviceRequestError(answer.error));
        // The server answers by the contract; the shapes that matter are checked where they are read.
        resolve(answer.data as DeviceReply<E>);
      });
    });
  }

  private forgetToken(): void {
    this.token = undefined;
    this.currentSession = undefined;
    this.helloGeneration++;
    this.retry.clear();
    this.platform.storage.remove(DEVICE_TOKEN_KEY);
    this.socket.disconnect();
    this.setState('revoked');
  }

  private acceptSession(session: DeviceSession): void {
    this.currentSession = session;
    this.safeEmit('session', session);
    if (session.pushedConfig) this.storeConfig(session.pushedConfig);
  }

  /**
   * Keeps a pushed configuration where the app reads it at its next start, then tells the
   * server. Unacknowledged, it comes again with the next session; storing it twice is harmless.
   */
  private storeConfig(config: PushedConfig): void {
    const stored = this.storedConfigVersion();
    if (stored === undefined || config.version > stored) {
      const { version, ...values } = config;
      this.platform.storage.set(PUSHED_CONFIG_KEY, JSON.stringify(values));
      this.platform.storage.set(PUSHED_CONFIG_VERSION_KEY, String(version));
      this.safeEmit('config', config);
    }
    this.request('config:stored', { version: config.version }).catch(() => {
      // Off line or refused: the next session brings it again.
    });
  }

  private storedConfigVersion(): number | undefined {
    const version = Number(this.platform.storage.get(PUSHED_CONFIG_VERSION_KEY) ?? NaN);
    return Number.isInteger(version) && version > 0 ? version : undefined;
  }

  private acceptSettings(settings: DeviceSettings): void {
    if (this.currentSession) this.currentSession = { ...this.currentSession, settings };
    this.safeEmit('settings', settings);
  }

  private setState(state: DeviceChannelState): void {
    if (this.currentState === state || this.closed) return;
    this.currentState = state;
    this.safeEmit('state', state);
  }

  private retryLater(action: () => void): void {
    this.retry.schedule(() => {
      if (!this.closed && !this.suspended) action();
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new DeviceChannelClosedError();
  }

  private assertOnline(): void {
    this.assertOpen();
    if (!this.token) throw DeviceRequestError.of('DEVICE_NOT_REGISTERED');
    if (this.currentState !== 'online') throw DeviceRequestError.of('SERVER_UNREACHABLE');
  }
}
