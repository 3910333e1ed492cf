import { createI18n, tenantBasePath } from '@madoguchi/shared';
import { PROFILES_FOLDER } from '@madoguchi/stb-bridge/node';
import { Router } from 'express';
import type { i18n as I18n } from 'i18next';
import { createServer, type Server as HttpServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server as SocketServer } from 'socket.io';
import { AuditLog } from '../audit/index.js';
import { databaseFile, demoDataEnabled, type Config } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { Counter, CounterFigures, CounterStore } from '../counter/index.js';
import { Database, migrateToLatest } from '../db/index.js';
import { DeviceRegistry, DeviceStore } from '../devices/index.js';
import {
  DeviceConfigStore,
  DeviceHealthStore,
  Fleet,
  hostedProfiles,
  latestTvVersion,
} from '../fleet/index.js';
import { CitizenServices, NoticeReads } from '../gateway/index.js';
import {
  createCityRouter,
  createRootApp,
  phonePages,
  type CityHttpDeps,
  type ServerAddress,
} from '../http/index.js';
import {
  CitizenStore,
  ConsentStore,
  DeviceSignIn,
  Identity,
  type CitizenDirectory,
} from '../identity/index.js';
import { CallRooms, MediaWorkerPool } from '../media/index.js';
import { Metrics } from '../metrics/index.js';
import { attachRealtime, type Realtime, type RealtimeDeps } from '../realtime/index.js';
import { demoCitizensOf, SandboxDirectory, seedDemoStaff } from '../sandbox/index.js';
import { SANDBOX_PARTNERS_PATH } from '../sandbox/index.js';
import { StaffAuth, StaffStore } from '../staff/index.js';
import type { Tenant } from '../tenants/index.js';
import { running, type Started } from './Lifecycle.js';
import { wirePartners, type PartnerWiring } from './partners.js';
import { SANDBOX_ISSUER_KEY, SignInProviders } from './signIn.js';

// One factory per module: what it needs in, the module and how to stop it out. main.ts lists them.

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Largest socket.io message; larger ones close the connection. */
const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;
/** How often expired staff sessions are removed. */
const SESSION_PURGE_MS = 10 * 60_000;

/** What every module may be given. */
export interface Basics {
  config: Config;
  clock: Clock;
  logger: Logger;
}

/** Where one city is on this server: `/t/<id>`, and that path on the server's public address. */
export interface CityAddress {
  readonly path: string;
  readonly url: () => string;
}

/** What a city's modules are given: the installation's basics, the city and its address. */
export interface CityBasics extends Basics {
  tenant: Tenant;
  base: CityAddress;
}

export function cityAddress(tenant: Tenant, address: ServerAddress): CityAddress {
  const path = tenantBasePath(tenant.id);
  return { path, url: () => `${address.baseUrl}${path}` };
}

/** SQLite in the data dir, or PostgreSQL at MADOGUCHI_DATABASE_URL; its schema brought up to date. */
/**
 * `legacyTenantId`: the city whose rows a database from before tenants holds (the single-tenant
 * release served one tenant file: `MADOGUCHI_TENANT_FILE`, or the bundled 大村市).
 */
export async function startDatabase(
  { config, logger }: Basics,
  legacyTenantId: string,
): Promise<Started<Database>> {
  const db = await Database.open({
    url: config.database.url,
    file: databaseFile(config),
    poolSize: config.database.poolSize,
    statementTimeoutMs: config.database.statementTimeoutMs,
    logger: logger.child({ module: 'db' }),
  });
  try {
    const applied = await migrateToLatest(db, { legacyTenantId });
    logger.info({ engine: db.engine, database: db.location, migrations: applied }, 'database ready');
  } catch (error) {
    await db.close();
    throw error;
  }
  return { module: db, close: () => db.close() };
}

