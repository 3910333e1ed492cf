import type { Server as HttpServer } from 'node:http';
import type { Server as SocketServer } from 'socket.io';
import type { AuditLog } from './audit/index.js';
import type { Config } from './config/index.js';
import { systemClock, type Clock } from './core/clock.js';
import { createLogger, type Logger } from './core/logger.js';
import type { Counter } from './counter/index.js';
import type { Database } from './db/index.js';
import type { DeviceRegistry } from './devices/index.js';
import type { Fleet } from './fleet/index.js';
import type { CitizenServices } from './gateway/index.js';
import { ServerAddress } from './http/index.js';
import type { Identity } from './identity/index.js';
import type { CallRooms, MediaWorkerPool } from './media/index.js';
import type { Metrics } from './metrics/index.js';
import type { StaffAuth } from './staff/index.js';
import { loadTenant, type Tenant } from './tenants/index.js';
import { Lifecycle } from './wiring/Lifecycle.js';
import * as start from './wiring/modules.js';
import type { PartnerWiring } from './wiring/partners.js';

export interface WindowServerOptions {
  logger?: Logger;
  clock?: Clock;
}

interface Modules {
  address: ServerAddress;
  db: Database;
  staff: StaffAuth;
  media: MediaWorkerPool;
  devices: DeviceRegistry;
  counter: Counter;
  rooms: CallRooms;
  metrics: Metrics;
  identity: start.IdentityModule;
  services: start.ServicesModule;
  fleet: Fleet;
  http: HttpServer;
  io: SocketServer;
}

/**
 * The composition root: the only place where modules are wired together, listed in the order
 * they start; `close()` stops them in reverse. `create()` does the slow work (database, media
 * workers); `listen()` opens the port.
 */
export class WindowServer {
  static async create(config: Config, options: WindowServerOptions = {}): Promise<WindowServer> {
    const logger = options.logger ?? createLogger(config.logLevel);
    const clock = options.clock ?? systemClock;
    const basics = { config, tenant: loadTenant(config.tenantFile), clock, logger };
    const life = new Lifecycle(logger);
    try {
      const address = new ServerAddress(config);
      const i18n = await start.startI18n();
      const { db, durable } = life.use('databases', start.startDatabases(config));
      const staff = life.use('staff', await start.startStaff(basics, db));
      const media = life.use('media workers', await start.startMedia(basics));
      const devices = life.use('devices', start.startDevices(basics, db));
      const counter = life.use('counter', start.startCounter(basics, { db, devices, staff }));
      const rooms = life.use('call rooms', start.startCallRooms(basics, media, counter));
      const metrics = life.use('metrics', start.startMetrics({ counter, devices, media, rooms }));
      const identity = life.use(
        'identity',
        start.startIdentity(basics, { durable, counter, staff, i18n, address }),
      );
      const services = life.use('services', start.startServices(basics, { db, identity, address }));
      const { fleet, tvProfiles } = life.use(
        'fleet',
        start.startFleet(basics, { db, durable, devices, identity }),
      );
      const core = { address, db, staff, media, devices, counter, rooms, metrics, identity, services, fleet };
      const readiness = (): start.Readiness => start.readinessOf(core);
      const web = life.use('web', start.startWeb(basics, { ...core, tvProfiles, i18n, readiness }));
      life.use('realtime', start.startRealtime(basics, { ...core, io: web.io }));
      counter.resume();
      return new WindowServer(basics, { ...core, ...web }, life);
    } catch (error) {
      await life.close();
      throw error;
    }
  }

  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly tenant: Tenant;
  readonly db: Database;
  readonly staff: StaffAuth;
  readonly media: MediaWorkerPool;
  readonly devices: DeviceRegistry;
  readonly counter: Counter;
  readonly rooms: CallRooms;
  readonly metrics: Metrics;
  readonly audit: AuditLog;
  readonly identity: Identity;
  readonly services: CitizenServices;
  readonly fleet: Fleet;
  readonly http: HttpServer;
  readonly io: SocketServer;

  private constructor(
    basics: { config: Config; tenant: Tenant; clock: Clock; logger: Logger },
    private readonly modules: Modules,
    private readonly life: Lifecycle,
  ) {
    ({ config: this.config, tenant: this.tenant, clock: this.clock, logger: this.logger } = basics);
    ({ db: this.db, staff: this.staff, media: this.media, devices: this.devices } = modules);
    ({ counter: this.counter, rooms: this.rooms, metrics: this.metrics, fleet: this.fleet } = modules);
    ({ http: this.http, io: this.io } = modules);
    ({ audit: this.audit, identity: this.identity } = modules.identity);
    this.services = modules.services.services;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolveListen, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.config.port, this.config.host, () => {
        this.http.off('error', reject);
        resolveListen();
      });
    });
    this.logger.info({ url: this.url }, 'window-server listening');
    // The sandbox provider's issuer is this server's own address, known only now.
    await this.modules.identity.providers.start(this.baseUrl);
    return this.url;
  }

  /** The embedded sandbox partners (tests turn their fault knobs), or null when all are real. */
  get sandboxPartners(): PartnerWiring['sandbox'] {
    return this.modules.services.partners.sandbox;
  }

  /** The address citizens' phones use: the configured public URL, or where this server listens. */
  get baseUrl(): string {
    return this.modules.address.baseUrl;
  }

  get url(): string {
    return this.modules.address.url;
  }

  readiness(): start.Readiness {
    return start.readinessOf(this.modules);
  }

  /** Stops taking connections, tells clients, closes workers and the database. Safe to call twice. */
  async close(): Promise<void> {
    this.logger.info('window-server shutting down');
    await this.life.close();
    this.logger.info('window-server stopped');
  }
}
