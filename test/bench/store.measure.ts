import type { StaffAccount } from '@madoguchi/shared';
import type { WindowServer } from '@madoguchi/window-server';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import { TV_INFO } from '../integration/support/clients.js';
import { startServer } from '../integration/support/server.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres.js';
import { machine, machineLine, summarise, writeDocSection, writeJson, type Summary } from './report.js';

// The data layer's hot paths, measured through the modules that run them (the real stores on a
// real database), on SQLite and on PostgreSQL over loopback in the same run. PostgreSQL is a
// throwaway cluster with its durable defaults (fsync and synchronous_commit on), as in production.

const ALWAYS_OPEN = fileURLToPath(new URL('../fixtures/tenant-always-open.json', import.meta.url));
const WARM_UP = 30;
const SAMPLES = 300;

let postgres: ThrowawayPostgres;

beforeAll(async () => {
  postgres = await startThrowawayPostgres();
});
afterAll(async () => {
  await postgres?.remove();
});

async function timed(count: number, work: (n: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const started = performance.now();
    await work(n);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function hotPaths(s: WindowServer): Promise<Record<string, Summary>> {
  const total = WARM_UP + SAMPLES;
  const devices: string[] = [];
  for (let n = 0; n < total; n += 1) devices.push((await s.devices.register(TV_INFO)).device.id);
  const officer = (await s.staff.listAccounts()).find((a) => a.loginId === 'staff') as StaffAccount;
  const citizen = await s.identity.signedIn({
    issuer: 'bench',
    subject: 'citizen-1',
    displayName: '測定 太郎',
  });

  const join = await timed(total, (n) => s.counter.join(devices[n] as string, 'childcare'));
  const entries = (await s.counter.snapshot()).waiting.map((w) => w.entryId);
  const accept: number[] = [];
  for (const entryId of entries) {
    const started = performance.now();
    const consultation = await s.counter.accept(officer, { entryId });
    accept.push(performance.now() - started);
    await s.counter.end(officer, { consultationId: consultation.id, outcome: 'resolved', notes: '' });
  }
  const audit = await timed(total, (n) =>
    s.audit.record({ actor: 'system', action: 'bench.append', details: { n } }),
  );
  const consent = await timed(total, () => s.identity.consentsOf(citizen.id));
  const measured = (samples: number[]) => summarise(samples.slice(WARM_UP));
  return {
    'join the queue': measured(join),
    accept: measured(accept),
    'audit append (durable)': measured(audit),
    'consent read': measured(consent),
  };
}

async function onEngine(env: Record<string, string>): Promise<Record<string, Summary>> {
  const s = await startServer({ env: { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN, ...env } });
  try {
    return await hotPaths(s);
  } finally {
    await s.close();
  }
}

it('data layer: the store hot paths on SQLite and PostgreSQL', async () => {
  const sqlite = await onEngine({});
  const pg = await onEngine({ MADOGUCHI_DATABASE_URL: await postgres.createDatabase() });
  const m = machine();
  writeJson('store', { machine: m, sqlite, postgres: pg });
  // Under 0.05 ms rounds to 0: no ratio to that.
  const ratio = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(2)}×` : '—');
  const rows = Object.keys(sqlite).map((path) => {
    const [a, b] = [sqlite[path] as Summary, pg[path] as Summary];
    return `| ${path} | ${a.median} | ${b.median} | ${ratio(a.median, b.median)} | ${a.p99} | ${b.p99} | ${ratio(a.p99, b.p99)} |`;
  });
  writeDocSection(
    'store',
    `## Data layer / データ層

The store's hot paths as window-server runs them (the counter, the audit trail, consents), each
${SAMPLES} times after ${WARM_UP} to warm up, one after another: SQLite (one file, WAL) beside
PostgreSQL 15 over loopback (a throwaway cluster, fsync and synchronous_commit on), in the same
run. Joining and accepting are each one transaction; an audit append takes the audit lock and
commits durably (SQLite synchronous=FULL for that commit). Each join and accept also has the
waiting TVs' places computed for their push (one read of the queue for all of them).
Milliseconds; 0 is under 0.05.

| hot path | SQLite p50 | PostgreSQL p50 | p50 ratio | SQLite p99 | PostgreSQL p99 | p99 ratio |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Machine: ${machineLine(m)}. Run \`npm run bench\` to measure again.`,
  );
});