export async function startStaff(
  { config, tenant, clock, logger }: CityBasics,
  db: Database,
): Promise<Started<StaffAuth>> {
  const staff = new StaffAuth(
    new StaffStore(db.forTenant(tenant.file.id)),
    {
      tenantId: tenant.file.id,
      lockout: config.lockout,
      session: config.session,
      failedLoginsPerAddress: config.limits.failedLoginsPerAddress,
    },
    clock,
    logger,
  );
  if (demoDataEnabled(config)) await seedDemoStaff(staff);
  const purge = setInterval(() => {
    staff
      .purgeExpiredSessions()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not purge staff sessions'));
  }, SESSION_PURGE_MS).unref();
  return { module: staff, close: () => clearInterval(purge) };
}

export async function startMedia({ config, logger }: Basics): Promise<Started<MediaWorkerPool>> {
  const media = await MediaWorkerPool.create({
    size: config.media.workers || availableParallelism(),
    logLevel: config.media.logLevel,
    logger: logger.child({ module: 'media' }),
    webRtc: {
      listenIp: config.media.listenIp,
      port: config.media.rtcPort,
      ...(config.media.announcedAddress ? { announcedAddress: config.media.announcedAddress } : {}),
    },
  });
  return { module: media, close: () => media.close() };
}

export function startDevices({ tenant, clock, logger }: CityBasics, db: Database): Started<DeviceRegistry> {
  return running(
    new DeviceRegistry(
      new DeviceStore(db.forTenant(tenant.file.id)),
      tenant.file.id,
      clock,
      logger.child({ module: 'devices' }),
    ),
  );
}

export function startCounter(
  { config, tenant, clock, logger }: CityBasics,
  parts: { db: Database; devices: DeviceRegistry; staff: StaffAuth },
): Started<Counter> {
  const counter = new Counter({
    store: new CounterStore(parts.db.forTenant(tenant.file.id)),
    figures: new CounterFigures(parts.db.forTenant(tenant.file.id)),
    tenant,
    devices: parts.devices,
    staff: parts.staff,
    clock,
    logger: logger.child({ module: 'counter' }),
    options: config.counter,
  });
  return { module: counter, close: () => counter.close() };
}

export function startCallRooms(
  { logger }: CityBasics,
  media: MediaWorkerPool,
  counter: Counter,
): Started<CallRooms> {
  const rooms = new CallRooms({
    pool: media,
    logger: logger.child({ module: 'call-rooms' }),
    peerOf: (consultationId, role) => counter.callPeer(consultationId, role),
  });
  return { module: rooms, close: () => rooms.closeAll() };
}

export function startMetrics(parts: {
  cities: readonly { tenant: Tenant; counter: Counter; devices: DeviceRegistry; rooms: CallRooms }[];
  media: MediaWorkerPool;
}): Started<Metrics> {
  return running(
    new Metrics({
      media: parts.media,
      cities: parts.cities.map((city) => ({ ...city, tenantId: city.tenant.id })),
    }),
  );
}

export interface IdentityModule {
  audit: AuditLog;
  providers: SignInProviders;
  identity: Identity;
  signIn: DeviceSignIn;
  /** The sandbox's demo residents as a directory; null with a real provider. */
  directory: CitizenDirectory | null;
}

export function startIdentity(
  { config, tenant, base, clock, logger }: CityBasics,
  parts: { db: Database; counter: Counter; staff: StaffAuth; i18n: I18n },
): Started<IdentityModule> {
  const log = logger.child({ module: 'identity' });
  // Links, consents and their audit rows commit together, durably (Identity and AuditLog say how).
  const tenantDb = parts.db.forTenant(tenant.id);
  const audit = new AuditLog(tenantDb, clock);
  const providers = new SignInProviders(tenant.identityProvider, log, parts.i18n, demoCitizensOf(tenant.id));
  const citizens = new CitizenStore(tenantDb);
  const directory = providers.usesSandbox
    ? new SandboxDirectory(SANDBOX_ISSUER_KEY, demoCitizensOf(tenant.id))
    : null;
  const identity = new Identity({
    db: tenantDb,
    citizens,
    consents: new ConsentStore(tenantDb),
    audit,
    directory,
    counter: parts.counter,
    staff: parts.staff,
    clock,
    logger: log,
  });
  const signIn = new DeviceSignIn(citizens, clock, {
    codeSeconds: config.identity.deviceCodeSeconds,
    intervalSeconds: config.identity.pollIntervalSeconds,
    alphabet: tenant.file.identity.userCodeAlphabet,
    verificationUri: () => `${base.url()}/link`,
  });
  return { module: { audit, providers, identity, signIn, directory }, close: () => providers.close() };
}

