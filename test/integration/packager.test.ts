import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipStrict, gzipDeterministic } from '../../stb-bridge/src/packager/gzip.js';
import { manifestSchema, sha256Hex, type Manifest } from '../../stb-bridge/src/packager/manifest.js';
import { loadOperatorFile } from '../../stb-bridge/src/packager/operatorSchema.js';
import { createPackage } from '../../stb-bridge/src/packager/packager.js';
import { loadPublicKey } from '../../stb-bridge/src/packager/signing.js';
import { TEST_HOOK_MARKER, filesWithTestHook } from '../../stb-bridge/src/packager/testHook.js';
import { buildTvApp, readAppFiles } from '../../stb-bridge/src/packager/tvAppBuild.js';
import { readTar, writeTar, type TarEntry } from '../../stb-bridge/src/packager/ustar.js';
import { verifyPackage, type VerifyProblem } from '../../stb-bridge/src/packager/verifier.js';

// The packager end to end: keygen → package → verify through the real command line
// (`stb-bridge/bin/stb-bridge.js`, compiled by `tsc -b`), and the verifier against every kind
// of tampering. The TV app is built once for the whole file (the release build), and once with
// the test hook, which the packager must refuse.

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO_ROOT, 'stb-bridge', 'bin', 'stb-bridge.js');
const EPOCH = '1767225600'; // 2026-01-01T00:00:00Z
const PACKAGE_NAME = 'madoguchi-tv-0.1.0-test-cable-hbbtv.tar.gz';

let temp: string;
let appDir: string;
/** The TV app as window-server hosts it: with the test hook. */
let hookedDir: string;
let operatorFile: string;
let publicKeyFile: string;
let publicKey: KeyObject;
/** The package the command line made. */
let packageFile: string;

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: temp,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeOperator(file: string, fields: Record<string, unknown> = {}): string {
  const operator = {
    id: 'test-cable',
    name: 'テストケーブル',
    serverUrl: 'http://127.0.0.1:8181',
    tenant: 'omura',
    signingKey: './keys/signing-key.pem',
    keyMapOverrides: { hbbtv: { '82': 'Red', '8': null } },
    ...fields,
  };
  writeFileSync(file, JSON.stringify(operator, null, 2));
  return file;
}

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'stb-bridge', 'dist', 'packager', 'cli.js')))
    throw new Error('stb-bridge is not built: run "npx tsc -b" before these tests');
  temp = mkdtempSync(join(tmpdir(), 'madoguchi-packager-'));
  appDir = join(temp, 'app');
  hookedDir = join(temp, 'hooked-app');
  await buildTvApp(appDir);
  await buildTvApp(hookedDir, { withTestHook: true });
  const keygen = cli(['keygen', '--out', 'keys']);
  expect(keygen.status, keygen.stderr).toBe(0);
  operatorFile = writeOperator(join(temp, 'operator.json'));
  publicKeyFile = join(temp, 'keys', 'signing-key.pub.pem');
  publicKey = await loadPublicKey(publicKeyFile);
  const packaged = cli(
    ['package', '--operator', 'operator.json', '--profile', 'hbbtv', '--out', 'out', '--app-dir', appDir],
    { SOURCE_DATE_EPOCH: EPOCH },
  );
  expect(packaged.status, packaged.stderr).toBe(0);
  packageFile = packaged.stdout.trim();
}, 120_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

function entriesOf(file: string): TarEntry[] {
  return readTar(gunzipStrict(readFileSync(file))).map(({ path, data }) => ({ path, data }));
}

function manifestOf(entries: TarEntry[]): Manifest {
  const entry = entries.find((e) => e.path === 'manifest.json');
  return manifestSchema.parse(JSON.parse(Buffer.from(entry?.data ?? []).toString('utf8')));
}

/** A copy of the package with its entries changed, written the way the packager writes. */
function repack(name: string, change: (entries: TarEntry[]) => TarEntry[]): string {
  const file = join(temp, 'tampered', name);
  mkdirSync(join(temp, 'tampered'), { recursive: true });
  writeFileSync(file, gzipDeterministic(writeTar(change(entriesOf(packageFile)), { mtime: Number(EPOCH) })));
  return file;
}

function flipByte(data: Uint8Array, at: number): Buffer {
  const copy = Buffer.from(data);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}

