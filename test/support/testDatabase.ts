import { createLogger, Database, migrateToLatest, type Engine } from '@madoguchi/window-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import './postgres.js';

/** The engine this test run uses: `MADOGUCHI_TEST_ENGINE` (the vitest project sets it), SQLite by default. */
export function testEngine(): Engine {
  return process.env.MADOGUCHI_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

/** The throwaway cluster's server URL, for the postgres project (its global setup provides it). */
export function postgresServerUrl(): string {
  // A developer's own cluster for a quick run, else the one the postgres project's setup started.
  return process.env.MADOGUCHI_TEST_POSTGRES_URL ?? inject('postgres').url;
}

let counter = 0;

/** A fresh, empty database of its own on the cluster: tests never share rows. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = postgresServerUrl();
  const name = `t_${process.pid}_${Date.now().toString(36)}_${(counter += 1)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestDatabase {
  db: Database;
  /** Where a window-server would find it: `{ url }` for PostgreSQL, `{ file }` for SQLite. */
  location: { url?: string; file: string };
  close(): Promise<void>;
}

/** A migrated, empty database on this run's engine; `close()` removes it. */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const logger = createLogger('silent');
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-db-'));
  const file = join(dir, 'madoguchi.db');
  const postgres = testEngine() === 'postgres' ? await freshPostgresDatabase() : null;
  const db = await Database.open({ url: postgres?.url, file, logger });
  if (options.migrate !== false) await migrateToLatest(db);
  return {
    db,
    location: { ...(postgres ? { url: postgres.url } : {}), file },
    async close() {
      await db.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