export interface ServicesModule {
  services: CitizenServices;
  partners: PartnerWiring;
}

/** The city's services: connectors to the partners (sandbox ones run in this process). */
export function startServices(
  { config, tenant, base, clock, logger }: CityBasics,
  parts: { db: Database; identity: IdentityModule },
): Started<ServicesModule> {
  const partners = wirePartners({
    partners: tenant.partners,
    dataDir: join(resolve(config.dataDir), 'tenants', tenant.id),
    baseUrl: base.url,
    tenantId: tenant.id,
    city: { ja: tenant.file.displayName.ja, en: tenant.file.displayName.en },
    clock,
    logger,
  });
  const services = new CitizenServices({
    partners: partners.connectors,
    identity: parts.identity.identity,
    directory: parts.identity.directory,
    reads: new NoticeReads(parts.db.forTenant(tenant.file.id), clock),
    tenant,
    clock,
  });
  return { module: { services, partners }, close: () => partners.sandbox?.close() };
}

/** The set-top box profiles the TV app is hosted for (the same for every city). */
export function tvProfilesOf({ config, logger }: Basics): readonly string[] {
  return hostedProfiles(config.apps.profilesDir ?? PROFILES_FOLDER, logger.child({ module: 'fleet' }));
}

/** The cable operator's fleet: boxes, their health, updates and pushed configurations. */
export function startFleet(
  { config, tenant, clock, logger }: CityBasics,
  parts: { db: Database; devices: DeviceRegistry; identity: IdentityModule; tvProfiles: readonly string[] },
): Started<Fleet> {
  const log = logger.child({ module: 'fleet' });
  const tvProfiles = parts.tvProfiles;
  const fleet = new Fleet({
    devices: parts.devices,
    health: new DeviceHealthStore(parts.db.forTenant(tenant.file.id)),
    configs: new DeviceConfigStore(parts.db.forTenant(tenant.file.id)),
    db: parts.db.forTenant(tenant.file.id),
    audit: parts.identity.audit,
    options: {
      latestVersion:
        config.apps.tvLatestVersion ?? latestTvVersion(join(REPO_ROOT, 'tv-app', 'package.json'), log),
      profiles: tvProfiles,
    },
    clock,
    logger: log,
  });
  return running(fleet);
}

export interface CityWebParts {
  staff: StaffAuth;
  devices: DeviceRegistry;
  counter: Counter;
  identity: IdentityModule;
  services: ServicesModule;
  fleet: Fleet;
  tvProfiles: readonly string[];
  i18n: I18n;
  fleetGrants: CityHttpDeps['fleetGrants'];
  fleetCities: CityHttpDeps['fleetCities'];
}

const secureCookiesOf = (config: Config): boolean => config.publicUrl?.startsWith('https:') ?? false;