async function problemsOf(file: string): Promise<VerifyProblem[]> {
  const result = await verifyPackage(file, publicKey);
  expect(result.ok).toBe(false);
  return result.problems;
}

async function appFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full), sha256Hex(await readFile(full)));
  }
  return files;
}

describe('stb-bridge keygen', () => {
  it('writes an Ed25519 pair in PEM, the private key readable by its owner only, never overwritten', () => {
    const privateKey = join(temp, 'keys', 'signing-key.pem');
    expect(readFileSync(privateKey, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(publicKeyFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(statSync(privateKey).mode & 0o777).toBe(0o600);
    const again = cli(['keygen', '--out', 'keys']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists already');
  });
});

describe('stb-bridge package', () => {
  it('writes madoguchi-tv-<version>-<operator>-<profile>.tar.gz that the command line verifies', () => {
    expect(packageFile).toBe(join(temp, 'out', PACKAGE_NAME));
    const verified = cli(['verify', packageFile, '--public-key', publicKeyFile]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^OK .*madoguchi-tv 0\.1\.0 for test-cable, profile hbbtv/);
  });

  it('holds the built app, madoguchi.json and a manifest that lists every file with its hash', async () => {
    const entries = entriesOf(packageFile);
    expect(entries.slice(0, 2).map((e) => e.path)).toEqual(['manifest.json', 'manifest.sig']);
    const manifest = manifestOf(entries);
    const files = entries.slice(2);
    expect(manifest.files.map((f) => f.path)).toEqual(files.map((e) => e.path));
    for (const file of manifest.files) {
      const data = files.find((e) => e.path === file.path)?.data ?? Buffer.alloc(0);
      expect(file.sha256, file.path).toBe(sha256Hex(data));
      expect(file.size, file.path).toBe(data.length);
    }
    // The app exactly as built, plus the boot configuration.
    const built = await appFiles(appDir);
    expect(
      new Map(files.filter((e) => e.path !== 'madoguchi.json').map((e) => [e.path, sha256Hex(e.data)])),
    ).toEqual(built);
    expect([...built.keys()]).toEqual(
      expect.arrayContaining(['index.html', expect.stringMatching(/\.woff2$/)]),
    );
    const boot = JSON.parse(
      Buffer.from(files.find((e) => e.path === 'madoguchi.json')?.data ?? []).toString(),
    );
    expect(boot).toEqual({
      serverUrl: 'http://127.0.0.1:8181',
      tenant: 'omura',
      profile: 'hbbtv',
      keyMapOverride: { '82': 'Red', '8': null },
    });
  });

  it('describes the app: version, entry point, server, tenant, key map with the override, build time', () => {
    const manifest = manifestOf(entriesOf(packageFile));
    expect(manifest).toMatchObject({
      name: 'madoguchi-tv',
      version: '0.1.0',
      entryPoint: 'index.html',
      serverUrl: 'http://127.0.0.1:8181',
      tenant: 'omura',
      operator: { id: 'test-cable', name: 'テストケーブル' },
      buildTime: '2026-01-01T00:00:00.000Z',
      signer: { algorithm: 'Ed25519' },
    });
    expect(manifest.profile.name).toBe('hbbtv');
    expect(manifest.profile.keyMap['82']).toBe('Red');
    expect(manifest.profile.keyMap['404']).toBe('Green');
    expect(manifest.profile.keyMap['8']).toBeUndefined();
    expect(manifest.requiredCapabilities).toEqual(expect.arrayContaining(['webgl', 'es2019']));
  });

  it('gives the same bytes for the same inputs, and other bytes for another build time', async () => {
    const operator = await loadOperatorFile(operatorFile);
    const env = { SOURCE_DATE_EPOCH: EPOCH };
    const again = await createPackage({
      operator,
      profile: 'hbbtv',
      outDir: join(temp, 'again'),
      appDir,
      env,
    });
    expect(readFileSync(again.file).equals(readFileSync(packageFile))).toBe(true);
    const later = await createPackage({
      operator,
      profile: 'hbbtv',
      outDir: join(temp, 'later'),
      appDir,
      env: { SOURCE_DATE_EPOCH: String(Number(EPOCH) + 1) },
    });
    expect(readFileSync(later.file).equals(readFileSync(packageFile))).toBe(false);
  });

  it('takes the build time from the operator file, else from the last commit, never the clock', async () => {
    const withTime = await loadOperatorFile(
      writeOperator(join(temp, 'operator-time.json'), { buildTime: '2026-02-03T04:05:06+09:00' }),
    );
    const fromFile = await createPackage({
      operator: withTime,
      profile: 'hbbtv',
      outDir: join(temp, 't1'),
      appDir,
      env: {},
    });
    expect(fromFile.manifest.buildTime).toBe('2026-02-02T19:05:06.000Z');
    expect(fromFile.buildTimeSource).toBe('operator file buildTime');
    const operator = await loadOperatorFile(operatorFile);
    const fromGit = await createPackage({
      operator,
      profile: 'hbbtv',
      outDir: join(temp, 't2'),
      appDir,
      env: {},
    });
    const commit = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(fromGit.manifest.buildTime).toBe(new Date(Number(commit.stdout.trim()) * 1000).toISOString());
  });

  it('refuses a bad operator file with exit status 2, naming the field', () => {
    writeOperator(join(temp, 'bad.json'), { id: 'Test Cable', serverUrl: 'http://city.example' });
    const result = cli([
      'package',
      '--operator',
      'bad.json',
      '--profile',
      'hbbtv',
      '--out',
      'out',
      '--app-dir',
      appDir,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bad.json');
    expect(result.stderr).toMatch(/- id: lower-case letters/);
    expect(result.stderr).toMatch(/- serverUrl: must be https:\/\//);
  });

  it('refuses an unknown profile, a key map override that breaks the profile, and a missing key', () => {
    const args = (operator: string, profile = 'hbbtv') =>
      cli(['package', '--operator', operator, '--profile', profile, '--out', 'out', '--app-dir', appDir]);
    const unknown = args('operator.json', 'toaster');
    expect([unknown.status, unknown.stderr]).toEqual([
      2,
      expect.stringContaining('unknown profile "toaster"'),
    ]);
    writeOperator(join(temp, 'no-enter.json'), { keyMapOverrides: { browser: { '13': null } } });
    const broken = args('no-enter.json', 'browser');
    expect([broken.status, broken.stderr]).toEqual([2, expect.stringMatching(/no key code for Enter/)]);
    writeOperator(join(temp, 'no-key.json'), { signingKey: 'keys/missing.pem' });
    const noKey = args('no-key.json');
    expect([noKey.status, noKey.stderr]).toEqual([2, expect.stringMatching(/missing\.pem: cannot be read/)]);
  });
});

describe('stb-bridge package and the test hook', () => {
  it('packs no test hook: no file of the package names its global', () => {
    expect(filesWithTestHook(entriesOf(packageFile))).toEqual([]);
  });

  it('refuses an app built with the test hook, naming its files, with exit status 2', async () => {
    // The marker is the hook's own: the build with the hook names it.
    const hooked = filesWithTestHook(await readAppFiles(hookedDir));
    expect(hooked).toEqual([expect.stringMatching(/^assets\/index-.*\.js$/)]);
    const result = cli(
      [
        'package',
        '--operator',
        'operator.json',
        '--profile',
        'hbbtv',
        '--out',
        'refused',
        '--app-dir',
        hookedDir,
      ],
      { SOURCE_DATE_EPOCH: EPOCH },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${hooked[0]} names the test hook (${TEST_HOOK_MARKER})`);
    expect(result.stderr).toContain('tv-app/dist-release');
    expect(result.stdout).toBe('');
    expect(existsSync(join(temp, 'refused'))).toBe(false);
  });
});

describe('stb-bridge verify', () => {
  it('names a file changed after packaging, and exits 1', async () => {
    const target = entriesOf(packageFile).find((e) => e.path.endsWith('.js'))?.path as string;
    const file = repack('changed-file.tar.gz', (entries) =>
      entries.map((e) => (e.path === target ? { ...e, data: flipByte(e.data, 100) } : e)),
    );
    expect(await problemsOf(file)).toEqual([
      { file: target, problem: 'SHA-256 differs from the manifest: changed after packaging' },
    ]);
    const result = cli(['verify', file, '--public-key', publicKeyFile]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${target}: SHA-256 differs from the manifest`);
  });

  it('names the manifest when one byte of it changed (the signature no longer matches)', async () => {
    const file = repack('changed-manifest.tar.gz', (entries) =>
      entries.map((e) => {
        if (e.path !== 'manifest.json') return e;
        const text = Buffer.from(e.data).toString().replace('http://127.0.0.1:8181', 'http://127.0.0.1:8182');
        return { ...e, data: Buffer.from(text) };
      }),
    );
    expect(await problemsOf(file)).toEqual([
      {
        file: 'manifest.json',
        problem: 'signature does not match: manifest.json or manifest.sig was changed after signing',
      },
    ]);
  });

  it('names an extra file and a missing one', async () => {
    const extra = repack('extra.tar.gz', (entries) => [
      ...entries,
      { path: 'assets/extra.js', data: Buffer.from('1') },
    ]);
    expect(await problemsOf(extra)).toEqual([
      { file: 'assets/extra.js', problem: 'not listed in the manifest (extra file)' },
    ]);
    const missing = repack('missing.tar.gz', (entries) => entries.filter((e) => e.path !== 'madoguchi.json'));
    expect(await problemsOf(missing)).toEqual([
      { file: 'madoguchi.json', problem: 'listed in the manifest but missing from the package' },
    ]);
  });

  it('fails with the reason for another public key, through the command line', async () => {
    const other = cli(['keygen', '--out', 'other-keys']);
    expect(other.status).toBe(0);
    const result = cli([
      'verify',
      packageFile,
      '--public-key',
      join(temp, 'other-keys', 'signing-key.pub.pem'),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /manifest\.sig: signed with another key \(key id [0-9a-f]{16}…\), not the public key given/,
    );
  });

  it('fails on one changed byte anywhere: in headers, data, padding or the end of the archive', async () => {
    const tar = gunzipStrict(readFileSync(packageFile));
    const positions = new Set<number>([0, 100, 124, 136, 148, 156, 257, 345, 511, 512, 1000, tar.length - 1]);
    for (let at = 0; at < tar.length; at += Math.floor(tar.length / 12)) positions.add(at);
    for (const entry of readTar(tar)) {
      positions.add(entry.offset + 108); // uid
      positions.add(entry.offset + 512 + entry.data.length); // first padding byte (or next header)
    }
    const file = join(temp, 'tampered', 'flipped.tar.gz');
    for (const at of positions) {
      writeFileSync(file, gzipDeterministic(flipByte(tar, at)));
      const result = await verifyPackage(file, publicKey);
      expect(result.ok, `byte ${at} of the tar changed`).toBe(false);
      expect(result.problems[0]?.file, `byte ${at}`).toBeTruthy();
    }
  });

  it('names the file whose tar header changed', async () => {
    const tar = gunzipStrict(readFileSync(packageFile));
    const third = readTar(tar)[2];
    if (!third) throw new Error('the package has fewer than three entries');
    const file = join(temp, 'tampered', 'header.tar.gz');
    writeFileSync(file, gzipDeterministic(flipByte(tar, third.offset + 101))); // its mode
    expect(await problemsOf(file)).toEqual([{ file: third.path, problem: 'header checksum does not match' }]);
  });

  // A changed bit of the deflate stream can decode to the very same bytes: an extra bit of a
  // match distance, where both distances point at equal bytes (runs of zeros, repeated text).
  // Nothing of the package changed then, so passing is right; every other change must fail.
  it('fails on one changed byte of the compressed file unless it decompresses to the same package', async () => {
    const gz = readFileSync(packageFile);
    const tar = gunzipStrict(gz);
    const file = join(temp, 'tampered', 'flipped-gz.tar.gz');
    let failed = 0;
    for (let at = 0; at < gz.length; at += Math.floor(gz.length / 25)) {
      const flipped = flipByte(gz, at);
      writeFileSync(file, flipped);
      const result = await verifyPackage(file, publicKey);
      if (result.ok) {
        expect(gunzipStrict(flipped).equals(tar), `byte ${at} of the .tar.gz changed the package`).toBe(true);
      } else failed += 1;
    }
    // The header, the trailer and nearly every byte between change what is inside.
    expect(failed).toBeGreaterThan(20);
    for (const at of [0, 3, 9, gz.length - 8, gz.length - 1]) {
      writeFileSync(file, flipByte(gz, at));
      expect((await verifyPackage(file, publicKey)).ok, `byte ${at} (header or trailer)`).toBe(false);
    }
    writeFileSync(file, Buffer.concat([gz, Buffer.from([0])]));
    expect(await problemsOf(file)).toEqual([
      { file: 'flipped-gz.tar.gz', problem: 'bytes after the end of the compressed data' },
    ]);
  });
});
