import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import {
  CLUSTER_FOLDER_PREFIX,
  OWNER_FILE,
  PostgresCommandError,
  destroyClusterNow,
  isProcessAlive,
  newestPostgresBinDir,
  postgresUserIds,
  postmasterPid,
  processStartTime,
  runAsClusterOwner,
  runningPostmaster,
  runsAsRoot,
  sweepStaleClusters,
  trackCluster,
  untrackCluster,
} from './postgresProcess.js';

// A real PostgreSQL (Debian's package) for tests and benchmarks: a throwaway cluster in a temp
// folder on a free port of 127.0.0.1, never the Debian default cluster. Usable from a vitest
// global setup, from a test file and from the benchmark.

/** Plain data that reaches a cluster from another process (a vitest worker): serialisable. */
export interface PostgresClusterInfo {
  binDir: string;
  dataDir: string;
  port: number;
}

/** What the global setup provides to tests under `inject('postgres')`. */
export interface ProvidedPostgres extends PostgresClusterInfo {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: the maintenance database, for admin work. */
  url: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's cluster (test/support/postgresGlobalSetup.ts), in the `postgres` project only. */
    postgres: ProvidedPostgres;
  }
}

export interface ThrowawayPostgresOptions {
  /**
   * For suites that do not test durability. `fsync=off`: nothing is forced to disk, so an
   * operating-system crash or power loss can corrupt the cluster (a killed postgres cannot).
   * `synchronous_commit=off`: COMMIT returns before its WAL is written, so a crash of postgres
   * itself (`pg_ctl stop -m immediate`, SIGKILL) can lose the last ~0.6 s of committed
   * transactions. `full_page_writes=off`: a page torn by an OS crash cannot be repaired. Default
   * false: durable, as in production.
   */
  fast?: boolean;
  /** How long `pg_ctl start` waits for the server to accept connections, in seconds. Default 30. */
  startTimeoutSeconds?: number;
}

/** Stop and start a cluster, and make databases in it: what a test file needs, from plain data. */
export interface ClusterControl extends ProvidedPostgres {
  /** Fast shutdown: sessions are terminated (clients get an error), then a clean checkpoint. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** URL of a new, empty database (a unique name unless one is given). */
  createDatabase(name?: string): Promise<string>;
  /** Drops the database of that URL, closing its sessions first. */
  dropDatabase(url: string): Promise<void>;
}

export interface ThrowawayPostgres extends ClusterControl {
  /** Fast stop, then the whole folder is deleted. Safe to call twice. */
  remove(): Promise<void>;
  readonly removed: boolean;
}

/** The server did not start; the message carries the end of its log. */
export class PostgresStartError extends Error {
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(`${message}\n--- last lines of the server log ---\n${logTail || '(empty)'}`);
    this.name = 'PostgresStartError';
  }
}

const LOG_TAIL_LINES = 30;
const DEFAULT_START_TIMEOUT_S = 30;
/** Attempts to start on a fresh free port when another process took ours in between. */
const PORT_ATTEMPTS = 5;

export const serverUrl = (port: number, database = 'postgres'): string =>
  `postgres://postgres@127.0.0.1:${port}/${database}`;

const logFile = (dataDir: string) => join(dataDir, 'log');

