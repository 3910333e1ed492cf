import {
  configState,
  isOlderVersion,
  MAX_REPORTED_ERRORS,
  REPORT_INTERVAL_MS,
  scrubErrorText,
  type DeviceReport,
  type FleetConfigPush,
  type FleetConfigStatus,
  type FleetDevice,
  type FleetPushResult,
  type FleetView,
  type PushedConfig,
  type StaffAccount,
} from '@madoguchi/shared';
import type { AuditLog } from '../audit/index.js';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import { EventHub } from '../core/EventHub.js';
import type { Logger } from '../core/logger.js';
import { RateLimiter } from '../core/RateLimiter.js';
import type { TenantDb } from '../db/index.js';
import type { DeviceRecord, DeviceRegistry } from '../devices/index.js';
import type {
  DeviceConfigRecord,
  DeviceConfigStore,
  DeviceHealthRecord,
  DeviceHealthStore,
} from './FleetStore.js';

/** A TV's timer may fire a little early and the network may bunch two reports: allow this much. */
const REPORT_SLACK_MS = 5_000;

export type FleetEvents = {
  /** A box's fleet row changed (hello, report, configuration). */
  changed: [FleetDevice];
  /** A configuration was pushed to this box: deliver it now if it is on line. */
  pushed: [string, PushedConfig];
};

export interface FleetOptions {
  /** The newest TV package version; null when unknown (no update is ever offered). */
  latestVersion: string | null;
  /** Profiles the TV app is hosted for. */
  profiles: readonly string[];
}

export interface FleetDeps {
  devices: DeviceRegistry;
  health: DeviceHealthStore;
  configs: DeviceConfigStore;
  /** A push and its audit row commit together, durably, in a transaction of this database. */
  db: TenantDb;
  audit: AuditLog;
  options: FleetOptions;
  clock: Clock;
  logger: Logger;
}

/**
 * The cable operator's view of the set-top boxes: what each says about itself, its health
 * reports (rate-limited), whether a newer app exists, and configurations pushed to it (audited).
 * Nothing here names a person.
 */
export class Fleet {
  readonly events: EventHub<FleetEvents>;
  private readonly reports: RateLimiter;

  private readonly devices: DeviceRegistry;
  private readonly health: DeviceHealthStore;
  private readonly configs: DeviceConfigStore;
  private readonly db: TenantDb;
  private readonly audit: AuditLog;
  private readonly options: FleetOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(deps: FleetDeps) {
    this.devices = deps.devices;
    this.health = deps.health;
    this.configs = deps.configs;
    this.db = deps.db;
    this.audit = deps.audit;
    this.options = deps.options;
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.events = new EventHub(deps.logger);
    this.reports = new RateLimiter(1, REPORT_INTERVAL_MS - REPORT_SLACK_MS, deps.clock);
    deps.devices.events.on('updated', (summary) => this.changed(summary.id));
  }

  get latestVersion(): string | null {
    return this.options.latestVersion;
  }

  async view(): Promise<FleetView> {
    const [health, configs, records] = await Promise.all([
      this.health.all(),
      this.configs.all(),
      this.devices.records(),
    ]);
    return {
      latestVersion: this.options.latestVersion,
      profiles: [...this.options.profiles],
      devices: records.map((record) => this.row(record, health.get(record.id), configs.get(record.id))),
    };
  }

  async device(deviceId: string): Promise<FleetDevice | undefined> {
    const record = await this.devices.get(deviceId);
    if (!record) return undefined;
    const [health, config] = await Promise.all([this.health.get(deviceId), this.configs.get(deviceId)]);
    return this.row(record, health, config);
  }

  /** What the TV is told at hello: a newer app exists. */
  updateFor(appVersion: string): { version: string } | undefined {
    const latest = this.options.latestVersion;
    return latest !== null && isOlderVersion(appVersion, latest) ? { version: latest } : undefined;
  }

  /** A pushed configuration the TV has not said it stored: delivered with the session. */
  async pendingConfig(deviceId: string): Promise<PushedConfig | undefined> {
    const config = await this.configs.get(deviceId);
    if (!config || (config.deliveredVersion ?? 0) >= config.version) return undefined;
    return pushedConfigOf(config);
  }

  /** The TV said hello, naming the configuration it started with. */
  async hello(deviceId: string, appliedConfigVersion: number | undefined): Promise<void> {
    if (appliedConfigVersion === undefined || appliedConfigVersion < 1) return;
    if (await this.configs.applied(deviceId, appliedConfigVersion, this.now())) this.changed(deviceId);
  }

