import type { FleetCity, StaffAccount } from '@madoguchi/shared';
import type { Router } from 'express';
import type { FleetGrant } from './http/index.js';
import type { Server as HttpServer } from 'node:http';
import type { i18n as I18n } from 'i18next';
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
import { loadTenants, type Tenant } from './tenants/index.js';
import { refuseUnknownCities } from './realtime/index.js';
import { Lifecycle } from './wiring/Lifecycle.js';
import * as start from './wiring/modules.js';
import type { PartnerWiring } from './wiring/partners.js';

export interface WindowServerOptions {
  logger?: Logger;
  clock?: Clock;
}

/** One city's modules: each city has its own, sharing only the database and media workers. */
export interface City {
  readonly tenant: Tenant;
  readonly base: start.CityAddress;
  readonly staff: StaffAuth;
  readonly devices: DeviceRegistry;
  readonly counter: Counter;
  readonly rooms: CallRooms;
  readonly identity: start.IdentityModule;
  readonly services: start.ServicesModule;
  readonly fleet: Fleet;
  readonly router: Router;
}

interface Shared {
  address: ServerAddress;
  db: Database;
  media: MediaWorkerPool;
  metrics: Metrics;
  http: HttpServer;
  io: SocketServer;
}

/**
 * The composition root: the only place where modules are wired together, listed in the order
 * they start; `close()` stops them in reverse. The database, the media workers and the port are
 * the installation's; everything else exists once per city (tenant), below `/t/<id>/`.
 * `create()` does the slow work (database, media workers); `listen()` opens the port.
 */
export class WindowServer {
  static async create(config: Config, options: WindowServerOptions = {}): Promise<WindowServer> {
    const logger = options.logger ?? createLogger(config.logLevel);
    const clock = options.clock ?? systemClock;
    const tenants = loadTenants(config);
    const basics: start.Basics = { config, clock, logger };
    const life = new Lifecycle(logger);
    try {
      const address = new ServerAddress(config);
      const i18n = await start.startI18n();
      const db = life.use('database', await start.startDatabase(basics, legacyTenantOf(config, tenants)));
      const media = life.use('media workers', await start.startMedia(basics));
      const tvProfiles = start.tvProfilesOf(basics);
      const cities = new Map<string, City>();
      for (const tenant of tenants) {
        cities.set(
          tenant.id,
          await startCity(life, {
            ...basics,
            tenant,
            address,
            db,
            media,
            i18n,
            tvProfiles,
            peers: () => cities,
          }),
        );
      }
      const all = [...cities.values()];
      const metrics = life.use('metrics', start.startMetrics({ cities: all, media }));
      const readiness = (): Promise<start.Readiness> => start.readinessOf({ db, media, cities: all });
      const web = life.use('web', start.startWeb(basics, { cities, metrics, i18n, address, readiness }));
      for (const city of all) {
        const cityBasics = {
          ...basics,
          tenant: city.tenant,
          base: city.base,
          logger: cityLogger(logger, city.tenant),
        };
        life.use(
          `realtime ${city.tenant.id}`,
          start.startRealtime(cityBasics, { ...city, identity: city.identity, io: web.io }),
        );
      }
      // After the cities' own namespaces: socket.io would make a later `of()` a child of this one.
      refuseUnknownCities(web.io);
      for (const city of all) await city.counter.resume();
      return new WindowServer(basics, { address, db, media, metrics, ...web }, cities, life);
    } catch (error) {
      await life.close();
      throw error;
    }
  }

  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly db: Database;
  readonly media: MediaWorkerPool;
  readonly metrics: Metrics;
  readonly http: HttpServer;
  readonly io: SocketServer;
  /** The cities this installation serves, in the order of their files. */
  readonly cities: ReadonlyMap<string, City>;

  private constructor(
    basics: start.Basics,
    private readonly shared: Shared,
    cities: ReadonlyMap<string, City>,
    private readonly life: Lifecycle,
  ) {
    ({ config: this.config, clock: this.clock, logger: this.logger } = basics);
    ({ db: this.db, media: this.media, metrics: this.metrics, http: this.http, io: this.io } = shared);
    this.cities = cities;
  }

  /** One city; `city()` is the first (a single-city install, most tests). */
  city(tenantId?: string): City {
    const found = tenantId === undefined ? this.cities.values().next().value : this.cities.get(tenantId);
    if (!found) throw new Error(`this server has no tenant ${tenantId ?? ''}`);
    return found;
  }

  /** The first city's modules, for a single-city install and the tests written for one. */
  get tenant(): Tenant {
    return this.city().tenant;
  }
  get staff(): StaffAuth {
    return this.city().staff;
  }
  get devices(): DeviceRegistry {
    return this.city().devices;
  }
  get counter(): Counter {
    return this.city().counter;
  }
  get rooms(): CallRooms {
    return this.city().rooms;
  }
  get audit(): AuditLog {
    return this.city().identity.audit;
  }
  get identity(): Identity {
    return this.city().identity.identity;
  }
  get services(): CitizenServices {
    return this.city().services.services;
  }
  get fleet(): Fleet {
    return this.city().fleet;
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
    // A sandbox provider's issuer is below this server's own address, known only now.
    for (const city of this.cities.values()) await city.identity.providers.start(city.base.url());
    return this.url;
  }

