import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { TV_TEXTS, ja, type DeviceSummary } from '@madoguchi/shared';
import { create as createQr } from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOOK_MARKER } from '../../stb-bridge/src/packager/testHook.js';
import { QUIET_ZONE_MODULES } from '../../tv-app/src/ui/qrImage.js';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import {
  drawnCount,
  fontPx,
  qrModulesOf,
  recordDrawingFromNow,
  waitForDrawn,
  waitForImage,
  type DrawnText,
} from './support/drawn.js';
import { REPO_ROOT } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';
import { DEMO_PASSWORD } from './support/staff.js';
import { press, pressKeyCode } from './support/tv.js';

// An operator package for the hbbtv profile, made and verified with the real command line,
// unpacked with the system's tar and served from another origin than window-server, as a
// set-top box or a head-end would serve it. The app must find its server in madoguchi.json.
// A package has no test hook, so the app is watched from outside: what it fetches, what
// window-server knows of it, and what it draws (support/drawn.ts).

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
/** Paths the package's web server was asked for. */
const served: string[] = [];
/** A staff session on window-server (cookie), to read its device list. */
let staffCookie: string;
/** The title of the first screen as drawn: every screen's title is drawn in this font. */
let titleFont: string;
/** The same title font after the yellow key (text ×1.25). */
let largerTitleFont: string;
let deviceId: string;

const tvJa = TV_TEXTS.ja.tvApp;
/** Every title the video counter screen can have (which one depends on the hours and the queue). */
const COUNTER_TITLES: ReadonlySet<string> = new Set(Object.values(tvJa.counter.titles));

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
    served.push(path);
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
  await recordDrawingFromNow(tv);
  staffCookie = await staffSignIn();
});

afterAll(async () => {
  await closeBrowser(tv);
  await server?.stop();
  await new Promise((resolve) => statics?.close(resolve));
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** Signs in as a demo officer through the API, as the console would; returns the session cookie. */
async function staffSignIn(): Promise<string> {
  const response = await fetch(`${server.city}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ loginId: 'staff', password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The TVs window-server has registered, as its device API lists them. */
async function registeredDevices(): Promise<DeviceSummary[]> {
  const response = await fetch(`${server.city}/api/v1/devices`, {
    headers: { cookie: staffCookie, origin: server.url },
  });
  expect(response.status).toBe(200);
  const { devices } = (await response.json()) as { devices: DeviceSummary[] };
  return devices;
}

/** Every file under `dir` that names the test hook's global. */
function filesNamingTheHook(dir: string): string[] {
  return Object.keys(hashes(dir)).filter((path) => readFileSync(join(dir, path)).includes(TEST_HOOK_MARKER));
}

/** Presses a key code and waits until the page draws, anew, a text that passes `match`. */
async function pressAndSee(
  keyCodes: number[],
  match: (drawn: DrawnText) => boolean,
  what: string,
): Promise<DrawnText> {
  const mark = await drawnCount(tv);
  for (const keyCode of keyCodes) await pressKeyCode(tv, keyCode);
  return waitForDrawn(tv, mark, match, what);
}

describe('a packaged TV app', () => {
  it('is built, signed and verified by stb-bridge, and holds the release build plus madoguchi.json, without the test hook', () => {
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
    // The release build npm run build wrote (tv-app/dist-release): the hosted build minus the hook.
    expect(hashes(appDir, ['madoguchi.json', 'manifest.json', 'manifest.sig'])).toEqual(
      hashes(join(REPO_ROOT, 'tv-app', 'dist-release')),
    );
    expect(filesNamingTheHook(appDir)).toEqual([]);
    expect(filesNamingTheHook(join(REPO_ROOT, 'tv-app', 'dist'))).not.toEqual([]);
    expect(JSON.parse(readFileSync(join(appDir, 'madoguchi.json'), 'utf8'))).toEqual({
      serverUrl: server.url,
      tenant: 'omura',
      profile: 'hbbtv',
      keyMapOverride: { '71': 'Green' },
    });
  });

  it('starts from another origin with madoguchi.json, registers with window-server and answers to the hbbtv keys', async () => {
    await tv.url(`${staticOrigin}/index.html`);
    const welcome = await waitForDrawn(
      tv,
      0,
      (t) => t.text === ja.firstStart.title,
      'the first-start screen',
    );
    titleFont = welcome.font;
    expect(served).toContain('/madoguchi.json');
    expect(await registeredDevices()).toEqual([]);

    await press(tv, 'Enter');
    await waitForDrawn(tv, 0, (t) => t.text === ja.home.title && t.font === titleFont, 'Home');
    // Registered with the server madoguchi.json names, as an hbbtv box, and connected.
    const devices = await tv.waitUntil(
      async () => {
        const listed = await registeredDevices();
        return listed.length === 1 && listed[0]?.online ? listed : false;
      },
      { timeout: 15_000, timeoutMsg: 'window-server never listed the TV online' },
    );
    expect(devices[0]).toMatchObject({ profile: 'hbbtv', revoked: false });
    deviceId = devices[0]?.id ?? '';

    const isCounterTitle = (font: string) => (t: DrawnText) => COUNTER_TITLES.has(t.text) && t.font === font;
    await pressAndSee([404], isCounterTitle(titleFont), 'the video counter from VK_GREEN');
    // Back, then yellow: Home's title drawn again, larger (only the screen on top is drawn).
    const larger = await pressAndSee(
      [461, 405],
      (t) => t.text === ja.home.title && fontPx(t.font) > fontPx(titleFont),
      'Home from VK_BACK, with larger text from VK_YELLOW',
    );
    expect(fontPx(larger.font) / fontPx(titleFont)).toBeCloseTo(1.25, 2);
    largerTitleFont = larger.font;
    await pressAndSee([71], isCounterTitle(largerTitleFont), 'the video counter from the operator key 71');
    await pressKeyCode(tv, 461);
    // The same box all along: no second registration.
    expect((await registeredDevices()).map((device) => device.id)).toEqual([deviceId]);
  });

  it('calls the device API across origins with its token: the sign-in code', async () => {
    // Up: the profile line above the tiles; OK opens the sign-in (only Home has that line).
    await pressAndSee(
      [38, 13],
      (t) => t.text === tvJa.link.title && t.font === largerTitleFont,
      'the sign-in screen, from Home',
    );
    const code = await waitForDrawn(tv, 0, (t) => /^[A-Z0-9]{3,4}(-[A-Z0-9]{3,4})+$/.test(t.text), 'a code');
    // The code on screen is one window-server gave this box (POST /api/v1/device/authorize).
    const confirm = await fetch(`${server.city}/link?code=${encodeURIComponent(code.text)}`);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(page).toContain(`data-testid="phone-shown-code">${code.text}</p>`);
    expect(page).toContain('hbbtv');
    // The QR code on screen, read back from its pixels, is the link to this server with that code.
    const link = `${server.city}/link?code=${code.text}`;
    const symbol = createQr(link, { errorCorrectionLevel: 'M' }).modules;
    const side = symbol.size + 2 * QUIET_ZONE_MODULES;
    const expected = Array.from({ length: side * side }, (_, i) => {
      const [row, column] = [Math.floor(i / side) - QUIET_ZONE_MODULES, (i % side) - QUIET_ZONE_MODULES];
      const inside = row >= 0 && column >= 0 && row < symbol.size && column < symbol.size;
      return inside && symbol.get(row, column) === 1;
    });
    const qr = await waitForImage(tv, (src) => src.startsWith('data:image/png'), 'the QR code');
    expect(await qrModulesOf(tv, qr, side)).toEqual(expected);
  });
});