/** One city's web surface (API, apps, phone pages, sandbox endpoints), mounted at `/t/<id>`. */
export function startCityWeb(
  { config, tenant, base, clock, logger }: CityBasics,
  parts: CityWebParts,
): Started<Router> {
  const secureCookies = secureCookiesOf(config);
  const { identity, signIn, audit, providers } = parts.identity;
  const phone = phonePages({
    identity,
    signIn,
    devices: parts.devices,
    relyingParty: () => providers.current(),
    i18n: parts.i18n,
    clock,
    logger: logger.child({ module: 'phone' }),
    secureCookies,
    baseUrl: base.url,
  });
  const sandbox = parts.services.partners.sandbox;
  const router = createCityRouter({
    tvOrigins: tenant.tvOrigins,
    tvDir: config.apps.tvDir ?? join(REPO_ROOT, 'tv-app', 'dist'),
    tvProfiles: parts.tvProfiles,
    i18n: parts.i18n,
    staffDir: config.apps.staffDir ?? join(REPO_ROOT, 'staff-console', 'dist'),
    staff: parts.staff,
    devices: parts.devices,
    fleet: parts.fleet,
    counter: parts.counter,
    tenant,
    identityReady: () => providers.ready,
    identityRoutes: { signIn, identity, audit, clock },
    services: parts.services.services,
    pages: [
      phone.router,
      providers.sandboxHandler(),
      ...(sandbox ? [Router().use(SANDBOX_PARTNERS_PATH, sandbox.router())] : []),
    ],
    secureCookies,
    sessionMaxAgeSeconds: config.session.absoluteHours * 3600,
    fleetGrants: parts.fleetGrants,
    fleetCities: parts.fleetCities,
  });
  return { module: router, close: () => phone.close() };
}

export interface WebParts {
  cities: ReadonlyMap<string, { router: Router; tenant: Tenant }>;
  metrics: Metrics;
  i18n: I18n;
  address: ServerAddress;
  readiness: () => Promise<Readiness>;
}

/** HTTP (health, metrics, every city below `/t/<id>`) and socket.io on one port. */
export function startWeb(
  { config, logger }: Basics,
  parts: WebParts,
): Started<{ http: HttpServer; io: SocketServer }> {
  const app = createRootApp({
    logger,
    trustProxy: config.trustProxy,
    secureCookies: secureCookiesOf(config),
    cities: parts.cities,
    i18n: parts.i18n,
    metrics: parts.metrics,
    readiness: parts.readiness,
  });
  const http = createServer(app);
  parts.address.attach(http);
  // Packaged TV apps on any city's origins (socket.io's long-polling needs CORS); each city's
  // device namespace still takes only its own TVs' tokens.
  const tvOrigins = [...new Set([...parts.cities.values()].flatMap(({ tenant }) => tenant.tvOrigins))];
  const io = new SocketServer(http, {
    serveClient: false,
    ...(tvOrigins.length > 0 ? { cors: { origin: tvOrigins } } : {}),
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    pingInterval: 10_000,
    pingTimeout: 5_000,
    // A short network blip keeps the same socket, its rooms and the pushes it missed.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  return {
    module: { http, io },
    async close() {
      await new Promise<void>((resolveClose) => {
        void io.close(() => resolveClose());
        http.closeAllConnections();
      });
    },
  };
}

export function startRealtime(
  basics: CityBasics,
  parts: Omit<
    RealtimeDeps,
    'identity' | 'services' | 'registrationsPerHour' | 'trustProxy' | 'basePath' | 'tenant' | keyof Basics
  > & {
    io: SocketServer;
    identity: IdentityModule;
    services: ServicesModule;
  },
): Started<Realtime> {
  const realtime = attachRealtime(parts.io, {
    ...basics,
    basePath: basics.base.path,
    ...parts,
    identity: parts.identity.identity,
    services: parts.services.services,
    registrationsPerHour: basics.config.limits.registrationsPerHour,
    trustProxy: basics.config.trustProxy,
  });
  return { module: realtime, close: () => realtime.close() };
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, unknown>;
}

/** Ready when the database answers and every media worker runs; the rest is reported per city. */
export async function readinessOf(parts: {
  db: Database;
  media: MediaWorkerPool;
  cities: readonly { tenant: Tenant; identity: IdentityModule; services: ServicesModule }[];
}): Promise<Readiness> {
  const answers = await parts.db.answers();
  const { running: workers, expected, restarts } = parts.media;
  return {
    ready: answers && workers === expected,
    checks: {
      database: { engine: parts.db.engine, answers },
      mediaWorkers: { running: workers, expected, restarts },
      cities: Object.fromEntries(
        parts.cities.map((city) => [
          city.tenant.id,
          {
            identityProvider: city.identity.providers.ready,
            partners: city.services.services.health(),
          },
        ]),
      ),
    },
  };
}

export const startI18n = (): Promise<I18n> => createI18n('ja');
