import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { clusterControl } from '../support/postgres.js';

// The run's cluster from the `postgres` project's global setup, as every suite in it sees it.
// Nothing here stops it: other files use it at the same time.

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the cluster the postgres project provides', () => {
  const provided = inject('postgres');
  const cluster = clusterControl(provided);
  const made: string[] = [];

  afterAll(async () => {
    for (const url of made) await cluster.dropDatabase(url);
  });

  it('is named to the tests, and the project says which engine it is', () => {
    expect(process.env.MADOGUCHI_TEST_ENGINE).toBe('postgres');
    expect(provided.url).toBe(`postgres://postgres@127.0.0.1:${provided.port}/postgres`);
    expect(provided.binDir).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
  });

  it('answers SELECT version() with PostgreSQL 15 or newer, durable by default', async () => {
    const [row] = await query<{ version: string; major: string }>(
      provided.url,
      "SELECT version(), current_setting('server_version_num') AS major",
    );
    expect(row?.version).toMatch(/^PostgreSQL \d+/);
    expect(Math.floor(Number(row?.major) / 10_000)).toBeGreaterThanOrEqual(15);
    const [settings] = await query<Record<string, string>>(
      provided.url,
      "SELECT current_setting('fsync') AS fsync, current_setting('server_encoding') AS encoding",
    );
    expect(settings).toEqual({ fsync: 'on', encoding: 'UTF8' });
  });

  it('gives two isolated, empty databases from two createDatabase calls', async () => {
    const [first, second] = await Promise.all([cluster.createDatabase(), cluster.createDatabase()]);
    made.push(first, second);
    expect(first).not.toBe(second);
    await query(first, 'CREATE TABLE queue_entry (id int PRIMARY KEY); INSERT INTO queue_entry VALUES (1)');
    expect(await query(first, 'SELECT id FROM queue_entry')).toEqual([{ id: 1 }]);
    const tables = "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'";
    expect(await query(second, tables)).toEqual([{ n: 0 }]);
  });

  it('drops a database with its sessions still open', async () => {
    const url = await cluster.createDatabase();
    const idle = new pg.Client({ connectionString: url });
    idle.on('error', () => undefined);
    await idle.connect();
    await cluster.dropDatabase(url);
    await expect(query(url, 'SELECT 1')).rejects.toThrow(/does not exist/);
    await idle.end().catch(() => undefined);
  });
});