  /** The first city's embedded sandbox partners (tests turn their fault knobs), or null when all are real. */
  get sandboxPartners(): PartnerWiring['sandbox'] {
    return this.city().services.partners.sandbox;
  }

  /** The address citizens' phones use: the configured public URL, or where this server listens. */
  get baseUrl(): string {
    return this.shared.address.baseUrl;
  }

  /** Where this server listens (its root: health, metrics). */
  get url(): string {
    return this.shared.address.url;
  }

  /** Where a city is served on this server, `…/t/<id>` (the first city's by default). */
  cityUrl(tenantId?: string): string {
    return `${this.url}${this.city(tenantId).base.path}`;
  }

  readiness(): Promise<start.Readiness> {
    return start.readinessOf({ db: this.db, media: this.media, cities: [...this.cities.values()] });
  }

  /** Stops taking connections, tells clients, closes workers and the database. Safe to call twice. */
  async close(): Promise<void> {
    this.logger.info('window-server shutting down');
    await this.life.close();
    this.logger.info('window-server stopped');
  }
}

const cityLogger = (logger: Logger, tenant: Tenant): Logger => logger.child({ tenant: tenant.id });

/** One city's modules, in the order they start (each registered to stop in reverse). */
async function startCity(
  life: Lifecycle,
  parts: start.Basics & {
    tenant: Tenant;
    address: ServerAddress;
    db: Database;
    media: MediaWorkerPool;
    i18n: I18n;
    tvProfiles: readonly string[];
    /** Every city of the installation (read when asked, once all have started). */
    peers: () => ReadonlyMap<string, City>;
  },
): Promise<City> {
  const { tenant, db, media, i18n, tvProfiles } = parts;
  const basics: start.CityBasics = {
    config: parts.config,
    clock: parts.clock,
    logger: cityLogger(parts.logger, tenant),
    tenant,
    base: start.cityAddress(tenant, parts.address),
  };
  const name = (module: string): string => `${module} ${tenant.id}`;
  const staff = life.use(name('staff'), await start.startStaff(basics, db));
  const devices = life.use(name('devices'), start.startDevices(basics, db));
  const counter = life.use(name('counter'), start.startCounter(basics, { db, devices, staff }));
  const rooms = life.use(name('call rooms'), start.startCallRooms(basics, media, counter));
  const identity = life.use(name('identity'), start.startIdentity(basics, { db, counter, staff, i18n }));
  const services = life.use(name('services'), start.startServices(basics, { db, identity }));
  const fleet = life.use(name('fleet'), start.startFleet(basics, { db, devices, identity, tvProfiles }));
  const router = life.use(
    name('web'),
    start.startCityWeb(basics, {
      staff,
      devices,
      counter,
      identity,
      services,
      fleet,
      tvProfiles,
      i18n,
      fleetGrants: () => fleetGrantsOf(tenant, parts.peers()),
      fleetCities: (account) => fleetCitiesOf(tenant, account, parts.peers()),
    }),
  );
  return { tenant, base: basics.base, staff, devices, counter, rooms, identity, services, fleet, router };
}

/**
 * Whose rows a database from the single-tenant release holds: that release served the tenant
 * file in MADOGUCHI_TENANT_FILE, or else the bundled 大村市.
 */
function legacyTenantOf(config: Config, tenants: readonly Tenant[]): string {
  const first = tenants[0] as Tenant;
  if (config.tenantFile) return first.id;
  return tenants.find((tenant) => tenant.id === 'omura')?.id ?? first.id;
}

/** The operators of other cities whom this city's file lets see its fleet. */
function fleetGrantsOf(tenant: Tenant, cities: ReadonlyMap<string, City>): FleetGrant[] {
  const byCity = new Map<string, Set<string>>();
  for (const { tenant: home, loginId } of tenant.file.fleetOperators) {
    byCity.set(home, (byCity.get(home) ?? new Set()).add(loginId));
  }
  return [...byCity].flatMap(([home, loginIds]) => {
    const city = cities.get(home);
    return city ? [{ auth: city.staff, loginIds }] : [];
  });
}

/** The cities whose fleet an account of `home` may see: its own, and those granting it. */
function fleetCitiesOf(home: Tenant, account: StaffAccount, cities: ReadonlyMap<string, City>): FleetCity[] {
  const named = (tenant: Tenant): FleetCity => ({
    id: tenant.id,
    displayName: { ja: tenant.file.displayName.ja, en: tenant.file.displayName.en },
  });
  const granting =
    account.role === 'operator'
      ? [...cities.values()]
          .map((city) => city.tenant)
          .filter((tenant) =>
            tenant.file.fleetOperators.some((g) => g.tenant === home.id && g.loginId === account.loginId),
          )
      : [];
  return [named(home), ...granting.map(named)];
}
