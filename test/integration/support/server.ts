import { loadConfig, WindowServer, createLogger, type Clock } from '@madoguchi/window-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshPostgresDatabase, testEngine } from '../../support/testDatabase.js';

export interface TestServerOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  clock?: Clock;
}

/** The bundled 大村市. */
export const OMURA_TENANT_FILE = fileURLToPath(
  new URL('../../../window-server/tenants/omura.json', import.meta.url),
);

/** On PostgreSQL, each data dir has its own database: a restart on the same dir finds its rows. */
const postgresOf = new Map<string, string>();

async function databaseEnv(dataDir: string): Promise<Record<string, string>> {
  if (testEngine() !== 'postgres') return {};
  let url = postgresOf.get(dataDir);
  if (!url) {
    url = (await freshPostgresDatabase()).url;
    postgresOf.set(dataDir, url);
  }
  return { MADOGUCHI_DATABASE_URL: url };
}

/**
 * A real window-server in this process: real database (an SQLite file, or a database of its own
 * on the throwaway PostgreSQL in the postgres project), real mediasoup worker, real port.
 */
export async function startServer(options: TestServerOptions = {}): Promise<WindowServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'madoguchi-it-'));
  const config = loadConfig({
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_PORT: String(options.port ?? 0),
    MADOGUCHI_MEDIA_WORKERS: '1',
    // Free ports: test files run side by side, and a developer's own server may hold 40000.
    MADOGUCHI_MEDIA_RTC_PORT: '0',
    MADOGUCHI_LOG_LEVEL: process.env.MADOGUCHI_TEST_LOG ?? 'silent',
    ...(await databaseEnv(dataDir)),
    // One city unless the test asks for a folder of them.
    ...(options.env?.MADOGUCHI_TENANTS_DIR ? {} : { MADOGUCHI_TENANT_FILE: OMURA_TENANT_FILE }),
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
  return Number(new URL(server.cityUrl()).port);
}
