import type { CallJoinInfo, ConsultationView, MyQueueEntry } from '@madoguchi/shared';
import { AuditLog, createLogger, Database, type WindowServer } from '@madoguchi/window-server';
import { describe, expect, it } from 'vitest';
import { rawQuery } from '../support/rawDatabase.js';
import { testEngine } from '../support/testDatabase.js';
import { connected, deviceSocket, request, staffSocket } from './support/clients.js';
import { join, pushed } from './support/counter.js';
import { linkCitizen } from './support/linking.js';
import { testRig } from './support/rig.js';

// The promises the counter makes, on this run's engine: settled by the database itself (conditional
// updates, unique indexes, the audit lock), not by the server being one process on one connection.

const rig = testRig();
const { server, tv, staff, keep } = rig;
const PASSWORD = 'a long passphrase for the tests';

/** `count` officers, each signed in on a connection of their own. */
async function officers(s: WindowServer, count: number) {
  const made = [];
  for (let n = 0; n < count; n += 1) {
    await s.staff.createAccount({
      loginId: `officer${n}`,
      displayName: `職員 ${n}`,
      role: 'staff',
      password: PASSWORD,
      language: 'ja',
    });
    const response = await fetch(`${s.cityUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: s.url },
      body: JSON.stringify({ loginId: `officer${n}`, password: PASSWORD }),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const socket = keep(staffSocket(s.cityUrl(), cookie));
    await connected(socket);
    made.push({ socket, cookie });
  }
  return made;
}

type Accepted = { consultation: ConsultationView; join: CallJoinInfo };

describe(`the counter's guarantees (${testEngine()})`, () => {
  it('gives one entry to exactly one of six officers accepting it at the same moment', async () => {
    const s = await server();
    const citizen = await tv(s);
    const entry = await join(citizen.socket, 'childcare');
    const desks = await officers(s, 6);
    const answers = await Promise.all(
      desks.map((desk) => request<Accepted>(desk.socket, 'queue:accept', { entryId: entry.entryId })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(
      Array(5).fill('ENTRY_TAKEN'),
    );
    expect(await rawQuery(s.config, 'SELECT COUNT(*) AS n FROM consultations')).toEqual([{ n: 1 }]);
    expect(await rawQuery(s.config, 'SELECT status FROM queue_entries')).toEqual([{ status: 'serving' }]);
  });

  it('gives six officers taking "the next" at once six different citizens', async () => {
    const s = await server();
    const entries: MyQueueEntry[] = [];
    for (let n = 0; n < 6; n += 1) entries.push(await join((await tv(s)).socket, 'childcare'));
    const desks = await officers(s, 6);
    const answers = await Promise.all(
      desks.map((desk) => request<Accepted>(desk.socket, 'queue:accept', {})),
    );
    const taken = answers.map((a) =>
      a.ok ? a.data.consultation.entryId : `refused ${!a.ok && a.error.code}`,
    );
    expect(new Set(taken)).toEqual(new Set(entries.map((e) => e.entryId)));
    expect(
      await rawQuery(s.config, "SELECT COUNT(*) AS n FROM queue_entries WHERE status = 'serving'"),
    ).toEqual([{ n: 6 }]);
  });

  it('keeps one open place per TV when the same TV joins from two connections at once', async () => {
    const s = await server();
    const citizen = await tv(s);
    const again = keep(deviceSocket(s.cityUrl(), citizen.token));
    await connected(again);
    const answers = await Promise.all(
      [citizen.socket, again].map((socket) =>
        request<MyQueueEntry>(socket, 'queue:join', { topic: 'childcare' }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ ok: false, error: { code: 'ALREADY_QUEUED' } });
    expect(await rawQuery(s.config, 'SELECT COUNT(*) AS n FROM queue_entries')).toEqual([{ n: 1 }]);
  });

  it('gives an officer one call at a time, even from two consoles at once', async () => {
    const s = await server();
    const first = await join((await tv(s)).socket, 'childcare');
    const second = await join((await tv(s)).socket, 'childcare');
    const [desk] = await officers(s, 1);
    const other = keep(staffSocket(s.cityUrl(), desk?.cookie));
    await connected(other);
    const answers = await Promise.all([
      request<Accepted>(desk!.socket, 'queue:accept', { entryId: first.entryId }),
      request<Accepted>(other, 'queue:accept', { entryId: second.entryId }),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ ok: false, error: { code: 'OFFICER_BUSY' } });
    expect(
      await rawQuery(
        s.config,
        "SELECT COUNT(*) AS n FROM consultations WHERE status IN ('ringing', 'active', 'onHold')",
      ),
    ).toEqual([{ n: 1 }]);
    // The entry the refused accept had moved is waiting again: nothing was half-written.
    expect(
      await rawQuery(s.config, "SELECT COUNT(*) AS n FROM queue_entries WHERE status = 'waiting'"),
    ).toEqual([{ n: 1 }]);
  });

  it('tells a TV its place and a call only once the rows are there', async () => {
    const s = await server();
    const citizen = await tv(s);
    const seen: string[] = [];
    const queued = pushed<MyQueueEntry | null>(
      citizen.socket,
      'queue:updated',
      (entry) => entry !== null,
    ).then(async (entry) => {
      const rows = await rawQuery(
        s.config,
        `SELECT status FROM queue_entries WHERE id = '${entry?.entryId}'`,
      );
      seen.push(`queued:${String(rows[0]?.status)}`);
    });
    const started = pushed<CallJoinInfo>(citizen.socket, 'call:started').then(async (info) => {
      const rows = await rawQuery(
        s.config,
        `SELECT status FROM consultations WHERE id = '${info.consultationId}'`,
      );
      seen.push(`started:${String(rows[0]?.status)}`);
    });
    await join(citizen.socket, 'childcare');
    await queued;
    const desk = await staff(s, 'staff');
    await request(desk.socket, 'queue:accept', {});
    await started;
    expect(seen).toEqual(['queued:waiting', 'started:active']);
  });

  it('commits a consent change before it answers, with its audit row', async () => {
    const s = await server();
    const citizen = await tv(s);
    const citizenId = await linkCitizen(s, citizen, 'suzuki.ken');
    const ack = await request(citizen.socket, 'consent:set', { citizenId, purpose: 'wallet', granted: true });
    expect(ack).toMatchObject({ ok: true });
    const granted = await rawQuery(
      s.config,
      `SELECT granted FROM consents WHERE citizen_id = '${citizenId}' AND purpose = 'wallet'`,
    );
    expect(granted.map((row) => row.granted === true || row.granted === 1)).toEqual([true]);
    const audit = await rawQuery(
      s.config,
      `SELECT action FROM audit_log WHERE subject = '${citizenId}' ORDER BY seq`,
    );
    expect(audit.map((row) => row.action)).toContain('consent.granted');
  });

  it('keeps the audit trail one unbroken chain when rows are appended from many connections at once', async () => {
    const s = await server();
    const clock = { now: () => new Date() };
    // On PostgreSQL, a second server process would have its own pool: appends from both must chain.
    const second =
      testEngine() === 'postgres'
        ? await Database.open({ url: s.config.database.url, file: '', logger: createLogger('silent') })
        : null;
    try {
      const tenantId = s.tenant.file.id;
      const logs = [
        new AuditLog(s.db.forTenant(tenantId), clock),
        ...(second ? [new AuditLog(second.forTenant(tenantId), clock)] : []),
      ];
      await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          logs[n % logs.length]!.record({ actor: 'system', action: 'test.append', details: { n } }),
        ),
      );
      expect(await s.audit.verify()).toEqual({ ok: true, rows: 40, firstBroken: null });
      const seqs = await rawQuery(s.config, 'SELECT seq FROM audit_log ORDER BY seq');
      expect(seqs.map((row) => Number(row.seq))).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    } finally {
      await second?.close();
    }
  });
});
