import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import { startServer } from '../e2e/support/server.js';
import { connected, deviceSocket, request, TV_INFO } from '../integration/support/clients.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres.js';
import { machine, machineLine, summarise, writeDocSection, writeJson, type Summary } from './report.js';

// How long the built window-server (as `npm start` and the systemd unit run it) takes from its
// start to answering /readyz after it was killed (-9) with calls' data in its database: what a
// city waits after a crash, before systemd's restart brings the counter back.

const ALWAYS_OPEN = fileURLToPath(new URL('../fixtures/tenant-always-open.json', import.meta.url));
const RUNS = 5;
const TVS = 20;
let postgres: ThrowawayPostgres;

beforeAll(async () => {
  postgres = await startThrowawayPostgres();
});
afterAll(async () => {
  await postgres?.remove();
});

async function afterCrash(env: Record<string, string>): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-bench-start-'));
  const settings = { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN, ...env };
  const first = await startServer({ dataDir, env: settings, name: 'startup' });
  // Something to recover: registered TVs, half of them waiting in the queue.
  for (let n = 0; n < TVS; n += 1) {
    const socket = deviceSocket(first.city);
    await connected(socket);
    await request(socket, 'device:register', TV_INFO);
    if (n % 2 === 0) await request(socket, 'queue:join', { topic: 'childcare' });
    socket.disconnect();
  }
  await first.kill();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const next = await startServer({ dataDir, env: settings, name: 'startup' });
    samples.push(performance.now() - started);
    await next.kill();
  }
  return samples;
}

it('start-up after a crash: to /readyz on SQLite and PostgreSQL', async () => {
  const sqlite = await afterCrash({});
  const pg = await afterCrash({ MADOGUCHI_DATABASE_URL: await postgres.createDatabase() });
  const m = machine();
  const a: Summary = summarise(sqlite);
  const b: Summary = summarise(pg);
  writeJson('startup', { machine: m, sqliteMs: { ...a, raw: sqlite }, postgresMs: { ...b, raw: pg } });
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  writeDocSection(
    'startup',
    `## Start-up after a crash / 異常終了からの再起動

The built window-server killed with \`kill -9\` while ${TVS} TVs were registered and half of them
waiting, then started again ${RUNS} times: from starting the process to \`/readyz\` answering 200
(checked every 100 ms), media workers and migrations included. Seconds (target ≤ 3 s).

| database | median | max |
|---|---|---|
| SQLite | ${seconds(a.median)} | ${seconds(a.max)} |
| PostgreSQL | ${seconds(b.median)} | ${seconds(b.max)} |

Machine: ${machineLine(m)}. Run \`npm run bench\` to measure again.`,
  );
});
