#!/usr/bin/env node
// Ensure mediasoup's worker binary exists at
// <mediasoup>/worker/out/Release/mediasoup-worker, without internet access.
//
// Order: existing binary -> local cache -> (optional) mediasoup's prebuilt
// download -> offline build from mediasoup's own worker sources against
// Debian's libraries (meson subproject shims in ./subprojects). See README.md.
//
// Plain Node ESM, node: builtins only (it runs from the root postinstall,
// before anything else is usable).

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const PREFIX = '[mediasoup-worker]';
const KIT_DIR = path.dirname(fileURLToPath(import.meta.url));
const RELEASE_REL = path.join('worker', 'out', 'Release', 'mediasoup-worker');
/** mediasoup versions this kit was written and tested against. */
const TESTED_VERSIONS = ['3.19.3'];
/** Debian packages the offline build needs. */
const BUILD_PACKAGES = [
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
];
/** Wraps that need no shim on Linux. */
const SKIPPED_WRAPS = new Set(['wingetopt']);
/** The DTLS fix: see README.md ("Why the patches"). */
const DTLS_FILE = path.join('src', 'RTC', 'DtlsTransport.cpp');
const DTLS_FROM = '(operationType == BIO_CB_RETURN)';
const DTLS_TO = '(operationType & BIO_CB_RETURN)';
const LOCK_STALE_MS = 60 * 60 * 1000;

class EnsureError extends Error {}

/**
 * Make sure <mediasoupDir>/worker/out/Release/mediasoup-worker exists and runs.
 *
 * @param {object} [options]
 * @param {string} [options.mediasoupDir] the installed mediasoup package
 *   directory (default: resolved from process.cwd()).
 * @param {(line: string) => void} [options.log] receives progress lines
 *   (already prefixed with "[mediasoup-worker]"); default console.log.
 * @returns {Promise<{ binPath: string, source: 'existing' | 'env' | 'cache' | 'prebuilt' | 'built', version: string }>}
 */
export async function ensureMediasoupWorker({ mediasoupDir, log } = {}) {
  const say = (msg) => (log ?? console.log)(`${PREFIX} ${msg}`);
  const dir = path.resolve(mediasoupDir ?? findMediasoupDir(process.cwd()));
  const pkg = readJson(path.join(dir, 'package.json'));

  if (pkg?.name !== 'mediasoup') {
    throw new EnsureError(`${dir} is not the mediasoup package (no package.json with name "mediasoup")`);
  }

  const version = pkg.version;
  const binPath = path.join(dir, RELEASE_REL);
  const rebuild = process.env.MADOGUCHI_MEDIASOUP_REBUILD === '1';

  if (!TESTED_VERSIONS.includes(version)) {
    say(`warning: build kit tested with mediasoup ${TESTED_VERSIONS.join(', ')}, found ${version}`);
  }

  // mediasoup itself uses MEDIASOUP_WORKER_BIN instead of its default path.
  if (process.env.MEDIASOUP_WORKER_BIN && !rebuild) {
    if (checkWorker(process.env.MEDIASOUP_WORKER_BIN)) {
      say(`MEDIASOUP_WORKER_BIN=${process.env.MEDIASOUP_WORKER_BIN} runs; nothing to do`);
      return { binPath: process.env.MEDIASOUP_WORKER_BIN, source: 'env', version };
    }
    say(
      `warning: MEDIASOUP_WORKER_BIN=${process.env.MEDIASOUP_WORKER_BIN} does not run; ensuring the default path`,
    );
  }

  // 1. Already in place.
  if (!rebuild && checkWorker(binPath)) {
    say(`mediasoup ${version} worker OK: ${binPath}`);
    return { binPath, source: 'existing', version };
  }
  if (rebuild) {
    say('MADOGUCHI_MEDIASOUP_REBUILD=1: building from source (existing binary, cache and prebuilt ignored)');
  } else if (fs.existsSync(binPath)) {
    say(`existing ${binPath} does not run; replacing it`);
  }

  const kitHash = hashKit();
  const cacheRoot = path.join(
    process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
    'madoguchi',
    'mediasoup-worker',
  );
  const key = `${version}-${kitHash}`;
  const cacheBin = path.join(cacheRoot, key, 'mediasoup-worker');

  // 2. Local cache.
  if (!rebuild && restoreFromCache(cacheBin, binPath, say)) {
    return { binPath, source: 'cache', version };
  }

  fs.mkdirSync(cacheRoot, { recursive: true });
  const unlock = await acquireLock(path.join(cacheRoot, `${key}.lock`), say);
  try {
    // Another process may have filled the cache while we waited.
    if (!rebuild && restoreFromCache(cacheBin, binPath, say)) {
      return { binPath, source: 'cache', version };
    }

    // 3. mediasoup's prebuilt binary, only where GitHub is reachable.
    if (!rebuild && (await tryPrebuilt({ version, binPath, say }))) {
      storeInCache(binPath, cacheRoot, key, 'prebuilt', say);
      return { binPath, source: 'prebuilt', version };
    }

    // 4. Offline build.
    const built = await buildOffline({ dir, version, cacheRoot, key, say });
    try {
      storeInCache(built.bin, cacheRoot, key, 'built', say);
      installBinary(built.bin, binPath);
    } finally {
      built.cleanup();
    }
    if (!checkWorker(binPath)) {
      throw new EnsureError(`installed ${binPath} does not pass the check (exit status 41)`);
    }
    say(`installed ${binPath}`);
    return { binPath, source: 'built', version };
  } finally {
    unlock();
  }
}

