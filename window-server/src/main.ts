import { createI18n, type CallJoinInfo, type CallRole } from '@madoguchi/shared';
import { PROFILES_FOLDER } from '@madoguchi/stb-bridge/node';
import type { i18n as I18n } from 'i18next';
import { availableParallelism } from 'node:os';
import { Router } from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server as SocketServer, type Socket } from 'socket.io';
import { AuditLog } from './audit/index.js';
import { demoDataEnabled, type Config } from './config/index.js';
import { systemClock, type Clock } from './core/clock.js';
import { createLogger, type Logger } from './core/logger.js';
import { databaseAnswers, openDatabase, openDurableConnection, type Database } from './db/index.js';
import { Counter, CounterFigures, CounterStore } from './counter/index.js';
import { DeviceRegistry, DeviceStore } from './devices/index.js';
import {
  DeviceConfigStore,
  DeviceHealthStore,
  Fleet,
  hostedProfiles,
  latestTvVersion,
} from './fleet/index.js';
import { createHttpApp, phonePages } from './http/index.js';
import { CitizenServices, NoticeReads } from './gateway/index.js';
import { CitizenStore, ConsentStore, DeviceSignIn, Identity } from './identity/index.js';
import { wirePartners, type PartnerWiring } from './partnerWiring.js';
import { CallRooms, MediaWorkerPool, type MediaPush } from './media/index.js';
import { Metrics } from './metrics/index.js';
import {
  attachCounterPushes,
  attachDeviceNamespace,
  attachIdentityPushes,
  attachStaffNamespace,
  mediaPush,
} from './realtime/index.js';
import { SandboxDirectory, seedDemoStaff } from './sandbox/index.js';
import { SANDBOX_PARTNERS_PATH } from './sandbox/partners/index.js';
import { SANDBOX_ISSUER_KEY, SignInProviders } from './signInProviders.js';
import { StaffAuth, StaffStore } from './staff/index.js';
import { loadTenant, type Tenant } from './tenants/index.js';

export interface WindowServerOptions {
  logger?: Logger;
  clock?: Clock;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Largest socket.io message; larger ones close the connection. */
const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

/**
 * The composition root: the only place where modules are wired together.
 * `create()` does the slow work (database, media workers); `listen()` opens the port.
 */
export class WindowServer {
  private closing: Promise<void> | undefined;
  private readonly purgeTimer: NodeJS.Timeout;
  readonly counter: Counter;
  readonly rooms: CallRooms;
  readonly metrics: Metrics;
  private readonly pushes: { close(): void };

