import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { REPO_ROOT } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';
import { checkVkGreenBackYellow, press, pressKeyCode, tvState, waitForTv } from './support/tv.js';

// An operator package for the hbbtv profile, made and verified with the real command line,
// unpacked with the system's tar and served from another origin than window-server, as a
// set-top box or a head-end would serve it. The app must find its server in madoguchi.json.

const BIN = join(REPO_ROOT, 'stb-bridge', 'bin', 'stb-bridge.js');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

let temp: string;
let appDir: string;
let statics: Server;
let staticOrigin: string;
let server: RunningServer;
let tv: Browser;

function cli(args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: temp, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`stb-bridge ${args[0]} failed (${result.status}):\n${result.stderr}`);
  return result.stdout.trim();
}

/** A plain static file server: what a box's local web server or a head-end does with the package. */
function serveFolder(dir: string): Promise<{ server: Server; origin: string }> {
  const http = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep)) return void res.writeHead(403).end();
    readFile(file).then(
      (data) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) =>
    http.listen(0, '127.0.0.1', () => {
      const address = http.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server: http, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

function hashes(dir: string, skip: string[] = []): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (skip.includes(path)) continue;
    files[path] = createHash('sha256')
      .update(readFileSync(join(dir, path)))
      .digest('hex');
  }
  return files;
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'madoguchi-packaged-'));
  appDir = join(temp, 'app');
  mkdirSync(appDir);
  ({ server: statics, origin: staticOrigin } = await serveFolder(appDir));
  server = await startServer({ name: 'packaged', env: { MADOGUCHI_TV_ORIGINS: staticOrigin } });
  tv = await openBrowser();
});

afterAll(async () => {
  await closeBrowser(tv);
  await server?.stop();
  await new Promise((resolve) => statics?.close(resolve));
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('a packaged TV app', () => {
  it('is built, signed and verified by stb-bridge, and holds the hosted build plus madoguchi.json', () => {
    cli(['keygen', '--out', 'keys']);
    const operator = {
      id: 'e2e-cable',
      name: 'E2E ケーブル',
      serverUrl: server.url,
      tenant: 'omura',
      signingKey: 'keys/signing-key.pem',
      // G on a keyboard as a second green key: the operator's override must reach the app.
      keyMapOverrides: { hbbtv: { '71': 'Green' } },
    };
    writeFileSync(join(temp, 'operator.json'), JSON.stringify(operator));
    const file = cli(['package', '--operator', 'operator.json', '--profile', 'hbbtv', '--out', 'out']);
    expect(file.endsWith('/madoguchi-tv-0.1.0-e2e-cable-hbbtv.tar.gz')).toBe(true);
    expect(cli(['verify', file, '--public-key', 'keys/signing-key.pub.pem'])).toMatch(/^OK /);

    const untar = spawnSync('tar', ['-xzf', file, '-C', appDir], { encoding: 'utf8' });
    expect(untar.status, untar.stderr).toBe(0);
    // The same build window-server hosts at /tv/ (npm run build wrote tv-app/dist).
    expect(hashes(appDir, ['madoguchi.json', 'manifest.json', 'manifest.sig'])).toEqual(
      hashes(join(REPO_ROOT, 'tv-app', 'dist')),
    );
    expect(JSON.parse(readFileSync(join(appDir, 'madoguchi.json'), 'utf8'))).toEqual({
      serverUrl: server.url,
      tenant: 'omura',
      profile: 'hbbtv',
      keyMapOverride: { '71': 'Green' },
    });
  });

  it('starts from another origin, registers with window-server and answers to the hbbtv keys', async () => {
    await tv.url(`${staticOrigin}/index.html`);
    await tv.waitUntil(async () => tv.execute(() => window.__madoguchi !== undefined), { timeout: 20_000 });
    await waitForTv(tv, (s) => s.screen === 'firstStart', 'the first-start screen');
    await press(tv, 'Enter');
    const home = await waitForTv(
      tv,
      (s) => s.screen === 'home' && s.interactive && s.deviceId !== null,
      'Home',
    );
    expect(home.profile).toBe('hbbtv');
    expect(home.online).toBe(true);

    await checkVkGreenBackYellow(tv);
    await pressKeyCode(tv, 71); // the operator's own green key
    await waitForTv(tv, (s) => s.screen === 'videoCounter', 'the video counter from the operator key 71');
    await pressKeyCode(tv, 461);
    await waitForTv(tv, (s) => s.screen === 'home' && s.interactive, 'Home again');
    expect((await tvState(tv)).deviceId).toBe(home.deviceId);
  });

  it('calls the device API across origins with its token: the sign-in code', async () => {
    await pressKeyCode(tv, 38); // Up: the profile line above the tiles
    await waitForTv(tv, (s) => s.focusId === 'profile', 'the profile line');
    await pressKeyCode(tv, 13);
    const shown = await waitForTv(
      tv,
      (s) => s.screen === 'link' && s.link.state === 'showing' && s.link.userCode !== null,
      'the sign-in code from POST /api/v1/device/authorize',
    );
    expect(shown.link.verificationUriComplete).toBe(`${server.url}/link?code=${shown.link.userCode}`);
  });
});
