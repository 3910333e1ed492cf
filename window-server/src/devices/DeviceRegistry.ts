import {
  applySettingsPatch,
  DEFAULT_DEVICE_SETTINGS,
  type DeviceCapabilities,
  type DeviceInfo,
  type DevicePresence,
  type DeviceSettings,
  type DeviceSettingsPatch,
  type DeviceSummary,
} from '@madoguchi/shared';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import { EventHub } from '../core/EventHub.js';
import type { Logger } from '../core/logger.js';
import { hashSecret, newId, newSecret } from '../core/secrets.js';
import type { DeviceRecord, DeviceStore } from './DeviceStore.js';

export type DeviceEvents = {
  /** Registered, told something new, or revoked. */
  updated: [DeviceSummary];
  presence: [DevicePresence];
  /** Its token no longer works; connected sockets must be told and closed. */
  revoked: [string];
  settingsChanged: [string, DeviceSettings];
};

/** Last-seen writes while connected are spread out: once a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * TVs: registration with a device token (only its hash is kept), what each TV says about
 * itself, its settings, whether it is online, and revocation.
 */
export class DeviceRegistry {
  readonly events: EventHub<DeviceEvents>;
  private readonly connections = new Map<string, number>();
  private readonly lastTouch = new Map<string, number>();
  /** Each device's last-seen write in flight. */
  private readonly touches = new Map<string, Promise<void>>();

  constructor(
    private readonly store: DeviceStore,
    private readonly tenantId: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.events = new EventHub(logger);
  }

  async register(info: DeviceInfo): Promise<{ device: DeviceRecord; token: string }> {
    const token = newSecret('mdt');
    const device = await this.store.insert({
      id: newId('dev'),
      tokenHash: hashSecret(token),
      info,
      settings: DEFAULT_DEVICE_SETTINGS,
      at: this.now(),
    });
    this.events.emit('updated', this.summary(device));
    return { device, token };
  }

  /** The device a token belongs to; throws DEVICE_TOKEN_INVALID or DEVICE_TOKEN_REVOKED. */
  async authenticate(token: string): Promise<DeviceRecord> {
    const device = await this.store.byTokenHash(hashSecret(token));
    if (!device || device.tenantId !== this.tenantId) throw new AppError('DEVICE_TOKEN_INVALID');
    if (device.revokedAt) throw new AppError('DEVICE_TOKEN_REVOKED');
    return device;
  }

  /** The TV says hello after each (re)connect; a new app version or profile is recorded. */
  async hello(deviceId: string, info: DeviceInfo): Promise<DeviceRecord> {
    const before = await this.require(deviceId);
    await this.store.updateInfo(deviceId, info, this.now());
    const after = await this.require(deviceId);
    if (
      before.profile !== info.profile ||
      before.appVersion !== info.appVersion ||
      before.model !== info.model ||
      JSON.stringify(before.capabilities) !== JSON.stringify(info.capabilities)
    ) {
      this.events.emit('updated', this.summary(after));
    }
    return after;
  }

  /** What the TV has now (`device:capabilities`); the fleet hears of a change, not of a repeat. */
  async updateCapabilities(deviceId: string, capabilities: DeviceCapabilities): Promise<DeviceRecord> {
    const before = await this.require(deviceId);
    if (JSON.stringify(before.capabilities) === JSON.stringify(capabilities)) return before;
    await this.store.updateCapabilities(deviceId, capabilities, this.now());
    const after = await this.require(deviceId);
    this.events.emit('updated', this.summary(after));
    return after;
  }

  async updateSettings(deviceId: string, patch: DeviceSettingsPatch): Promise<DeviceSettings> {
    const device = await this.require(deviceId);
    const settings = applySettingsPatch(device.settings, patch);
    await this.store.updateSettings(deviceId, settings);
    this.events.emit('settingsChanged', deviceId, settings);
    return settings;
  }

  async revoke(deviceId: string): Promise<DeviceSummary> {
    const device = await this.store.byId(deviceId);
    if (!device || device.tenantId !== this.tenantId) throw new AppError('NOT_FOUND');
    if (await this.store.revoke(deviceId, this.now())) this.events.emit('revoked', deviceId);
    const summary = this.summary(await this.require(deviceId));
    this.events.emit('updated', summary);
    return summary;
  }

  async list(): Promise<DeviceSummary[]> {
    return (await this.records()).map((device) => this.summary(device));
  }

  /** Every device of the tenant with all it said about itself, most recently seen first. */
  records(): Promise<DeviceRecord[]> {
    return this.store.list();
  }

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    const device = await this.store.byId(deviceId);
    return device && device.tenantId === this.tenantId ? device : undefined;
  }

  /** A socket of this device connected. */
  connected(deviceId: string): Promise<void> {
    const count = (this.connections.get(deviceId) ?? 0) + 1;
    this.connections.set(deviceId, count);
    const at = this.now();
    this.lastTouch.set(deviceId, Date.parse(at));
    // Written first, then announced: the fleet never shows a presence the row does not hold.
    return this.touch(deviceId, at, () => {
      if (count === 1) this.events.emit('presence', { deviceId, online: true, lastSeenAt: at });
    });
  }

  /** A socket of this device disconnected. */
  disconnected(deviceId: string): Promise<void> {
    const count = Math.max(0, (this.connections.get(deviceId) ?? 0) - 1);
    const at = this.now();
    if (count > 0) {
      this.connections.set(deviceId, count);
      return this.touch(deviceId, at);
    }
    this.connections.delete(deviceId);
    this.lastTouch.delete(deviceId);
    return this.touch(deviceId, at, () => {
      this.events.emit('presence', { deviceId, online: false, lastSeenAt: at });
    });
  }

  /** The device did something; record it as seen (at most once a minute). */
  seen(deviceId: string): void {
    const now = this.clock.now().getTime();
    if (now - (this.lastTouch.get(deviceId) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.lastTouch.set(deviceId, now);
    void this.touch(deviceId, new Date(now).toISOString());
  }

  /**
   * Last seen is for the lists; presence itself lives here. Writes the time, then runs `then`;
   * one device's writes go one after another (its online and offline land in order). A failed
   * write is logged, not fatal: the promise never rejects.
   */
  private touch(deviceId: string, at: string, then?: () => void): Promise<void> {
    const previous = this.touches.get(deviceId) ?? Promise.resolve();
    const write = previous
      .then(() => this.store.touch(deviceId, at))
      .catch((error: unknown) => {
        this.logger.warn({ err: error, deviceId }, 'could not record when the device was last seen');
      })
      .then(() => then?.());
    this.touches.set(deviceId, write);
    void write.then(() => {
      if (this.touches.get(deviceId) === write) this.touches.delete(deviceId);
    });
    return write;
  }

  onlineCount(): number {
    return this.connections.size;
  }

  isOnline(deviceId: string): boolean {
    return (this.connections.get(deviceId) ?? 0) > 0;
  }

  summary(device: DeviceRecord): DeviceSummary {
    return {
      id: device.id,
      profile: device.profile,
      appVersion: device.appVersion,
      model: device.model,
      capabilities: device.capabilities,
      online: this.isOnline(device.id),
      registeredAt: device.registeredAt,
      lastSeenAt: device.lastSeenAt,
      revoked: device.revokedAt !== null,
    };
  }

  private async require(deviceId: string): Promise<DeviceRecord> {
    const device = await this.get(deviceId);
    if (!device) throw new AppError('DEVICE_NOT_REGISTERED');
    return device;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