function logTail(dataDir: string): string {
  try {
    return readFileSync(logFile(dataDir), 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
  } catch {
    return '';
  }
}

/** Port 0 lets the kernel choose a free port; it is free until someone else binds it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const portTaken = (tail: string) => /could not bind|Address already in use/.test(tail);

async function pgCtlStart(info: PostgresClusterInfo, timeoutSeconds: number): Promise<void> {
  const { binDir, dataDir, port } = info;
  const serverOptions = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1`;
  const args = [
    '-D',
    dataDir,
    '-o',
    serverOptions,
    '-l',
    logFile(dataDir),
    '-w',
    '-t',
    String(timeoutSeconds),
  ];
  try {
    await runAsClusterOwner(join(binDir, 'pg_ctl'), [...args, 'start'], (timeoutSeconds + 10) * 1000);
  } catch (error) {
    const output = error instanceof PostgresCommandError ? error.output : String(error);
    throw new PostgresStartError(
      `PostgreSQL did not start on 127.0.0.1:${port} (${dataDir}): ${output}`,
      logTail(dataDir),
    );
  }
}

async function pgCtlStop(binDir: string, dataDir: string, mode: 'fast' | 'immediate'): Promise<void> {
  if (runningPostmaster(dataDir) === undefined) return;
  await runAsClusterOwner(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
}

/** Runs one statement on the maintenance database; the client never outlives the call. */
async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A server shutting down under an idle client emits 'error'; unheard, it would kill the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Names we create and accept: plain lowercase identifiers, so quoting is all the escaping needed. */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const PROTECTED_DATABASES = new Set(['postgres', 'template0', 'template1']);

export async function createDatabase(server: string, name?: string): Promise<string> {
  const database = name ?? `t_${process.pid}_${randomBytes(5).toString('hex')}`;
  if (!DATABASE_NAME.test(database)) throw new Error(`Not a database name we create: "${database}"`);
  await adminQuery(server, `CREATE DATABASE "${database}"`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!DATABASE_NAME.test(database) || PROTECTED_DATABASES.has(database)) {
    throw new Error(`Refusing to drop the database "${database}"`);
  }
  url.pathname = '/postgres';
  await adminQuery(url.toString(), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

/**
 * Stop/start/restart and databases of a cluster another process started, rebuilt from plain
 * data: a test file in a vitest worker uses it on `inject('postgres')` to stop PostgreSQL under
 * a running server and start it again.
 */
export function clusterControl(
  info: PostgresClusterInfo,
  options: ThrowawayPostgresOptions = {},
): ClusterControl {
  const { binDir, dataDir, port } = info;
  const url = serverUrl(port);
  const timeout = options.startTimeoutSeconds ?? DEFAULT_START_TIMEOUT_S;
  const control: ClusterControl = {
    url,
    binDir,
    dataDir,
    port,
    stop: () => pgCtlStop(binDir, dataDir, 'fast'),
    start: () => pgCtlStart(info, timeout),
    restart: async () => {
      await control.stop();
      await control.start();
    },
    createDatabase: (name) => createDatabase(url, name),
    dropDatabase,
  };
  return control;
}

/** Lines appended to postgresql.conf, so every start (from any process) has them. */
function settings(fast: boolean): string {
  const lines = ['', '# Throwaway test cluster (test/support/postgres.ts)'];
  if (fast) lines.push('fsync = off', 'synchronous_commit = off', 'full_page_writes = off');
  return `${lines.join('\n')}\n`;
}

async function initCluster(binDir: string, dataDir: string, fast: boolean): Promise<void> {
  mkdirSync(dataDir, { mode: 0o700 });
  if (runsAsRoot()) {
    const { uid, gid } = postgresUserIds();
    chownSync(dataDir, uid, gid);
  }
  // --no-sync: initdb's own files need not reach the disk (the folder dies with the run); the
  // server's commits follow the fsync setting. UTF8 whatever LANG the machine has (under LANG=C
  // initdb would pick SQL_ASCII), and the C locale: text sorts by bytes, as in SQLite.
  const initdb = ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'];
  try {
    await runAsClusterOwner(join(binDir, 'initdb'), initdb);
  } catch (error) {
    throw new PostgresStartError(`initdb failed in ${dataDir}: ${(error as Error).message}`, '');
  }
  // The file belongs to the postgres user; we (root or that user) can append to it.
  appendFileSync(join(dataDir, 'postgresql.conf'), settings(fast));
}

async function startOnFreePort(binDir: string, dataDir: string, timeout: number): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      await pgCtlStart({ binDir, dataDir, port }, timeout);
      return port;
    } catch (error) {
      const clash = error instanceof PostgresStartError && portTaken(error.logTail);
      if (!clash || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

/**
 * Starts a throwaway cluster. The caller removes it (`remove()`); if the process ends first,
 * exit and signal handlers stop it (`pg_ctl stop -m immediate`) and delete the folder, and
 * leftovers of a killed run are cleaned when the next cluster starts.
 */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const binDir = newestPostgresBinDir();
  sweepStaleClusters(binDir);
  const folder = mkdtempSync(join(tmpdir(), CLUSTER_FOLDER_PREFIX));
  // Readable by others: the postgres user must traverse it to reach its own data folder.
  chmodSync(folder, 0o755);
  writeFileSync(
    join(folder, OWNER_FILE),
    JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) }),
  );
  const dataDir = join(folder, 'data');
  trackCluster(folder, binDir, dataDir);
  try {
    await initCluster(binDir, dataDir, options.fast ?? false);
    const port = await startOnFreePort(
      binDir,
      dataDir,
      options.startTimeoutSeconds ?? DEFAULT_START_TIMEOUT_S,
    );
    return throwawayPostgres(clusterControl({ binDir, dataDir, port }, options), folder);
  } catch (error) {
    untrackCluster(folder);
    destroyClusterNow(binDir, folder, dataDir);
    throw error;
  }
}

function throwawayPostgres(control: ClusterControl, folder: string): ThrowawayPostgres {
  let removed = false;
  const cluster: ThrowawayPostgres = {
    ...control,
    get removed() {
      return removed;
    },
    remove: async () => {
      if (removed) return;
      removed = true;
      const pid = postmasterPid(control.dataDir);
      try {
        await pgCtlStop(control.binDir, control.dataDir, 'fast');
      } catch (error) {
        console.error(`[postgres] fast stop failed, stopping at once: ${(error as Error).message}`);
      }
      destroyClusterNow(control.binDir, folder, control.dataDir);
      if (pid !== undefined) await processGone(pid);
      untrackCluster(folder);
    },
  };
  return cluster;
}

/**
 * pg_ctl returns once postmaster.pid is deleted, a moment before the process exits. It is not
 * our child (pg_ctl detaches it), so there is no exit event to await: poll, with a deadline.
 */
async function processGone(pid: number, deadlineMs = 5_000): Promise<void> {
  const started = performance.now();
  while (isProcessAlive(pid)) {
    if (performance.now() - started > deadlineMs) throw new Error(`postgres (PID ${pid}) is still running`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * For a vitest global setup (this suite's, and the e2e suite's when it wants one): starts one
 * cluster, provides it to the project's tests as `inject('postgres')`, and returns the teardown.
 */
export async function provideThrowawayPostgres(
  project: TestProject,
  options: ThrowawayPostgresOptions = {},
): Promise<() => Promise<void>> {
  const cluster = await startThrowawayPostgres(options);
  const { url, binDir, dataDir, port } = cluster;
  project.provide('postgres', { url, binDir, dataDir, port });
  return () => cluster.remove();
}

export { sweepStaleClusters };