  /** A health report; at most one a minute per TV (RATE_LIMITED otherwise). */
  async report(deviceId: string, report: DeviceReport): Promise<void> {
    if (!this.reports.tryHit(deviceId)) throw new AppError('RATE_LIMITED');
    const before = await this.health.get(deviceId);
    const fresh = report.errors.map((error) => ({
      at: error.at,
      message: scrubErrorText(error.message) || '?',
      ...(error.source ? { source: scrubErrorText(error.source) } : {}),
    }));
    const errors = [...(before?.errors ?? []), ...fresh].slice(-MAX_REPORTED_ERRORS);
    // A report without a memory field keeps what the last one said.
    const memory = report.memory === undefined ? (before?.memory ?? null) : report.memory;
    await this.health.save({ deviceId, memory, errors, reportedAt: this.now() });
    if (fresh.length > 0) this.logger.info({ deviceId, errors: fresh.length }, 'device reported errors');
    this.changed(deviceId);
  }

  /** The TV stored a pushed configuration for its next start. */
  async stored(deviceId: string, version: number): Promise<void> {
    const config = await this.configs.get(deviceId);
    if (!config || version > config.version) throw new AppError('NOT_FOUND');
    if (await this.configs.delivered(deviceId, version, this.now())) this.changed(deviceId);
  }

  /**
   * Pushes a configuration to listed boxes, or every box of a profile; each gets its next
   * version. Nothing changes when a listed box is unknown or revoked (NOT_FOUND).
   */
  async push(officer: StaffAccount, request: FleetConfigPush): Promise<FleetPushResult> {
    const targets = await this.targets(request);
    const at = this.now();
    const configs = new Map<string, PushedConfig>();
    await this.db.transaction(
      async (tx) => {
        const stored = this.configs.with(tx);
        for (const device of targets) {
          const version = ((await stored.get(device.id))?.version ?? 0) + 1;
          await stored.push({
            deviceId: device.id,
            version,
            serverUrl: request.serverUrl ?? null,
            keyMapOverride: request.keyMapOverride ?? null,
            at,
            staffId: officer.id,
          });
          configs.set(device.id, {
            version,
            ...(request.serverUrl !== undefined ? { serverUrl: request.serverUrl } : {}),
            ...(request.keyMapOverride !== undefined ? { keyMapOverride: request.keyMapOverride } : {}),
          });
        }
        await this.audit.append(tx, {
          actor: `staff:${officer.id}`,
          action: 'fleet.config.pushed',
          details: {
            ...(request.profile !== undefined ? { profile: request.profile } : {}),
            deviceIds: targets.map((device) => device.id),
            serverUrl: request.serverUrl ?? null,
            keyMapOverride: request.keyMapOverride ?? null,
          },
        });
      },
      { durable: true },
    );
    this.logger.info({ staffId: officer.id, devices: targets.length }, 'configuration pushed');
    const pushed = targets.map((device) => {
      const config = configs.get(device.id) as PushedConfig;
      this.events.emit('pushed', device.id, config);
      this.changed(device.id);
      return { deviceId: device.id, version: config.version, online: this.devices.isOnline(device.id) };
    });
    return { pushed };
  }

  private async targets(request: FleetConfigPush): Promise<DeviceRecord[]> {
    if (request.deviceIds) {
      const unique = [...new Set(request.deviceIds)];
      const found = await Promise.all(unique.map((id) => this.devices.get(id)));
      return found.map((device) => {
        if (!device || device.revokedAt) throw new AppError('NOT_FOUND', undefined, ['deviceIds']);
        return device;
      });
    }
    const matching = (await this.devices.records()).filter(
      (device) => device.profile === request.profile && !device.revokedAt,
    );
    if (matching.length === 0) throw new AppError('NOT_FOUND', undefined, ['profile']);
    return matching;
  }

  /** The fleet row changed: operators see it (after the change is committed). */
  private changed(deviceId: string): void {
    this.device(deviceId)
      .then((row) => row && this.events.emit('changed', row))
      .catch((error: unknown) => this.logger.warn({ err: error, deviceId }, 'could not read the fleet row'));
  }

  private row(
    record: DeviceRecord,
    health: DeviceHealthRecord | undefined,
    config: DeviceConfigRecord | undefined,
  ): FleetDevice {
    return {
      ...this.devices.summary(record),
      screen: record.screen,
      memory: health?.memory ?? null,
      errors: health?.errors ?? [],
      reportedAt: health?.reportedAt ?? null,
      updateAvailable: isOlderVersion(record.appVersion, this.options.latestVersion),
      config: config ? configStatus(config) : null,
    };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function pushedConfigOf(config: DeviceConfigRecord): PushedConfig {
  return {
    version: config.version,
    ...(config.serverUrl !== null ? { serverUrl: config.serverUrl } : {}),
    ...(config.keyMapOverride !== null ? { keyMapOverride: config.keyMapOverride } : {}),
  };
}

function configStatus(config: DeviceConfigRecord): FleetConfigStatus {
  return {
    version: config.version,
    pushedAt: config.pushedAt,
    serverUrl: config.serverUrl,
    keyMapOverride: config.keyMapOverride,
    deliveredVersion: config.deliveredVersion,
    appliedVersion: config.appliedVersion,
    state: configState(config.version, config.deliveredVersion, config.appliedVersion),
  };
}