// ---------------------------------------------------------------------------
// Locating mediasoup

function findMediasoupDir(cwd) {
  const require = createRequire(path.join(cwd, 'noop.js'));
  // mediasoup's "exports" does not expose package.json: look in the
  // node_modules search paths directly.
  const candidates = (require.resolve.paths('mediasoup') ?? []).map((p) => path.join(p, 'mediasoup'));

  // Not hoisted: look in the root package's workspaces ("dir" or "dir/*").
  const rootPkg = readJson(path.join(cwd, 'package.json'));
  const workspaces = Array.isArray(rootPkg?.workspaces)
    ? rootPkg.workspaces
    : (rootPkg?.workspaces?.packages ?? []);
  for (const pattern of workspaces) {
    const dirs = pattern.endsWith('/*')
      ? listDirs(path.join(cwd, pattern.slice(0, -2)))
      : [path.join(cwd, pattern)];
    for (const d of dirs) candidates.push(path.join(d, 'node_modules', 'mediasoup'));
  }

  for (const c of candidates) {
    if (readJson(path.join(c, 'package.json'))?.name === 'mediasoup') return c;
  }
  throw new EnsureError(`cannot find the mediasoup package from ${cwd}; pass --mediasoup-dir <dir>`);
}

function listDirs(dir) {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Checking, caching, installing

/** A good worker exits with status 41 when started without MEDIASOUP_VERSION. */
function checkWorker(bin) {
  try {
    if (!fs.statSync(bin).isFile()) return false;
  } catch {
    return false;
  }
  const r = spawnSync(bin, [], { env: {}, stdio: 'ignore', timeout: 15_000 });
  return r.status === 41;
}

/** Short sha256 over the build kit: this script and every file under subprojects/. */
function hashKit() {
  const files = [fileURLToPath(import.meta.url), ...walk(path.join(KIT_DIR, 'subprojects'))];
  const h = createHash('sha256');
  for (const f of files) {
    h.update(path.relative(KIT_DIR, f).split(path.sep).join('/'));
    h.update('\0');
    h.update(fs.readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function restoreFromCache(cacheBin, binPath, say) {
  if (!fs.existsSync(cacheBin)) return false;
  if (!checkWorker(cacheBin)) {
    say(`cached ${cacheBin} does not run here (missing runtime libraries?); ignoring it`);
    return false;
  }
  installBinary(cacheBin, binPath);
  if (!checkWorker(binPath)) {
    fs.rmSync(binPath, { force: true });
    throw new EnsureError(`copied ${cacheBin} to ${binPath} but it does not pass the check`);
  }
  say(`restored from cache ${cacheBin}`);
  return true;
}

/** Copy next to the destination, then rename over it: never a half-written binary. */
function installBinary(src, dest) {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = path.join(path.dirname(dest), `.mediasoup-worker.tmp-${process.pid}-${Date.now()}`);
  try {
    fs.copyFileSync(src, tmp);
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, dest);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Cache entry <cacheRoot>/<key>/ is written as a temp dir, then renamed. */
function storeInCache(bin, cacheRoot, key, source, say) {
  const final = path.join(cacheRoot, key);
  const tmp = path.join(cacheRoot, `.${key}.tmp-${process.pid}-${Date.now()}`);
  try {
    fs.mkdirSync(tmp, { recursive: true });
    fs.copyFileSync(bin, path.join(tmp, 'mediasoup-worker'));
    fs.chmodSync(path.join(tmp, 'mediasoup-worker'), 0o755);
    fs.writeFileSync(
      path.join(tmp, 'info.json'),
      `${JSON.stringify({ key, source, createdAt: new Date().toISOString(), host: os.hostname() }, null, 2)}\n`,
    );
    fs.rmSync(final, { recursive: true, force: true });
    fs.renameSync(tmp, final);
    say(`cached at ${path.join(final, 'mediasoup-worker')}`);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    say(`warning: could not store the worker in the cache: ${err.message}`);
  }
}

/** mkdir-based lock so two installs do not build the same thing at once. */
async function acquireLock(lockDir, say) {
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          fs.rmSync(lockDir, { recursive: true, force: true });
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let stale;
    try {
      const pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      const age = Date.now() - fs.statSync(lockDir).mtimeMs;
      stale = age > LOCK_STALE_MS || !pid || !processAlive(pid);
    } catch {
      // pid file not written yet, or lock just released
      stale = (() => {
        try {
          return Date.now() - fs.statSync(lockDir).mtimeMs > 10_000;
        } catch {
          return false;
        }
      })();
    }
    if (stale) {
      say(`removing stale lock ${lockDir}`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      say(`another process is building the worker (lock ${lockDir}); waiting`);
      announced = true;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------
// mediasoup's prebuilt download (as in its npm-scripts.mjs)

async function tryPrebuilt({ version, binPath, say }) {
  const mode = process.env.MADOGUCHI_MEDIASOUP_PREBUILT;
  if (mode === '0') return false;
  if (mode !== '1') {
    try {
      await fetch('https://github.com/', {
        method: 'HEAD',
        redirect: 'manual',
        signal: AbortSignal.timeout(3000),
      });
    } catch {
      say('github.com not reachable: skipping the prebuilt download');
      return false;
    }
  }

  let name = `mediasoup-worker-${version}-${os.platform()}-${os.arch()}`;
  if (os.platform() === 'linux') name += `-kernel${Number(os.release().split('.')[0])}`;
  const base =
    process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL ||
    'https://github.com/versatica/mediasoup/releases/download';
  const url = `${base}/${version}/${name}.tgz`;
  say(`trying the prebuilt worker ${url}`);

  const tmp = path.join(path.dirname(binPath), `.mediasoup-worker.prebuilt-${process.pid}-${Date.now()}`);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bin = extractFromTar(gunzipSync(Buffer.from(await res.arrayBuffer())), 'mediasoup-worker');
    if (!bin) throw new Error('no mediasoup-worker in the archive');
    fs.mkdirSync(path.dirname(binPath), { recursive: true });
    fs.writeFileSync(tmp, bin, { mode: 0o755 });
    if (!checkWorker(tmp))
      throw new Error('the prebuilt binary does not run on this host (exit status is not 41)');
    fs.renameSync(tmp, binPath);
    say(`installed the prebuilt worker at ${binPath}`);
    return true;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    say(`prebuilt worker not usable (${err.message}); building offline instead`);
    return false;
  }
}

/** Minimal ustar reader: the content of the first regular file named `name`. */
function extractFromTar(buf, name) {
  let off = 0;
  let longName;
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157) || '0';
    const prefix = str(345, 500);
    let entry = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = undefined;
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    entry = entry.replace(/^\.\//, '');
    if ((type === '0' || type === '\0') && path.posix.basename(entry) === name) return Buffer.from(data);
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Offline build

function checkBuildPackages() {
  const dpkg = spawnSync('dpkg', ['--version'], { stdio: 'ignore' });
  if (dpkg.error || dpkg.status !== 0) {
    return { missing: [], checked: false };
  }
  const missing = BUILD_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg', ['-s', p], { encoding: 'utf8' });
    return r.status !== 0 || !/^Status: install ok installed$/m.test(r.stdout);
  });
  return { missing, checked: true };
}

function mesonVersion() {
  const r = spawnSync('meson', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new EnsureError('meson is not runnable');
  return r.stdout.trim();
}

function versionLess(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** Replace exactly one occurrence of `from`; fail loudly otherwise. */
function patchOnce(file, from, to, what) {
  const text = fs.readFileSync(file, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) {
    throw new EnsureError(
      `${what}: expected exactly one "${from}" in ${file}, found ${count} (mediasoup changed?)`,
    );
  }
  fs.writeFileSync(file, text.replace(from, to));
}

/** Copy the package's worker/ into a scratch dir (node_modules stays untouched), apply shims and fixes. */
function prepareSources(mediasoupDir, srcDir, say) {
  const workerDir = path.join(mediasoupDir, 'worker');
  fs.cpSync(workerDir, srcDir, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(workerDir, src);
      // Skip previous build output and anything a failed upstream postinstall left in subprojects/.
      if (rel === 'out' || rel.startsWith(`out${path.sep}`)) return false;
      if (rel.startsWith(`subprojects${path.sep}`) && !rel.endsWith('.wrap')) return false;
      return true;
    },
  });

  // One shim per wrap, placed where meson looks for the wrap's sources.
  const subDir = path.join(srcDir, 'subprojects');
  for (const wrapFile of fs.readdirSync(subDir).filter((f) => f.endsWith('.wrap'))) {
    const wrap = path.basename(wrapFile, '.wrap');
    if (SKIPPED_WRAPS.has(wrap)) continue;
    const m = /^\s*directory\s*=\s*(\S+)\s*$/m.exec(fs.readFileSync(path.join(subDir, wrapFile), 'utf8'));
    if (!m) throw new EnsureError(`no "directory =" line in ${wrapFile}`);
    const shim = path.join(KIT_DIR, 'subprojects', wrap);
    if (!fs.existsSync(path.join(shim, 'meson.build'))) {
      throw new EnsureError(
        `no shim for the "${wrap}" wrap in ${path.join(KIT_DIR, 'subprojects')} (new mediasoup dependency?)`,
      );
    }
    fs.cpSync(shim, path.join(subDir, m[1]), { recursive: true });
  }

  // DTLS crash fix with Debian's OpenSSL (kernel TLS): see README.md.
  patchOnce(path.join(srcDir, DTLS_FILE), DTLS_FROM, DTLS_TO, 'DTLS BIO callback fix');
  say(`patched ${DTLS_FILE}: ${DTLS_FROM} -> ${DTLS_TO}`);

  // Debian 12's meson is 1.0.1; mediasoup asks for >= 1.1.0 but builds with it.
  const installed = mesonVersion();
  const mesonBuild = path.join(srcDir, 'meson.build');
  const m = /meson_version\s*:\s*'>=\s*([0-9.]+)'/.exec(fs.readFileSync(mesonBuild, 'utf8'));
  if (!m) throw new EnsureError(`no meson_version line in ${mesonBuild} (mediasoup changed?)`);
  if (versionLess(installed, m[1])) {
    patchOnce(mesonBuild, m[0], `meson_version: '>= ${installed}'`, 'meson version relax');
    say(`relaxed meson_version '>= ${m[1]}' to '>= ${installed}' (installed meson ${installed})`);
  }
}

async function buildOffline({ dir, version, cacheRoot, key, say }) {
  const { missing, checked } = checkBuildPackages();
  if (missing.length > 0) {
    throw new EnsureError(
      `missing Debian build packages: ${missing.join(' ')}\n` +
        `${PREFIX} install them first (as root):\n` +
        `${PREFIX}   apt-get install -y ${missing.join(' ')}`,
    );
  }
  if (!checked) say('warning: dpkg not found; cannot check the build packages, trying anyway');

  // We hold the lock for this key: scratch dirs of an interrupted earlier run can go.
  for (const name of fs.readdirSync(cacheRoot)) {
    if (name.startsWith(`.build-${key}-`) || name.startsWith(`.${key}.tmp-`)) {
      fs.rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
    }
  }

  const logDir = path.join(cacheRoot, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${key}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const work = fs.mkdtempSync(path.join(cacheRoot, `.build-${key}-`));
  const keep = process.env.MADOGUCHI_MEDIASOUP_KEEP_BUILD === '1';
  const cleanup = () => {
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  };
  const srcDir = path.join(work, 'worker');
  const buildDir = path.join(work, 'build');
  const jobs = String(
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  );
  const started = Date.now();

  say(
    `no cached worker for mediasoup ${version}: building it offline with Debian's libraries (5-10 min on 2 cores)`,
  );
  say(`build log: ${logFile}`);

  try {
    prepareSources(dir, srcDir, say);
    const run = (label, args) => runLogged(label, 'meson', args, { cwd: srcDir, logFile, say });
    await run('configure', [
      'setup',
      buildDir,
      srcDir,
      '--wrap-mode=nodownload',
      '--buildtype',
      'release',
      '-Db_ndebug=true',
      '-Dms_disable_liburing=true',
      '--prefix',
      path.join(work, 'install'),
      '--bindir',
      '',
      '--libdir',
      '',
    ]);
    await run('flatbuffers-generator', ['compile', '-C', buildDir, 'flatbuffers-generator']);
    await run('mediasoup-worker', ['compile', '-C', buildDir, '-j', jobs, 'mediasoup-worker']);

    const bin = path.join(buildDir, 'mediasoup-worker');
    if (!checkWorker(bin)) throw new EnsureError(`built ${bin} does not pass the check (exit status 41)`);
    const secs = Math.round((Date.now() - started) / 1000);
    say(`built and checked in ${Math.floor(secs / 60)} min ${secs % 60} s`);
    return { bin, cleanup };
  } catch (err) {
    fs.appendFileSync(logFile, `\n${err instanceof EnsureError ? err.message : (err?.stack ?? err)}\n`);
    showLogTail(logFile, say);
    if (keep) say(`build dir kept: ${work}`);
    cleanup();
    throw err;
  }
}

function runLogged(label, cmd, args, { cwd, logFile, say }) {
  return new Promise((resolve, reject) => {
    fs.appendFileSync(
      logFile,
      `\n$ (cd ${cwd} && ${cmd} ${args.map((a) => (a === '' ? "''" : a)).join(' ')})\n`,
    );
    say(`${label}...`);
    const out = fs.openSync(logFile, 'a');
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let last = '';
    let lastReport = Date.now();
    const onData = (chunk) => {
      fs.writeSync(out, chunk);
      // ninja prints "[done/total] ..." per step.
      for (const m of chunk.toString('utf8').matchAll(/^\[(\d+)\/(\d+)\]/gm)) last = `${m[1]}/${m[2]}`;
      if (last && Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        say(`${label}: ${last} steps`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => {
      fs.closeSync(out);
      reject(new EnsureError(`${label}: cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else
        reject(new EnsureError(`${label} failed (${signal ? `signal ${signal}` : `exit status ${code}`})`));
    });
  });
}

function showLogTail(logFile, say) {
  try {
    const lines = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n');
    say(`last 40 lines of ${logFile}:`);
    for (const l of lines.slice(-40)) say(`| ${l}`);
  } catch {
    // no log yet
  }
}

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--mediasoup-dir') opts.mediasoupDir = argv[++i];
    else if (a.startsWith('--mediasoup-dir=')) opts.mediasoupDir = a.slice('--mediasoup-dir='.length);
    else if (a === '-h' || a === '--help') opts.help = true;
    else throw new EnsureError(`unknown argument ${a}`);
  }
  if ('mediasoupDir' in opts && !opts.mediasoupDir)
    throw new EnsureError('--mediasoup-dir needs a directory');
  return opts;
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log('usage: node scripts/mediasoup-worker/ensure.mjs [--mediasoup-dir <dir>]');
      console.log(
        'env: MADOGUCHI_MEDIASOUP_REBUILD=1 (force an offline build), MADOGUCHI_MEDIASOUP_PREBUILT=1|0',
      );
    } else {
      await ensureMediasoupWorker({ mediasoupDir: opts.mediasoupDir });
    }
  } catch (err) {
    console.error(`${PREFIX} ERROR: ${err instanceof EnsureError ? err.message : (err?.stack ?? err)}`);
    process.exitCode = 1;
  }
}
