import { createI18n } from '@madoguchi/shared';
import { PROFILES_FOLDER } from '@madoguchi/stb-bridge/node';
import { Router } from 'express';
import type { i18n as I18n } from 'i18next';
import { createServer, type Server as HttpServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
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
import { createHttpApp, phonePages, type ServerAddress } from '../http/index.js';
import { CitizenStore, ConsentStore, DeviceSignIn, Identity } from '../identity/index.js';
import { CallRooms, MediaWorkerPool } from '../media/index.js';
import { Metrics } from '../metrics/index.js';
import { attachRealtime, type Realtime, type RealtimeDeps } from '../realtime/index.js';
import { SandboxDirectory, seedDemoStaff } from '../sandbox/index.js';
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
  tenant: Tenant;
  clock: Clock;
  logger: Logger;
}

/** SQLite in the data dir, or PostgreSQL at MADOGUCHI_DATABASE_URL; its schema brought up to date. */
export async function startDatabase({ config, tenant, logger }: Basics): Promise<Started<Database>> {
  const db = await Database.open({
    url: config.database.url,
    file: databaseFile(config),
    poolSize: config.database.poolSize,
    statementTimeoutMs: config.database.statementTimeoutMs,
    logger: logger.child({ module: 'db' }),
  });
  try {
    // Rows from before tenants were the single-tenant release's, which served this same tenant file.
    const applied = await migrateToLatest(db, { legacyTenantId: tenant.file.id });
    logger.info({ engine: db.engine, database: db.location, migrations: applied }, 'database ready');
  } catch (error) {
    await db.close();
    throw error;
  }
  return { module: db, close: () => db.close() };
}

export async function startStaff(
  { config, tenant, clock, logger }: Basics,
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

export function startDevices({ tenant, clock, logger }: Basics, db: Database): Started<DeviceRegistry> {
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
  { config, tenant, clock, logger }: Basics,
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
  { logger }: Basics,
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
  counter: Counter;
  devices: DeviceRegistry;
  media: MediaWorkerPool;
  rooms: CallRooms;
}): Started<Metrics> {
  return running(new Metrics(parts));
}

export interface IdentityModule {
  audit: AuditLog;
  providers: SignInProviders;
  identity: Identity;
  signIn: DeviceSignIn;
}

export function startIdentity(
  { config, tenant, clock, logger }: Basics,
  parts: { db: Database; counter: Counter; staff: StaffAuth; i18n: I18n; address: ServerAddress },
): Started<IdentityModule> {
  const log = logger.child({ module: 'identity' });
  // Links, consents and their audit rows commit together, durably (Identity and AuditLog say how).
  const tenantDb = parts.db.forTenant(tenant.file.id);
  const audit = new AuditLog(tenantDb, clock);
  const providers = new SignInProviders(config, log, parts.i18n);
  const citizens = new CitizenStore(tenantDb);
  const identity = new Identity({
    db: tenantDb,
    citizens,
    consents: new ConsentStore(tenantDb),
    audit,
    directory: providers.usesSandbox ? new SandboxDirectory(SANDBOX_ISSUER_KEY) : null,
    counter: parts.counter,
    staff: parts.staff,
    clock,
    logger: log,
  });
  const signIn = new DeviceSignIn(citizens, clock, {
    codeSeconds: config.identity.deviceCodeSeconds,
    intervalSeconds: config.identity.pollIntervalSeconds,
    alphabet: tenant.file.identity.userCodeAlphabet,
    verificationUri: () => `${parts.address.baseUrl}/link`,
  });
  return { module: { audit, providers, identity, signIn }, close: () => providers.close() };
}

export interface ServicesModule {
  services: CitizenServices;
  partners: PartnerWiring;
}

/** The city's services: connectors to the partners (sandbox ones run in this process). */
export function startServices(
  { config, tenant, clock, logger }: Basics,
  parts: { db: Database; identity: IdentityModule; address: ServerAddress },
): Started<ServicesModule> {
  const partners = wirePartners({ config, baseUrl: () => parts.address.baseUrl, clock, logger });
  const services = new CitizenServices({
    partners: partners.connectors,
    identity: parts.identity.identity,
    directory: parts.identity.providers.usesSandbox ? new SandboxDirectory(SANDBOX_ISSUER_KEY) : null,
    reads: new NoticeReads(parts.db.forTenant(tenant.file.id), clock),
    tenant,
    clock,
  });
  return { module: { services, partners }, close: () => partners.sandbox?.close() };
}

