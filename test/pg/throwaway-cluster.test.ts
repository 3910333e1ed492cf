import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  PostgresStartError,
  clusterControl,
  startThrowawayPostgres,
  sweepStaleClusters,
  type ThrowawayPostgres,
} from '../support/postgres.js';
import { isProcessAlive, postmasterPid } from '../support/postgresProcess.js';

// The harness itself, on clusters of this file's own: these tests stop and restart them, which
// the run's shared cluster must not suffer.

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = await connect(url);
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('a throwaway PostgreSQL cluster', () => {
  let cluster: ThrowawayPostgres;

  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
  });
  afterAll(async () => {
    await cluster?.remove();
  });

  it('keeps committed data across restart()', async () => {
    const url = await cluster.createDatabase();
    await query(
      url,
      "CREATE TABLE consultation (id int, topic text); INSERT INTO consultation VALUES (1, '住民票')",
    );
    const before = postmasterPid(cluster.dataDir);
    await cluster.restart();
    expect(postmasterPid(cluster.dataDir)).not.toBe(before);
    expect(await query(url, 'SELECT id, topic FROM consultation')).toEqual([{ id: 1, topic: '住民票' }]);
  });

  it('fails a query in flight during stop() with a connection error, and serves new clients after start()', async () => {
    // What a test file in a vitest worker has: plain data from inject('postgres').
    const control = clusterControl({ binDir: cluster.binDir, dataDir: cluster.dataDir, port: cluster.port });
    const client = await connect(control.url);
    const inFlight = client.query('SELECT pg_sleep(60)');
    const outcome = inFlight.then(
      () => 'answered',
      (error: Error & { code?: string }) => error.code ?? error.message,
    );
    const started = performance.now();
    await control.stop();
    // 57P01 admin_shutdown: the backend was terminated by the fast shutdown, the client was told.
    expect(await outcome).toMatch(/57P01|Connection terminated/);
    expect(performance.now() - started).toBeLessThan(10_000);
    await client.end().catch(() => undefined);
    await expect(query(control.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);

    await control.start();
    expect(await query(control.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('throws the end of the server log when it cannot start', async () => {
    await cluster.stop();
    const blocker = await listenOn(cluster.port);
    try {
      const error = await cluster.start().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PostgresStartError);
      expect((error as PostgresStartError).logTail).toMatch(/could not bind|Address already in use/);
      expect((error as Error).message).toContain('last lines of the server log');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    await cluster.start();
    expect(await query(cluster.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('a fast cluster, removed at the end', () => {
  let cluster: ThrowawayPostgres;

  beforeAll(async () => {
    cluster = await startThrowawayPostgres({ fast: true });
  });
  afterAll(async () => {
    await cluster?.remove();
  });

  it('runs with fsync, synchronous_commit and full_page_writes off', async () => {
    const sql =
      "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc, current_setting('full_page_writes') AS fpw";
    expect(await query(cluster.url, sql)).toEqual([{ fsync: 'off', sc: 'off', fpw: 'off' }]);
  });

  // Last in this block: it ends the cluster the tests above use.
  it('remove() leaves no process and no folder, and can be called twice', async () => {
    const pid = postmasterPid(cluster.dataDir);
    expect(pid).toBeDefined();
    expect(isProcessAlive(pid!)).toBe(true);
    await cluster.remove();
    expect(isProcessAlive(pid!)).toBe(false);
    expect(existsSync(dirname(cluster.dataDir))).toBe(false);
    await cluster.remove();
    expect(cluster.removed).toBe(true);
  });
});

describe('clusters left by a run that was killed', () => {
  it('are stopped and deleted by the sweep every start runs first; live runs are spared', async () => {
    const cluster = await startThrowawayPostgres({ fast: true });
    const folder = dirname(cluster.dataDir);
    const pid = postmasterPid(cluster.dataDir)!;
    // Pretend the cluster's owner died: a process that has exited (its PID is free again).
    const dead = spawnSync('true').pid;
    writeFileSync(join(folder, 'owner.json'), JSON.stringify({ pid: dead }));
    try {
      expect(sweepStaleClusters(cluster.binDir)).toContain(folder);
      expect(isProcessAlive(pid)).toBe(false);
      expect(existsSync(folder)).toBe(false);
      // The run's shared cluster belongs to the live vitest process: untouched.
      const shared = inject('postgres');
      expect(existsSync(shared.dataDir)).toBe(true);
      expect(isProcessAlive(postmasterPid(shared.dataDir)!)).toBe(true);
    } finally {
      await cluster.remove();
    }
  });
});