  static async create(config: Config, options: WindowServerOptions = {}): Promise<WindowServer> {
    const logger = options.logger ?? createLogger(config.logLevel);
    const clock = options.clock ?? systemClock;
    const tenant = loadTenant(config.tenantFile);
    const file = join(resolve(config.dataDir), 'madoguchi.db');
    const db = openDatabase({ file });
    const durable = openDurableConnection(file);
    let media: MediaWorkerPool | undefined;
    try {
      const staff = new StaffAuth(
        new StaffStore(db),
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
      media = await MediaWorkerPool.create({
        size: config.media.workers || availableParallelism(),
        logLevel: config.media.logLevel,
        logger: logger.child({ module: 'media' }),
        webRtc: {
          listenIp: config.media.listenIp,
          port: config.media.rtcPort,
          ...(config.media.announcedAddress ? { announcedAddress: config.media.announcedAddress } : {}),
        },
      });
      const devices = new DeviceRegistry(
        new DeviceStore(db),
        tenant.file.id,
        clock,
        logger.child({ module: 'devices' }),
      );
      const i18n = await createI18n('ja');
      return new WindowServer({ config, logger, clock, db, durable, tenant, staff, devices, media, i18n });
    } catch (error) {
      media?.close();
      durable.close();
      db.close();
      throw error;
    }
  }

  readonly http: HttpServer;
  readonly io: SocketServer;

  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly db: Database;
  readonly tenant: Tenant;
  readonly staff: StaffAuth;
  readonly devices: DeviceRegistry;
  readonly media: MediaWorkerPool;
  readonly audit: AuditLog;
  readonly identity: Identity;
  readonly fleet: Fleet;
  private readonly durable: Database;
  private readonly providers: SignInProviders;
  readonly services: CitizenServices;
  private readonly partners: PartnerWiring;
  private readonly phone: { close(): void };

  private constructor(parts: Parts) {
    const { config, logger, clock, db, durable, tenant, staff, devices, media, i18n } = parts;
    this.config = config;
    this.logger = logger;
    this.clock = clock;
    this.db = db;
    this.durable = durable;
    this.tenant = tenant;
    this.staff = staff;
    this.devices = devices;
    this.media = media;
    const tenantId = tenant.file.id;
    this.counter = new Counter(
      new CounterStore(db, tenantId),
      new CounterFigures(db, tenantId),
      tenant,
      devices,
      staff,
      clock,
      logger.child({ module: 'counter' }),
      config.counter,
    );
    // Rooms push media events through the namespaces, which need the rooms: tie the knot late.
    const pushes: { media?: MediaPush } = {};
    this.rooms = new CallRooms({
      pool: media,
      logger: logger.child({ module: 'call-rooms' }),
      push: (consultationId, role, event, payload) => pushes.media?.(consultationId, role, event, payload),
      peerOf: (consultationId, role) => this.peerOf(consultationId, role),
    });
    this.metrics = new Metrics({ counter: this.counter, devices, media, rooms: this.rooms });

    // Identity: citizens, links, consents and the audit trail live on the durable connection.
    this.audit = new AuditLog(durable, clock);
    this.providers = new SignInProviders(config, logger.child({ module: 'identity' }), i18n);
    const citizens = new CitizenStore(durable, tenantId);
    this.identity = new Identity(
      citizens,
      new ConsentStore(durable),
      this.audit,
      this.providers.usesSandbox ? new SandboxDirectory(SANDBOX_ISSUER_KEY) : null,
      this.counter,
      staff,
      clock,
      logger.child({ module: 'identity' }),
    );
    // The city's services: connectors to the partners (sandbox ones run in this process).
    this.partners = wirePartners({ config, baseUrl: () => this.baseUrl, clock, logger });
    this.services = new CitizenServices(
      this.partners.connectors,
      this.identity,
      this.providers.usesSandbox ? new SandboxDirectory(SANDBOX_ISSUER_KEY) : null,
      new NoticeReads(db, clock),
      tenant,
      clock,
    );
    const signIn = new DeviceSignIn(citizens, clock, {
      codeSeconds: config.identity.deviceCodeSeconds,
      intervalSeconds: config.identity.pollIntervalSeconds,
      alphabet: tenant.file.identity.userCodeAlphabet,
      verificationUri: () => `${this.baseUrl}/link`,
    });

    // The cable operator's fleet: boxes, their health, updates and pushed configurations.
    const fleetLog = logger.child({ module: 'fleet' });
    const tvProfiles = hostedProfiles(config.apps.profilesDir ?? PROFILES_FOLDER, fleetLog);
    this.fleet = new Fleet(
      devices,
      new DeviceHealthStore(db),
      new DeviceConfigStore(durable),
      durable,
      this.audit,
      {
        latestVersion:
          config.apps.tvLatestVersion ?? latestTvVersion(join(REPO_ROOT, 'tv-app', 'package.json'), fleetLog),
        profiles: tvProfiles,
      },
      clock,
      fleetLog,
    );

    const secureCookies = config.publicUrl?.startsWith('https:') ?? false;
    const phone = phonePages({
      identity: this.identity,
      signIn,
      devices,
      relyingParty: () => this.providers.current(),
      i18n,
      clock,
      logger: logger.child({ module: 'phone' }),
      secureCookies,
      baseUrl: () => this.baseUrl,
    });
    this.phone = phone;
    const app = createHttpApp({
      logger,
      trustProxy: config.trustProxy,
      tvOrigins: config.tvOrigins,
      tvDir: config.apps.tvDir ?? join(REPO_ROOT, 'tv-app', 'dist'),
      tvProfiles,
      i18n,
      staffDir: config.apps.staffDir ?? join(REPO_ROOT, 'staff-console', 'dist'),
      staff,
      devices,
      fleet: this.fleet,
      counter: this.counter,
      tenant,
      metrics: this.metrics,
      identityRoutes: { signIn, identity: this.identity, audit: this.audit, clock },
      services: this.services,
      pages: [
        phone.router,
        this.providers.sandboxHandler(),
        ...(this.partners.sandbox
          ? [Router().use(SANDBOX_PARTNERS_PATH, this.partners.sandbox.router())]
          : []),
      ],
      secureCookies,
      sessionMaxAgeSeconds: config.session.absoluteHours * 3600,
      readiness: () => this.readiness(),
    });
    this.http = createServer(app);
    this.io = new SocketServer(this.http, {
      serveClient: false,
      // Packaged TV apps on the configured origins (socket.io's long-polling needs CORS).
      ...(config.tvOrigins.length > 0 ? { cors: { origin: [...config.tvOrigins] } } : {}),
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      pingInterval: 10_000,
      pingTimeout: 5_000,
      // A short network blip keeps the same socket, its rooms and the pushes it missed.
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    });
    const deviceNamespace = attachDeviceNamespace(this.io, {
      devices,
      fleet: this.fleet,
      counter: this.counter,
      rooms: this.rooms,
      identity: this.identity,
      tenant,
      clock,
      logger: logger.child({ module: 'device-channel' }),
      registrationsPerHour: config.limits.registrationsPerHour,
      addressOf: (socket) => clientAddress(socket, config.trustProxy),
    });
    const staffNamespace = attachStaffNamespace(this.io, {
      staff,
      devices,
      fleet: this.fleet,
      counter: this.counter,
      rooms: this.rooms,
      identity: this.identity,
      services: this.services,
      deviceNamespace: () => deviceNamespace,
      logger: logger.child({ module: 'staff-channel' }),
    });
    pushes.media = mediaPush(this.counter, deviceNamespace, staffNamespace);
    this.pushes = attachCounterPushes({
      counter: this.counter,
      rooms: this.rooms,
      devices,
      device: deviceNamespace,
      staff: staffNamespace,
      logger: logger.child({ module: 'counter-pushes' }),
    });
    attachIdentityPushes(this.identity, this.counter, deviceNamespace, staffNamespace);
    this.counter.resume();
    this.purgeTimer = setInterval(() => staff.purgeExpiredSessions(), 10 * 60_000).unref();
  }

  /** Who a side of a call is told it talks to. */
  private peerOf(consultationId: string, role: CallRole): CallJoinInfo['peer'] {
    const consultation = this.counter.consultation(consultationId);
    if (role === 'citizen') {
      const staffName = consultation ? (this.staff.account(consultation.staffId)?.displayName ?? '') : '';
      return { role: 'officer', displayName: staffName, camera: true, microphone: true };
    }
    const device = consultation ? this.devices.get(consultation.deviceId) : undefined;
    return {
      role: 'citizen',
      displayName: '',
      camera: device?.capabilities.camera ?? false,
      microphone: device?.capabilities.microphone ?? false,
    };
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
    await this.providers.start(this.baseUrl);
    return this.url;
  }

  /** The embedded sandbox partners (tests turn their fault knobs), or null when all are real. */
  get sandboxPartners(): PartnerWiring['sandbox'] {
    return this.partners.sandbox;
  }

  /** The address citizens' phones use: the configured public URL, or where this server listens. */
  get baseUrl(): string {
    return (this.config.publicUrl ?? this.url).replace(/\/$/, '');
  }

  get url(): string {
    const address = this.http.address() as AddressInfo | null;
    const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host;
    return `http://${host}:${address?.port ?? this.config.port}`;
  }

  readiness(): { ready: boolean; checks: Record<string, unknown> } {
    const database = databaseAnswers(this.db);
    const mediaWorkers = {
      running: this.media.running,
      expected: this.media.expected,
      restarts: this.media.restarts,
    };
    return {
      ready: database && mediaWorkers.running === mediaWorkers.expected,
      checks: {
        database,
        mediaWorkers,
        identityProvider: this.providers.ready,
        partners: this.services.health(),
      },
    };
  }

  /** Stops taking connections, tells clients, closes workers and the database. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.purgeTimer);
      this.logger.info('window-server shutting down');
      this.counter.close();
      this.pushes.close();
      this.providers.close();
      this.phone.close();
      this.partners.sandbox?.close();
      this.rooms.closeAll();
      await new Promise<void>((resolveClose) => {
        void this.io.close(() => resolveClose());
        this.http.closeAllConnections();
      });
      this.media.close();
      this.durable.close();
      this.db.close();
      this.logger.info('window-server stopped');
    })();
    return this.closing;
  }
}

interface Parts {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  /** The same file with synchronous=FULL: the audit trail and consents. */
  durable: Database;
  tenant: Tenant;
  staff: StaffAuth;
  devices: DeviceRegistry;
  media: MediaWorkerPool;
  i18n: I18n;
}

/** The client's address, honouring as many proxy hops as configured. */
function clientAddress(socket: Socket, trustedHops: number): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (trustedHops > 0 && typeof forwarded === 'string') {
    const hops = forwarded.split(',').map((part) => part.trim());
    return hops[Math.max(0, hops.length - trustedHops)] ?? socket.handshake.address;
  }
  return socket.handshake.address;
}
