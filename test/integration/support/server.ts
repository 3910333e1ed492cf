import { loadConfig, WindowServer, createLogger, type Clock } from '@madoguchi/window-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestServerOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  clock?: Clock;
}

/** A real window-server in this process: real SQLite file, real mediasoup worker, real port. */
export async function startServer(options: TestServerOptions = {}): Promise<WindowServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'madoguchi-it-'));
  const config = loadConfig({
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_PORT: String(options.port ?? 0),
    MADOGUCHI_MEDIA_WORKERS: '1',
    // Free ports: test files run side by side, and a developer's own server may hold 40000.
    MADOGUCHI_MEDIA_RTC_PORT: '0',
    MADOGUCHI_LOG_LEVEL: process.env.MADOGUCHI_TEST_LOG ?? 'silent',
    ...options.env,
  });
  const logger = createLogger(config.logLevel);
  const server = await WindowServer.create(config, {
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await server.listen();
  return server;
}

export function portOf(server: WindowServer): number {
  return Number(new URL(server.url).port);
}
