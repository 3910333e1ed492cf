import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runDir } from './paths.js';

export interface RunningServer {
  /** The server's root: health, readiness, metrics. */
  url: string;
  /** The city most tests use, 大村市: `<url>/t/omura` (its apps, API, phone pages, namespaces). */
  city: string;
  port: number;
  dataDir: string;
  /** The JSON log (stdout): scanned after the suite for secrets and personal data. */
  logFile: string;
  /** What the server says to a person on the console (stderr): URLs and demo logins. */
  consoleFile: string;
  process: ChildProcess;
  /** SIGTERM and wait (graceful shutdown). */
  stop(): Promise<void>;
  /** SIGKILL and wait: the crash case. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The built window-server (`window-server/dist/cli.js`) as its own process, the way `npm start`
 * runs it, on a free port with a fresh data folder unless one is given.
 */
export async function startServer(
  options: { dataDir?: string; port?: number; env?: Record<string, string>; name?: string } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'madoguchi-e2e-'));
  const stem = join(runDir('logs'), `${options.name ?? 'server'}-${port}-${Date.now()}`);
  const logFile = `${stem}.log`;
  const consoleFile = `${stem}.console.txt`;
  appendFileSync(join(runDir(), 'data-dirs.txt'), `${dataDir}\n`);
  const child = spawn(process.execPath, [join(REPO_ROOT, 'window-server', 'dist', 'cli.js')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      MADOGUCHI_PORT: String(port),
      MADOGUCHI_DATA_DIR: dataDir,
      MADOGUCHI_MEDIA_WORKERS: '1',
      // Free ports: a developer's own server may hold 40000.
      MADOGUCHI_MEDIA_RTC_PORT: '0',
      MADOGUCHI_LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(createWriteStream(logFile));
  child.stderr?.pipe(createWriteStream(consoleFile));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilReady(url, exited, logFile);
  const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    city: `${url}/t/omura`,
    port,
    dataDir,
    logFile,
    consoleFile,
    process: child,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}

async function waitUntilReady(url: string, exited: Promise<void>, logFile: string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`window-server exited during start-up; see ${logFile}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`window-server did not become ready in 30 s; see ${logFile}`);
}
