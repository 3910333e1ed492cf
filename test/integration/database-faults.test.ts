import type { MyQueueEntry } from '@madoguchi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres.js';
import { rawQuery } from '../support/rawDatabase.js';
import { request } from './support/clients.js';
import { join } from './support/counter.js';
import { testRig } from './support/rig.js';

// PostgreSQL goes away under a running server and comes back: requests fail with a clear code,
// nothing is half-written, and the server reconnects by itself. A cluster of its own, so the
// stop does not reach the other files' databases.

const rig = testRig();
const { server, tv, staff } = rig;
let cluster: ThrowawayPostgres;

/** The server's own answer to /readyz. */
async function readiness(url: string): Promise<{ status: number; answers: unknown }> {
  const response = await fetch(`${url}/readyz`);
  const body = (await response.json()) as { checks?: { database?: { answers?: unknown } } };
  return { status: response.status, answers: body.checks?.database?.answers };
}

/** Nothing announces that PostgreSQL accepts connections again: ask /readyz until it says so. */
async function readyAgain(url: string, deadlineMs = 15_000): Promise<void> {
  const until = performance.now() + deadlineMs;
  while ((await readiness(url)).status !== 200) {
    if (performance.now() > until) throw new Error('the server did not become ready again');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('PostgreSQL restarted under a running server', () => {
  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
  });
  afterAll(async () => {
    await cluster?.remove();
  });

  it('fails requests in flight with DATABASE_UNAVAILABLE, writes nothing half, and recovers by itself', async () => {
    const databaseUrl = await cluster.createDatabase();
    const s = await server({ env: { MADOGUCHI_DATABASE_URL: databaseUrl } });
    const desk = await staff(s, 'staff');
    const first = await tv(s);
    const waiting = await join(first.socket, 'childcare');
    const others = [await tv(s), await tv(s), await tv(s), await tv(s), await tv(s)];

    // Joins in flight while PostgreSQL shuts down.
    const joins = others.map((other) =>
      request<MyQueueEntry>(other.socket, 'queue:join', { topic: 'childcare' }),
    );
    await cluster.stop();
    const answers = await Promise.all(joins);
    for (const answer of answers) {
      if (!answer.ok) expect(answer.error.code).toBe('DATABASE_UNAVAILABLE');
    }

    // While it is down: a clear refusal, on the socket and over HTTP, and /readyz says so.
    expect(await request(desk.socket, 'queue:accept', { entryId: waiting.entryId })).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_UNAVAILABLE', message: 'errors.DATABASE_UNAVAILABLE' },
    });
    const down = await readiness(s.url);
    expect(down).toEqual({ status: 503, answers: false });

    await cluster.start();
    await readyAgain(s.url);

    // Nothing half-written: the refused accept left the entry waiting and made no consultation;
    // each join either holds one place (it was answered ok) or none.
    expect(await rawQuery(s.config, 'SELECT COUNT(*) AS n FROM consultations')).toEqual([{ n: 0 }]);
    const rows = await rawQuery(s.config, 'SELECT id, device_id, status FROM queue_entries ORDER BY seq');
    expect(rows.filter((row) => row.id === waiting.entryId).map((row) => row.status)).toEqual(['waiting']);
    others.forEach((other, index) => {
      const places = rows.filter((row) => row.device_id === other.deviceId);
      expect(places).toHaveLength(answers[index]?.ok ? 1 : 0);
    });

    // And the server works again without a restart.
    const accepted = await request(desk.socket, 'queue:accept', { entryId: waiting.entryId });
    expect(accepted).toMatchObject({ ok: true });
    const retry = others.find((_, index) => !answers[index]?.ok);
    if (retry)
      expect(await request(retry.socket, 'queue:join', { topic: 'childcare' })).toMatchObject({ ok: true });
  });
});
