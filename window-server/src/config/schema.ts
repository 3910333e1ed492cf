import { z } from 'zod';
import { isSemanticVersion } from '@madoguchi/shared';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `https://host[:port]` exactly, as browsers send it in `Origin` (no path, no trailing slash). */
function isOrigin(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
}

function isPostgresUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
}

/**
 * Everything window-server can be told. Defaults are the embedded set-up: SQLite in ./data,
 * sandbox partners and demo data, 127.0.0.1 only.
 */
export const configSchema = z.strictObject({
  /** `sandbox` runs the embedded partner systems and demo data; `production` refuses them. */
  mode: z.enum(['sandbox', 'production']).default('sandbox'),
  /** Lets production mode start with sandbox parts (a staging system). */
  allowSandboxInProduction: z.boolean().default(false),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  /** The address citizens and officers use, when behind a proxy (decides secure cookies). */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Origins of packaged TV apps (operator packages served by a box or a head-end) that may use
   * socket.io and the device API from another origin; `MADOGUCHI_TV_ORIGINS`, comma-separated.
   */
  tvOrigins: z
    .union([z.array(z.string()), z.string().transform((list) => list.split(',').map((s) => s.trim()))])
    .pipe(z.array(z.string().refine(isOrigin, 'an origin such as https://tv.operator.example')))
    .default([]),
  /** Express `trust proxy`: hops of reverse proxies in front of the server. */
  trustProxy: z.number().int().min(0).max(10).default(0),
  dataDir: z.string().min(1).default('./data'),
  database: z
    .strictObject({
      /**
       * `postgres://user:password@host:port/database` selects PostgreSQL (15 or newer); without it,
       * SQLite in the data dir. Never logged with its password.
       */
      url: z.string().refine(isPostgresUrl, 'a postgres:// or postgresql:// URL with a host').optional(),
      /** PostgreSQL connections per node. */
      poolSize: z.number().int().min(1).max(200).default(10),
      /** A statement running longer is cancelled (and its request fails), in milliseconds. */
      statementTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
    })
    .default({ poolSize: 10, statementTimeoutMs: 10_000 }),
  /**
   * Folder of tenant files, one `*.json` per city; defaults to the bundled 大村市 and みなと市.
   * Adding a city is adding a file here and restarting.
   */
  tenantsDir: z.string().min(1).optional(),
  /** One tenant file instead of a folder (a single-city install, tests). */
  tenantFile: z.string().min(1).optional(),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  /** Demo staff accounts (and later demo citizens); only in sandbox mode unless allowed. */
  demoData: z.boolean().optional(),
  apps: z
    .strictObject({
      /** Built TV app (`tv-app/dist`), served at /tv/. */
      tvDir: z.string().min(1).optional(),
      /** Built staff console (`staff-console/dist`), served at /staff/. */
      staffDir: z.string().min(1).optional(),
      /** Set-top box profiles (`stb-bridge/src/platform/profiles`): the TV app is hosted at /tv/<profile>/ for each. */
      profilesDir: z.string().min(1).optional(),
      /** The newest TV package version; older TVs are told an update is coming. Default: tv-app's own version. */
      tvLatestVersion: z.string().refine(isSemanticVersion, 'a semantic version such as 1.2.0').optional(),
    })
    .default({}),
  media: z
    .strictObject({
      /** mediasoup workers; 0 means one per CPU core. */
      workers: z.number().int().min(0).max(64).default(0),
      logLevel: z.enum(['debug', 'warn', 'error', 'none']).default('warn'),
      /** Address the WebRTC media sockets bind to. */
      listenIp: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
      /** Address (or host name) clients send media to, when behind NAT; the listen address otherwise. */
      announcedAddress: z.string().min(1).max(253).optional(),
      /** First WebRTC port (UDP and TCP): worker n uses rtcPort + n. 0 picks free ports. */
      rtcPort: z.number().int().min(0).max(65000).default(40000),
    })
    .default({ workers: 0, logLevel: 'warn', listenIp: '127.0.0.1', rtcPort: 40000 }),
  identity: z
    .strictObject({
      /** `sandbox`: the embedded provider with demo citizens; `oidc`: a real one (めぶくID). */
      provider: z.enum(['sandbox', 'oidc']).optional(),
      /** The provider's issuer URL (its discovery document is read from there). */
      issuer: z.url({ protocol: /^https?$/ }).optional(),
      clientId: z.string().min(1).max(200).optional(),
      clientSecret: z.string().min(1).max(500).optional(),
      /** How long a TV's sign-in code lives, in seconds. */
      deviceCodeSeconds: z.number().int().min(30).max(3600).default(600),
      /** How often a TV may ask whether the citizen has signed in, in seconds. */
      pollIntervalSeconds: z.number().int().min(1).max(60).default(5),
    })
    .default({ deviceCodeSeconds: 600, pollIntervalSeconds: 5 }),
  partners: z
    .strictObject({
      /** A whole partner call, retries included, in milliseconds: the TV hears back within 3 s. */
      timeoutMs: z.number().int().min(200).max(10_000).default(2500),
      /** おむすび。 portal. Without a URL (sandbox mode), the embedded sandbox portal. */
      portal: z
        .strictObject({ baseUrl: z.url().optional(), apiKey: z.string().min(1).optional() })
        .default({}),
      /** ゆでぴ community currency (OAuth 2.0 client credentials). */
      currency: z
        .strictObject({
          baseUrl: z.url().optional(),
          clientId: z.string().min(1).optional(),
          clientSecret: z.string().min(1).optional(),
        })
        .default({}),
      mutualAid: z
        .strictObject({ baseUrl: z.url().optional(), apiKey: z.string().min(1).optional() })
        .default({}),
      childcare: z
        .strictObject({ baseUrl: z.url().optional(), apiKey: z.string().min(1).optional() })
        .default({}),
    })
    .default({ timeoutMs: 2500, portal: {}, currency: {}, mutualAid: {}, childcare: {} }),
  counter: z
    .strictObject({
      /** A waiting TV that stays off this long gives up its place; a call, its line. In seconds. */
      graceSeconds: z.number().int().min(1).max(3600).default(120),
      /** How long a call back rings before it counts as unanswered, in seconds. */
      ringSeconds: z.number().int().min(1).max(300).default(45),
      /** Serving time assumed for estimates before there is any history, in minutes. */
      defaultServeMinutes: z.number().int().min(1).max(120).default(6),
    })
    .default({ graceSeconds: 120, ringSeconds: 45, defaultServeMinutes: 6 }),
  session: z
    .strictObject({
      /** A staff session ends after this much inactivity, in minutes. */
      idleMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(60),
      /** …and at the latest after this long, in hours. */
      absoluteHours: z.number().int().min(1).max(72).default(12),
    })
    .default({ idleMinutes: 60, absoluteHours: 12 }),
  lockout: z
    .strictObject({
      /** Failed sign-ins in a row that lock an account. */
      maxFailures: z.number().int().min(1).max(100).default(5),
      /** How long a locked account stays locked, in minutes. */
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(15),
    })
    .default({ maxFailures: 5, minutes: 15 }),
  limits: z
    .strictObject({
      /** Device registrations per client address per hour. */
      registrationsPerHour: z.number().int().min(1).max(100000).default(30),
      /** Failed sign-ins per client address per 15 minutes, over all accounts. */
      failedLoginsPerAddress: z.number().int().min(1).max(100000).default(30),
    })
    .default({ registrationsPerHour: 30, failedLoginsPerAddress: 30 }),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

type EnvKind = 'string' | 'int' | 'bool';

/** Environment variables and the field each one sets. */
export const ENV_VARS: Record<string, { path: string[]; kind: EnvKind }> = {
  MADOGUCHI_MODE: { path: ['mode'], kind: 'string' },
  MADOGUCHI_ALLOW_SANDBOX_IN_PRODUCTION: { path: ['allowSandboxInProduction'], kind: 'bool' },
  MADOGUCHI_HOST: { path: ['host'], kind: 'string' },
  MADOGUCHI_PORT: { path: ['port'], kind: 'int' },
  MADOGUCHI_PUBLIC_URL: { path: ['publicUrl'], kind: 'string' },
  MADOGUCHI_TRUST_PROXY: { path: ['trustProxy'], kind: 'int' },
  MADOGUCHI_TV_ORIGINS: { path: ['tvOrigins'], kind: 'string' },
  MADOGUCHI_DATA_DIR: { path: ['dataDir'], kind: 'string' },
  MADOGUCHI_DATABASE_URL: { path: ['database', 'url'], kind: 'string' },
  MADOGUCHI_DATABASE_POOL_SIZE: { path: ['database', 'poolSize'], kind: 'int' },
  MADOGUCHI_DATABASE_STATEMENT_TIMEOUT_MS: { path: ['database', 'statementTimeoutMs'], kind: 'int' },
  MADOGUCHI_TENANTS_DIR: { path: ['tenantsDir'], kind: 'string' },
  MADOGUCHI_TENANT_FILE: { path: ['tenantFile'], kind: 'string' },
  MADOGUCHI_LOG_LEVEL: { path: ['logLevel'], kind: 'string' },
  MADOGUCHI_DEMO_DATA: { path: ['demoData'], kind: 'bool' },
  MADOGUCHI_TV_APP_DIR: { path: ['apps', 'tvDir'], kind: 'string' },
  MADOGUCHI_STAFF_CONSOLE_DIR: { path: ['apps', 'staffDir'], kind: 'string' },
  MADOGUCHI_TV_PROFILES_DIR: { path: ['apps', 'profilesDir'], kind: 'string' },
  MADOGUCHI_TV_LATEST_VERSION: { path: ['apps', 'tvLatestVersion'], kind: 'string' },
  MADOGUCHI_MEDIA_WORKERS: { path: ['media', 'workers'], kind: 'int' },
  MADOGUCHI_MEDIA_LOG_LEVEL: { path: ['media', 'logLevel'], kind: 'string' },
  MADOGUCHI_MEDIA_LISTEN_IP: { path: ['media', 'listenIp'], kind: 'string' },
  MADOGUCHI_MEDIA_ANNOUNCED_ADDRESS: { path: ['media', 'announcedAddress'], kind: 'string' },
  MADOGUCHI_MEDIA_RTC_PORT: { path: ['media', 'rtcPort'], kind: 'int' },
  MADOGUCHI_IDENTITY_PROVIDER: { path: ['identity', 'provider'], kind: 'string' },
  MADOGUCHI_OIDC_ISSUER: { path: ['identity', 'issuer'], kind: 'string' },
  MADOGUCHI_OIDC_CLIENT_ID: { path: ['identity', 'clientId'], kind: 'string' },
  MADOGUCHI_OIDC_CLIENT_SECRET: { path: ['identity', 'clientSecret'], kind: 'string' },
  MADOGUCHI_DEVICE_CODE_SECONDS: { path: ['identity', 'deviceCodeSeconds'], kind: 'int' },
  MADOGUCHI_DEVICE_POLL_SECONDS: { path: ['identity', 'pollIntervalSeconds'], kind: 'int' },
  MADOGUCHI_PARTNER_TIMEOUT_MS: { path: ['partners', 'timeoutMs'], kind: 'int' },
  MADOGUCHI_PORTAL_URL: { path: ['partners', 'portal', 'baseUrl'], kind: 'string' },
  MADOGUCHI_PORTAL_API_KEY: { path: ['partners', 'portal', 'apiKey'], kind: 'string' },
  MADOGUCHI_CURRENCY_URL: { path: ['partners', 'currency', 'baseUrl'], kind: 'string' },
  MADOGUCHI_CURRENCY_CLIENT_ID: { path: ['partners', 'currency', 'clientId'], kind: 'string' },
  MADOGUCHI_CURRENCY_CLIENT_SECRET: { path: ['partners', 'currency', 'clientSecret'], kind: 'string' },
  MADOGUCHI_MUTUAL_AID_URL: { path: ['partners', 'mutualAid', 'baseUrl'], kind: 'string' },
  MADOGUCHI_MUTUAL_AID_API_KEY: { path: ['partners', 'mutualAid', 'apiKey'], kind: 'string' },
  MADOGUCHI_CHILDCARE_URL: { path: ['partners', 'childcare', 'baseUrl'], kind: 'string' },
  MADOGUCHI_CHILDCARE_API_KEY: { path: ['partners', 'childcare', 'apiKey'], kind: 'string' },
  MADOGUCHI_COUNTER_GRACE_SECONDS: { path: ['counter', 'graceSeconds'], kind: 'int' },
  MADOGUCHI_COUNTER_RING_SECONDS: { path: ['counter', 'ringSeconds'], kind: 'int' },
  MADOGUCHI_SESSION_IDLE_MINUTES: { path: ['session', 'idleMinutes'], kind: 'int' },
  MADOGUCHI_SESSION_ABSOLUTE_HOURS: { path: ['session', 'absoluteHours'], kind: 'int' },
  MADOGUCHI_LOCKOUT_MAX_FAILURES: { path: ['lockout', 'maxFailures'], kind: 'int' },
  MADOGUCHI_LOCKOUT_MINUTES: { path: ['lockout', 'minutes'], kind: 'int' },
  MADOGUCHI_REGISTRATIONS_PER_HOUR: { path: ['limits', 'registrationsPerHour'], kind: 'int' },
  MADOGUCHI_FAILED_LOGINS_PER_ADDRESS: { path: ['limits', 'failedLoginsPerAddress'], kind: 'int' },
};
