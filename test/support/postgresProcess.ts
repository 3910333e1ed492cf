import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The operating-system side of the throwaway PostgreSQL clusters: which binaries, which user runs
// them, whether a process still lives, and the clean-up that must happen even when a run dies.

/** Every throwaway cluster lives in a temp folder with this prefix, so a later run can find leftovers. */
export const CLUSTER_FOLDER_PREFIX = 'madoguchi-pg-';
/** In the cluster's folder: which process made it (JSON `{ pid, startTime }`). */
export const OWNER_FILE = 'owner.json';

/** The newest `/usr/lib/postgresql/<major>/bin` that has initdb and pg_ctl; 15 or newer. */
export function newestPostgresBinDir(root = '/usr/lib/postgresql'): string {
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'pg_ctl')))
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .map(Number)
        .sort((a, b) => b - a)
    : [];
  const newest = majors[0];
  if (newest === undefined || newest < 15) {
    throw new Error(
      `No PostgreSQL 15+ server binaries under ${root} (found: ${majors.join(', ') || 'none'}). ` +
        `Install Debian's "postgresql" package (npm test does it: node scripts/madoguchi.mjs setup).`,
    );
  }
  return join(root, String(newest), 'bin');
}

/** initdb and postgres refuse to run as root: as root we run them as the Debian `postgres` user. */
export const runsAsRoot = (): boolean => process.getuid?.() === 0;

function ownerCommand(command: string, args: string[]): [string, string[]] {
  return runsAsRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export class PostgresCommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(output ? `${message}\n${output}` : message);
    this.name = 'PostgresCommandError';
  }
}

/** Runs a PostgreSQL binary as the cluster's owner; rejects with its output when it fails. */
export function runAsClusterOwner(command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [file, argv] = ownerCommand(command, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { encoding: 'utf8', timeout: timeoutMs }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (error)
        reject(new PostgresCommandError(`${command} ${args.join(' ')} failed: ${error.message}`, output));
      else resolve(output);
    });
  });
}

/** The synchronous form, for exit handlers (nothing asynchronous runs once `exit` is emitted). */
export function runAsClusterOwnerSync(command: string, args: string[], timeoutMs = 10_000): boolean {
  const [file, argv] = ownerCommand(command, args);
  return spawnSync(file, argv, { stdio: 'ignore', timeout: timeoutMs }).status === 0;
}

export function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** `/proc/<pid>/stat` after the command name: state is field 3, start time field 22. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * Whether a process runs. A zombie counts as gone: the postmaster is not our child (pg_ctl
 * detaches it), and PID 1 in a container does not always reap it.
 */
export function isProcessAlive(pid: number): boolean {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  const fields = procStat(pid);
  return fields !== undefined && fields[0] !== 'Z' && fields[0] !== 'X';
}

/** The kernel's start time of a process, so a reused PID is not mistaken for the owner. */
export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.[19];
}

/** The postmaster's PID from the first line of `postmaster.pid`, if the file is there. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A live postmaster of exactly this data folder (its command line names it: pg_ctl passes -D). */
export function runningPostmaster(dataDir: string): number | undefined {
  const pid = postmasterPid(dataDir);
  if (pid === undefined || !isProcessAlive(pid)) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes(dataDir) ? pid : undefined;
  } catch {
    return existsSync('/proc/self') ? undefined : pid;
  }
}

/** Blocks the thread for a moment: exit handlers cannot await. */
function pauseSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Waits, synchronously, until a process is gone. The postmaster is not our child (pg_ctl
 * detaches it), so there is no exit event to await: poll, with a deadline.
 */
export function waitForExitSync(pid: number, deadlineMs: number): boolean {
  const started = performance.now();
  while (isProcessAlive(pid)) {
    if (performance.now() - started > deadlineMs) return false;
    pauseSync(10);
  }
  return true;
}

/**
 * Stops a cluster right now, synchronously, and deletes its folder. `pg_ctl stop -m immediate`:
 * the postmaster and its backends quit at once without a checkpoint (a crash, as far as the data
 * is concerned), which is what we want when the folder is deleted next and the process is exiting.
 */
export function destroyClusterNow(binDir: string, folder: string, dataDir: string): void {
  const pid = runningPostmaster(dataDir);
  if (pid !== undefined) {
    runAsClusterOwnerSync(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    if (!waitForExitSync(pid, 5_000)) {
      process.kill(pid, 'SIGKILL');
      waitForExitSync(pid, 2_000);
    }
  }
  rmSync(folder, { recursive: true, force: true });
}

/** Clusters of this process that are still up, stopped and deleted if the process ends first. */
const liveClusters = new Map<string, { binDir: string; dataDir: string }>();
let exitHandlersInstalled = false;

function destroyLiveClusters(): void {
  for (const [folder, { binDir, dataDir }] of liveClusters) {
    try {
      destroyClusterNow(binDir, folder, dataDir);
    } catch (error) {
      console.error(`[postgres] could not clean up ${folder}:`, error);
    }
  }
  liveClusters.clear();
}

function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  // First in line: vitest's own handlers call process.exit() from inside an 'exit' listener,
  // which ends the process at once, so listeners added after theirs would never run.
  process.prependListener('exit', destroyLiveClusters);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      destroyLiveClusters();
      process.off(signal, onSignal);
      // Our listener replaced the default "terminate": restore it unless someone else handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.prependListener(signal, onSignal);
  }
}

export function trackCluster(folder: string, binDir: string, dataDir: string): void {
  installExitHandlers();
  liveClusters.set(folder, { binDir, dataDir });
}

export function untrackCluster(folder: string): void {
  liveClusters.delete(folder);
}

/** A folder whose owner file is not written yet is young; give its maker this long, in ms. */
const UNOWNED_GRACE_MS = 60_000;

function ownerIsAlive(folder: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(join(folder, OWNER_FILE), 'utf8')) as {
      pid: number;
      startTime?: string;
    };
    if (!isProcessAlive(owner.pid)) return false;
    const startTime = processStartTime(owner.pid);
    return owner.startTime === undefined || startTime === undefined || startTime === owner.startTime;
  } catch {
    return Date.now() - statSync(folder).mtimeMs < UNOWNED_GRACE_MS;
  }
}

/**
 * Removes clusters left by an earlier run that was killed (SIGKILL, a crash, a lost terminal):
 * folders with our prefix whose owning process is gone. A postmaster still running in one is
 * stopped first. Clusters of live runs (another worktree, the e2e suite) are left alone.
 */
export function sweepStaleClusters(binDir: string, parent = tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(CLUSTER_FOLDER_PREFIX)) continue;
    const folder = join(parent, name);
    try {
      if (!statSync(folder).isDirectory() || ownerIsAlive(folder)) continue;
      destroyClusterNow(binDir, folder, join(folder, 'data'));
      removed.push(folder);
    } catch (error) {
      console.error(`[postgres] could not remove the stale cluster ${folder}:`, error);
    }
  }
  return removed;
}