/** The cable operator's fleet: boxes, their health, updates and pushed configurations. */
export function startFleet(
  { config, tenant, clock, logger }: Basics,
  parts: { db: Database; devices: DeviceRegistry; identity: IdentityModule },
): Started<{ fleet: Fleet; tvProfiles: readonly string[] }> {
  const log = logger.child({ module: 'fleet' });
  const tvProfiles = hostedProfiles(config.apps.profilesDir ?? PROFILES_FOLDER, log);
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
  return running({ fleet, tvProfiles });
}

export interface WebParts {
  staff: StaffAuth;
  devices: DeviceRegistry;
  counter: Counter;
  identity: IdentityModule;
  services: ServicesModule;
  fleet: Fleet;
  tvProfiles: readonly string[];
  metrics: Metrics;
  i18n: I18n;
  address: ServerAddress;
  readiness: () => Promise<Readiness>;
}

/** HTTP (API, apps, phone pages, sandbox endpoints) and socket.io on one port. */
export function startWeb(
  { config, tenant, clock, logger }: Basics,
  parts: WebParts,
): Started<{ http: HttpServer; io: SocketServer }> {
  const secureCookies = config.publicUrl?.startsWith('https:') ?? false;
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
    baseUrl: () => parts.address.baseUrl,
  });
  const sandbox = parts.services.partners.sandbox;
  const app = createHttpApp({
    logger,
    trustProxy: config.trustProxy,
    tvOrigins: config.tvOrigins,
    tvDir: config.apps.tvDir ?? join(REPO_ROOT, 'tv-app', 'dist'),
    tvProfiles: parts.tvProfiles,
    i18n: parts.i18n,
    staffDir: config.apps.staffDir ?? join(REPO_ROOT, 'staff-console', 'dist'),
    staff: parts.staff,
    devices: parts.devices,
    fleet: parts.fleet,
    counter: parts.counter,
    tenant,
    metrics: parts.metrics,
    identityRoutes: { signIn, identity, audit, clock },
    services: parts.services.services,
    pages: [
      phone.router,
      providers.sandboxHandler(),
      ...(sandbox ? [Router().use(SANDBOX_PARTNERS_PATH, sandbox.router())] : []),
    ],
    secureCookies,
    sessionMaxAgeSeconds: config.session.absoluteHours * 3600,
    readiness: parts.readiness,
  });
  const http = createServer(app);
  parts.address.attach(http);
  const io = new SocketServer(http, {
    serveClient: false,
    // Packaged TV apps on the configured origins (socket.io's long-polling needs CORS).
    ...(config.tvOrigins.length > 0 ? { cors: { origin: [...config.tvOrigins] } } : {}),
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    pingInterval: 10_000,
    pingTimeout: 5_000,
    // A short network blip keeps the same socket, its rooms and the pushes it missed.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  return {
    module: { http, io },
    async close() {
      phone.close();
      await new Promise<void>((resolveClose) => {
        void io.close(() => resolveClose());
        http.closeAllConnections();
      });
    },
  };
}

export function startRealtime(
  basics: Basics,
  parts: Omit<
    RealtimeDeps,
    'identity' | 'services' | 'registrationsPerHour' | 'trustProxy' | keyof Basics
  > & {
    io: SocketServer;
    identity: IdentityModule;
    services: ServicesModule;
  },
): Started<Realtime> {
  const realtime = attachRealtime(parts.io, {
    ...basics,
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

/** Ready when the database answers and every media worker runs; the rest is reported. */
export async function readinessOf(parts: {
  db: Database;
  media: MediaWorkerPool;
  identity: IdentityModule;
  services: ServicesModule;
}): Promise<Readiness> {
  const answers = await parts.db.answers();
  const { running: workers, expected, restarts } = parts.media;
  return {
    ready: answers && workers === expected,
    checks: {
      database: { engine: parts.db.engine, answers },
      mediaWorkers: { running: workers, expected, restarts },
      identityProvider: parts.identity.providers.ready,
      partners: parts.services.services.health(),
    },
  };
}

export const startI18n = (): Promise<I18n> => createI18n('ja');
