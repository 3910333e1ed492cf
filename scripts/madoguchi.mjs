#!/usr/bin/env node
// The README's two commands. `npm start` and `npm test` land here: install what is missing
// (Debian packages, npm packages, the mediasoup worker), build, then run the system or every
// test. Plain Node with builtins only: it runs before anything is installed.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(ROOT, 'test-output');

/** What the system needs from Debian, and why. */
const DEBIAN_PACKAGES = {
  always: [
    // Noto Sans JP for the TV app's font subset, and the subsetter.
    'fonts-noto-cjk',
    'fonttools',
    'python3-brotli',
    // node-gyp (better-sqlite3) and the offline mediasoup worker build.
    'python3',
    'build-essential',
    'pkg-config',
    'meson',
    'ninja-build',
    'libssl-dev',
    'libuv1-dev',
    'libsrtp2-dev',
    'libusrsctp-dev',
    'libabsl-dev',
    'libflatbuffers-dev',
    'flatbuffers-compiler',
  ],
  // Real Chromium and chromedriver for the end-to-end tests and benchmarks; nothing is downloaded.
  // PostgreSQL's server binaries: the tests start throwaway clusters of their own
  // (test/support/postgres.ts); the Debian default cluster is never used.
  test: ['chromium', 'chromium-driver', 'postgresql'],
};

const say = (line) => console.error(`[madoguchi] ${line}`);

class SetupError extends Error {}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw new SetupError(`${command} could not run: ${result.error.message}`);
  return result.status ?? 1;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new SetupError(
      `Node.js ${process.versions.node} is too old: install Node.js 20.19 or newer (20.x LTS).`,
    );
  }
}

function missingDebianPackages(packages) {
  return packages.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages(packages) {
  if (process.env.MADOGUCHI_SKIP_SYSTEM_PACKAGES === '1') return;
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  if (!hasDpkg) {
    throw new SetupError(
      `This is not a Debian-based system, so the set-up cannot install system packages itself.\n` +
        `Install the equivalents of these Debian 12 packages, then run again with MADOGUCHI_SKIP_SYSTEM_PACKAGES=1:\n  ${packages.join(' ')}`,
    );
  }
  const missing = missingDebianPackages(packages);
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new SetupError(
      `These Debian packages are missing. Install them as root, then run again:\n  sudo ${command}`,
    );
  }
  say(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
  if (install() !== 0) {
    say('refreshing the package lists and trying again');
    if (run('apt-get', ['update', '-q'], { env }) !== 0 || install() !== 0) {
      throw new SetupError(
        `Could not install Debian packages. Run this as root and look at its errors:\n  ${command}`,
      );
    }
  }
  const still = missingDebianPackages(packages);
  if (still.length > 0) throw new SetupError(`Still missing after apt-get: ${still.join(' ')}`);
}

/** `npm ci` when node_modules does not match package-lock.json (fresh clone, changed lock). */
function ensureNpmPackages() {
  const lock = readFileSync(join(ROOT, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).update(process.version).digest('hex');
  const marker = join(ROOT, 'node_modules', '.madoguchi-installed');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return;
  say('installing npm packages (npm ci)');
  // npm ci runs the root postinstall, which builds or restores the mediasoup worker.
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    throw new SetupError('npm ci failed: see the messages above.');
  }
  writeFileSync(marker, hash);
}

async function ensureMediasoupWorker() {
  const kit = pathToFileURL(join(ROOT, 'scripts', 'mediasoup-worker', 'ensure.mjs')).href;
  const { ensureMediasoupWorker: ensure } = await import(kit);
  await ensure({ mediasoupDir: join(ROOT, 'node_modules', 'mediasoup'), log: (line) => console.error(line) });
}

async function setup({ forTests }) {
  checkNode();
  ensureDebianPackages(
    forTests ? [...DEBIAN_PACKAGES.always, ...DEBIAN_PACKAGES.test] : DEBIAN_PACKAGES.always,
  );
  ensureNpmPackages();
  await ensureMediasoupWorker();
}

function build() {
  say('building (TypeScript, TV app, staff console)');
  if (run('npm', ['run', '--silent', 'build']) !== 0)
    throw new SetupError('The build failed: see the messages above.');
}

/** Runs window-server in the foreground; Ctrl-C reaches it and it shuts down cleanly. */
function start() {
  const child = spawn(process.execPath, [join(ROOT, 'window-server', 'dist', 'cli.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  // The terminal sends Ctrl-C to the whole group; the server handles it, we wait for it.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function testSuite() {
  mkdirSync(OUTPUT, { recursive: true });
  const steps = [
    { name: 'lint', args: ['run', '--silent', 'lint'] },
    { name: 'typecheck and build', args: ['run', '--silent', 'build'], needed: true },
    { name: 'typecheck tests', args: ['exec', '--', 'tsc', '-p', 'test/tsconfig.json'] },
    { name: 'unit and integration tests', args: ['run', '--silent', 'test:unit'] },
    { name: 'end-to-end tests', args: ['run', '--silent', 'test:e2e'], needsBuild: true },
  ];
  const results = [];
  let built = true;
  for (const step of steps) {
    if (step.needsBuild && !built) {
      results.push({ name: step.name, status: 'not run (the build failed)' });
      continue;
    }
    say(`── ${step.name}`);
    const started = Date.now();
    const ok = run('npm', step.args) === 0;
    if (step.needed && !ok) built = false;
    results.push({
      name: step.name,
      status: ok ? 'passed' : 'FAILED',
      seconds: Math.round((Date.now() - started) / 1000),
    });
  }
  say('summary:');
  for (const result of results) {
    say(
      `  ${result.status.padEnd(26)} ${result.name}${result.seconds === undefined ? '' : ` (${result.seconds} s)`}`,
    );
  }
  return results.every((result) => result.status === 'passed') ? 0 : 1;
}

function bench() {
  mkdirSync(OUTPUT, { recursive: true });
  return run('npm', ['exec', '--', 'vitest', 'run', '--config', 'test/bench/vitest.config.ts']);
}

async function main() {
  const command = process.argv[2];
  try {
    switch (command) {
      case 'start':
        await setup({ forTests: false });
        build();
        start();
        return;
      case 'test':
        await setup({ forTests: true });
        process.exit(testSuite());
        return;
      case 'bench':
        await setup({ forTests: true });
        build();
        process.exit(bench());
        return;
      case 'setup':
        await setup({ forTests: true });
        return;
      default:
        say('usage: node scripts/madoguchi.mjs start|test|bench|setup');
        process.exit(2);
    }
  } catch (error) {
    if (error instanceof SetupError || error?.name === 'EnsureError') {
      console.error(`\n[madoguchi] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

await main();
