import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { REPO_ROOT } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ name: 'smoke' });
  browser = await openBrowser();
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.stop();
});

describe('the built system', () => {
  it('serves the staff console and the TV app from window-server', async () => {
    await browser.url(`${server.city}/staff/`);
    expect(await browser.getTitle()).toContain('まどぐち');
    await browser.url(`${server.city}/tv/`);
    expect(await browser.$('canvas').isExisting()).toBe(true);
  });

  it('stops cleanly on Ctrl-C (SIGINT)', async () => {
    const own = await startServer({ name: 'sigint' });
    // The banner is printed once the server has finished starting (sign-in provider included).
    await browser.waitUntil(async () => readFileSync(own.consoleFile, 'utf8').includes('Ctrl-C'), {
      timeout: 10_000,
    });
    const exit = new Promise<number | null>((resolve) => own.process.once('exit', (code) => resolve(code)));
    own.process.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(readFileSync(own.logFile, 'utf8')).toContain('window-server stopped');
    const banner = readFileSync(own.consoleFile, 'utf8');
    expect(banner).toContain(`${own.url}/t/omura/tv/`);
    expect(banner).toContain(`${own.url}/t/minato/tv/`);
    expect(banner).toContain('madoguchi-demo');
  });

  it('refuses to start on a wrong setting, naming the field', async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'window-server', 'dist', 'cli.js')], {
      env: {
        ...process.env,
        MADOGUCHI_PORT: 'eighty',
        MADOGUCHI_DATA_DIR: join(REPO_ROOT, 'test-output', 'never'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('port (from MADOGUCHI_PORT)');
  });
});
