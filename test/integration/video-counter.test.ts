import type {
  CallJoinInfo,
  CounterInfo,
  CounterSnapshot,
  KpiFigures,
  MyCounterState,
  MyQueueEntry,
} from '@madoguchi/shared';
import type { WindowServer } from '@madoguchi/window-server';
import { describe, expect, it } from 'vitest';
import { TV_INFO, connected, deviceSocket, request, type DeviceSocket } from './support/clients.js';
import { accept, join, manualClock, pushed, snapshot } from './support/counter.js';
import { rawQuery } from '../support/rawDatabase.js';
import { testRig } from './support/rig.js';
import { portOf, startServer } from './support/server.js';

const rig = testRig();
const { server, tv, staff } = rig;

const rows = (s: WindowServer, sql: string): Promise<Record<string, unknown>[]> => rawQuery(s.config, sql);

describe('the queue', () => {
  it('is first come, first served per topic, with live positions and estimates', async () => {
    const s = await server();
    await staff(s, 'staff');
    const [a, b, c, d] = [await tv(s), await tv(s), await tv(s), await tv(s)];
    const entries = [
      await join(a.socket, 'childcare'),
      await join(b.socket, 'childcare'),
      await join(c.socket, 'childcare'),
    ];
    expect(entries.map((e) => e.position)).toEqual([1, 2, 3]);
    // No history yet: six minutes a call, one officer on duty.
    expect(entries.map((e) => e.etaMinutes)).toEqual([6, 12, 18]);
    expect((await join(d.socket, 'currency')).position).toBe(1);

    const bMoves = pushed<MyQueueEntry | null>(b.socket, 'queue:updated', (e) => e?.position === 1);
    const cMoves = pushed<MyQueueEntry | null>(c.socket, 'queue:updated', (e) => e?.position === 2);
    expect(await request(a.socket, 'queue:cancel', {})).toEqual({ ok: true, data: {} });
    // The pushes are computed for every waiting TV from one read of the queue: the same place
    // and estimate as each TV's own answer, and the other topic's line is untouched.
    const [bNow, cNow] = await Promise.all([bMoves, cMoves]);
    expect([bNow?.etaMinutes, cNow?.etaMinutes]).toEqual([6, 12]);
    const dNow = await request<{ entry: MyQueueEntry | null }>(d.socket, 'counter:mine', {});
    expect(dNow.ok && dNow.data.entry).toMatchObject({ position: 1, topic: 'currency' });
    expect(
      await rows(s, `SELECT status, abandon_reason FROM queue_entries WHERE device_id = '${a.deviceId}'`),
    ).toEqual([{ status: 'abandoned', abandon_reason: 'cancelled' }]);
  });

  it('refuses bad requests with a clear code and changes nothing', async () => {
    const s = await server();
    const { socket } = await tv(s);
    expect(await request(socket, 'queue:join', { topic: 'astrology' })).toMatchObject({
      ok: false,
      error: { code: 'TOPIC_UNKNOWN' },
    });
    expect(await request(socket, 'queue:join', { topic: 5 })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_INVALID' },
    });
    expect(await request(socket, 'queue:cancel', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_QUEUED' },
    });
    await join(socket, 'childcare');
    expect(await request(socket, 'queue:join', { topic: 'currency' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_QUEUED' },
    });
    expect(
      await request(socket, 'survey:submit', { consultationId: 'con_x', answers: [6, null, null] }),
    ).toMatchObject({ ok: false, error: { code: 'PAYLOAD_INVALID' } });
    expect(await rows(s, 'SELECT topic, status FROM queue_entries ORDER BY seq')).toEqual([
      { topic: 'childcare', status: 'waiting' },
    ]);
  });

  it('gives an entry to exactly one of two officers accepting it at once', async () => {
    const s = await server();
    const citizen = await tv(s);
    const entry = await join(citizen.socket, 'childcare');
    const [first, second] = [await staff(s, 'staff'), await staff(s, 'supervisor')];
    const started = pushed<CallJoinInfo>(citizen.socket, 'call:started');
    const answers = await Promise.all(
      [first, second].map((o) =>
        request<{ join: CallJoinInfo }>(o.socket, 'queue:accept', { entryId: entry.entryId }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['ENTRY_TAKEN']);
    expect(await rows(s, 'SELECT COUNT(*) AS n FROM consultations')).toEqual([{ n: 1 }]);
    const joinInfo = await started;
    expect(joinInfo.routerRtpCapabilities).toHaveProperty('codecs');
    expect(joinInfo.peer).toMatchObject({ role: 'officer', camera: true });

    const winner = answers[0]?.ok ? first : second;
    const other = await tv(s);
    await join(other.socket, 'childcare');
    expect(await request(winner.socket, 'queue:accept', {})).toMatchObject({
      ok: false,
      error: { code: 'OFFICER_BUSY' },
    });
  });

  it('accepts the longest-waiting entry, overall or in one topic', async () => {
    const s = await server();
    const [a, b] = [await tv(s), await tv(s)];
    await join(a.socket, 'childcare');
    await join(b.socket, 'currency');
    const first = await staff(s, 'staff');
    const second = await staff(s, 'supervisor');
    expect((await accept(first.socket, { topic: 'currency' })).consultation.deviceId).toBe(b.deviceId);
    expect((await accept(second.socket)).consultation.deviceId).toBe(a.deviceId);
    const third = await staff(s, 'admin');
    expect(await request(third.socket, 'queue:accept', {})).toMatchObject({
      ok: false,
      error: { code: 'QUEUE_EMPTY' },
    });
  });

  it('keeps every entry, in order, across a server restart; each TV finds its place again', async () => {
    const first = await server();
    const tvs = [await tv(first), await tv(first), await tv(first)];
    const before = [];
    for (const t of tvs) before.push(await join(t.socket, 'procedures'));
    const port = portOf(first);
    const dataDir = first.config.dataDir;
    await first.close();
    rig.release(first);

    const second = await server({ dataDir, port });
    const places: (MyQueueEntry | null)[] = [];
    for (const t of tvs) {
      const again = deviceSocket(second.cityUrl(), t.token);
      rig.keep(again);
      await connected(again);
      const mine = await request<MyCounterState>(again, 'counter:mine', {});
      places.push(mine.ok ? mine.data.entry : null);
    }
    expect(places.map((p) => p?.entryId)).toEqual(before.map((b) => b.entryId));
    expect(places.map((p) => p?.position)).toEqual([1, 2, 3]);
    const officerView = await staff(second, 'staff');
    expect((await snapshot(officerView.socket)).waiting.map((w) => w.entryId)).toEqual(
      before.map((b) => b.entryId),
    );
  });

  it('gives up the place of a TV that stays off past the grace period, as abandoned', async () => {
    const s = await server({ env: { MADOGUCHI_COUNTER_GRACE_SECONDS: '1' } });
    const watcher = await staff(s, 'staff');
    const citizen = await tv(s);
    // Pushes are computed after each change commits: a snapshot from before the join may still be
    // on its way, so wait for one with the entry, then for the one without it.
    let seen = false;
    const emptied = pushed<CounterSnapshot>(watcher.socket, 'counter:changed', (snap) => {
      if (snap.waiting.length > 0) seen = true;
      return seen && snap.waiting.length === 0;
    });
    await join(citizen.socket, 'childcare');
    citizen.socket.disconnect();
    await emptied;
    expect(await rows(s, 'SELECT status, abandon_reason FROM queue_entries ORDER BY seq')).toEqual([
      { status: 'abandoned', abandon_reason: 'disconnected' },
    ]);
  });
});

describe('outside business hours', () => {
  it('says when the counter opens next, refuses to queue, and offers a call back', async () => {
    // Saturday morning in Omura: closed until Monday 8:30.
    const clock = manualClock('2026-11-28T10:00:00+09:00');
    const s = await startServer({ clock });
    rig.adopt(s);
    const { socket } = await tv(s);
    const info = await request<CounterInfo>(socket, 'counter:info', {});
    if (!info.ok) throw new Error(info.error.code);
    expect(info.data.opening).toMatchObject({ openNow: false, nextOpening: '2026-11-30T08:30:00+09:00' });
    expect(info.data.topics.map((t) => t.label.ja)).toEqual([
      '子育て',
      '地域通貨',
      '地域共助',
      '手続き・その他',
    ]);
    expect(info.data.callbackSlots).toEqual([
      { date: '2026-11-30', period: 'morning', relativeDay: null },
      { date: '2026-11-30', period: 'afternoon', relativeDay: null },
      { date: '2026-12-01', period: 'morning', relativeDay: null },
      { date: '2026-12-01', period: 'afternoon', relativeDay: null },
    ]);
    expect(await request(socket, 'queue:join', { topic: 'childcare' })).toMatchObject({
      ok: false,
      error: { code: 'COUNTER_CLOSED' },
    });
    expect(
      await request(socket, 'callback:request', {
        topic: 'childcare',
        date: '2026-11-28',
        period: 'afternoon',
      }),
    ).toMatchObject({ ok: false, error: { code: 'SLOT_UNAVAILABLE' } });
    const booked = await request<MyQueueEntry>(socket, 'callback:request', {
      topic: 'childcare',
      date: '2026-11-30',
      period: 'morning',
    });
    expect(booked).toMatchObject({
      ok: true,
      data: {
        kind: 'callback',
        status: 'callbackRequested',
        callback: { date: '2026-11-30', period: 'morning' },
      },
    });
  });
});

describe('call backs', () => {
  async function bookCallback(socket: DeviceSocket): Promise<MyQueueEntry> {
    const info = await request<CounterInfo>(socket, 'counter:info', {});
    const slot = info.ok ? info.data.callbackSlots[0] : undefined;
    if (!slot) throw new Error('no call-back slot offered');
    const booked = await request<MyQueueEntry>(socket, 'callback:request', {
      topic: 'currency',
      date: slot.date,
      period: slot.period,
    });
    if (!booked.ok) throw new Error(booked.error.code);
    return booked.data;
  }

  it('rings the TV; unanswered goes back on the list, answered joins both sides', async () => {
    const s = await server({ env: { MADOGUCHI_COUNTER_RING_SECONDS: '1' } });
    const citizen = await tv(s);
    const entry = await bookCallback(citizen.socket);
    const desk = await staff(s, 'staff');

    const rings = pushed<{ consultationId: string; status: string }>(citizen.socket, 'call:ringing');
    const call = await request<{ consultation: { consultationId: string } }>(desk.socket, 'callback:call', {
      entryId: entry.entryId,
    });
    expect(call.ok).toBe(true);
    expect(await rings).toMatchObject({
      status: 'ringing',
      topic: 'currency',
      officerName: '窓口 太郎',
      join: null,
    });
    const unanswered = await pushed<{ reason: string }>(citizen.socket, 'call:ended');
    expect(unanswered.reason).toBe('unanswered');
    const listed = await snapshot(desk.socket);
    expect(listed.callbacks).toMatchObject([
      { entryId: entry.entryId, status: 'callbackRequested', callback: { attempts: 1 } },
    ]);

    const ringsAgain = pushed<{ consultationId: string }>(citizen.socket, 'call:ringing');
    await request(desk.socket, 'callback:call', { entryId: entry.entryId });
    const { consultationId } = await ringsAgain;
    const officerJoins = pushed<CallJoinInfo>(desk.socket, 'call:answered');
    const answered = await request<CallJoinInfo>(citizen.socket, 'call:answer', { consultationId });
    expect(answered).toMatchObject({ ok: true, data: { consultationId, generation: 1 } });
    expect(await officerJoins).toMatchObject({
      consultationId,
      peer: { role: 'citizen', camera: false, microphone: true },
    });
  });

  it('turns a waiting walk-in into a call back in one step', async () => {
    const s = await server();
    const citizen = await tv(s);
    const waiting = await join(citizen.socket, 'childcare');
    const booked = await bookCallback(citizen.socket);
    expect(booked).toMatchObject({ entryId: waiting.entryId, kind: 'callback', status: 'callbackRequested' });
    expect(await rows(s, 'SELECT kind, status, topic FROM queue_entries ORDER BY seq')).toEqual([
      { kind: 'callback', status: 'callbackRequested', topic: 'currency' },
    ]);
  });

  it('a declined call back is recorded as the citizen leaving', async () => {
    const s = await server();
    const citizen = await tv(s);
    const entry = await bookCallback(citizen.socket);
    const desk = await staff(s, 'staff');
    const rings = pushed<{ consultationId: string }>(citizen.socket, 'call:ringing');
    await request(desk.socket, 'callback:call', { entryId: entry.entryId });
    const ended = pushed<{ reason: string }>(desk.socket, 'call:ended');
    expect(
      await request(citizen.socket, 'call:decline', { consultationId: (await rings).consultationId }),
    ).toEqual({ ok: true, data: {} });
    expect((await ended).reason).toBe('declined');
    expect(await rows(s, 'SELECT status, abandon_reason FROM queue_entries ORDER BY seq')).toEqual([
      { status: 'abandoned', abandon_reason: 'declined' },
    ]);
  });
});

describe('a consultation from accept to survey, and the figures', () => {
  it('holds, transfers keeping the place, ends with an outcome, stores the survey, and counts it all', async () => {
    const s = await server();
    const [a, b] = [await tv(s), await tv(s)];
    await join(a.socket, 'childcare');
    await join(b.socket, 'currency');
    const first = await staff(s, 'staff');
    const { consultation } = await accept(first.socket, { topic: 'childcare' });

    const held = pushed<{ onHold: boolean }>(a.socket, 'call:held');
    expect(
      await request(first.socket, 'call:hold', { consultationId: consultation.consultationId, onHold: true }),
    ).toEqual({ ok: true, data: {} });
    expect((await held).onHold).toBe(true);
    await request(first.socket, 'call:hold', { consultationId: consultation.consultationId, onHold: false });

    // Transfer to the currency desk: the citizen goes ahead of B, who came later.
    const transferred = pushed<{ reason: string; survey: boolean }>(a.socket, 'call:ended');
    const newPlace = pushed<MyQueueEntry | null>(a.socket, 'queue:updated', (e) => e?.topic === 'currency');
    await request(first.socket, 'call:transfer', {
      consultationId: consultation.consultationId,
      topic: 'currency',
    });
    expect(await transferred).toMatchObject({ reason: 'transferred', survey: false });
    expect(await newPlace).toMatchObject({ status: 'waiting', position: 1 });

    const second = await staff(s, 'supervisor');
    const next = await accept(second.socket, { topic: 'currency' });
    expect(next.consultation.deviceId).toBe(a.deviceId);
    const done = pushed<{ reason: string; survey: boolean }>(a.socket, 'call:ended');
    expect(
      await request(second.socket, 'call:end', {
        consultationId: next.consultation.consultationId,
        outcome: 'resolved',
        notes: '口座の残高を案内',
      }),
    ).toEqual({ ok: true, data: {} });
    expect(await done).toEqual({
      consultationId: next.consultation.consultationId,
      reason: 'completed',
      survey: true,
    });
    expect(
      await request(a.socket, 'survey:submit', {
        consultationId: next.consultation.consultationId,
        answers: [5, 4, null],
      }),
    ).toEqual({
      ok: true,
      data: {},
    });
    expect(
      await request(a.socket, 'survey:submit', {
        consultationId: next.consultation.consultationId,
        answers: [1, 1, 1],
      }),
    ).toMatchObject({ ok: false, error: { code: 'CALL_STATE' } });

    // B leaves the queue.
    await request(b.socket, 'queue:cancel', {});

    const supervisor = await fetch(`${s.cityUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: s.url },
      body: JSON.stringify({ loginId: 'supervisor', password: 'madoguchi-demo' }),
    });
    const cookie = (supervisor.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const kpi = await fetch(`${s.cityUrl()}/api/v1/kpi?from=${today}&to=${today}`, { headers: { cookie } });
    expect(kpi.status).toBe(200);
    const figures = (await kpi.json()) as KpiFigures;
    expect(figures).toMatchObject({
      requests: 2,
      served: 1,
      abandoned: 1,
      abandonmentRate: 0.5,
      callbacks: 0,
    });
    expect(figures.satisfaction).toEqual({ easyToTalk: 5, resolved: 4, useAgain: null, responses: 1 });
    expect(figures.byTopic.find((t) => t.topic === 'currency')).toMatchObject({
      requests: 2,
      served: 1,
      abandoned: 1,
    });
    expect(figures.waitSeconds.average).not.toBeNull();

    const csv = await fetch(`${s.cityUrl()}/api/v1/kpi?from=${today}&to=${today}&format=csv`, {
      headers: { cookie },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark, so that Excel opens the Japanese labels as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('all,合計,2,0,1,1,0.5');

    expect(
      (await fetch(`${s.cityUrl()}/api/v1/kpi?from=${today}&to=2020-01-01`, { headers: { cookie } })).status,
    ).toBe(400);
    expect(
      (await fetch(`${s.cityUrl()}/api/v1/kpi?from=yesterday&to=${today}`, { headers: { cookie } })).status,
    ).toBe(400);
    expect((await fetch(`${s.cityUrl()}/api/v1/kpi?from=${today}&to=${today}`)).status).toBe(401);
  });

  it('lets the citizen end the call; the officer still records the outcome, once', async () => {
    const s = await server();
    const citizen = await tv(s);
    await join(citizen.socket, 'mutualAid');
    const desk = await staff(s, 'staff');
    const { consultation } = await accept(desk.socket);
    const told = pushed<{ reason: string }>(desk.socket, 'call:ended');
    expect(
      await request(citizen.socket, 'call:end', { consultationId: consultation.consultationId }),
    ).toEqual({ ok: true, data: {} });
    expect((await told).reason).toBe('citizenEnded');
    // Listed until the officer records how it went, even after a reload of the console.
    expect((await snapshot(desk.socket)).consultations).toMatchObject([
      { consultationId: consultation.consultationId, status: 'ended' },
    ]);
    expect(
      (await snapshot(desk.socket)).officers.find((o) => o.staffId === consultation.staffId)?.status,
    ).toBe('available');
    const end = { consultationId: consultation.consultationId, outcome: 'information', notes: '' };
    expect(await request(desk.socket, 'call:end', end)).toEqual({ ok: true, data: {} });
    expect((await snapshot(desk.socket)).consultations).toEqual([]);
    expect(await request(desk.socket, 'call:end', end)).toMatchObject({
      ok: false,
      error: { code: 'CALL_STATE' },
    });
    const other = await staff(s, 'supervisor');
    expect(await request(other.socket, 'call:end', end)).toMatchObject({
      ok: false,
      error: { code: 'CALL_NOT_FOUND' },
    });
    const mine = await request<MyCounterState>(citizen.socket, 'counter:mine', {});
    expect(mine).toMatchObject({
      ok: true,
      data: { entry: null, call: null, surveyFor: consultation.consultationId },
    });
  });
});

describe('media rooms', () => {
  it('rebuilds the room on a new worker when the worker dies mid-call, and both sides are told to rejoin', async () => {
    const s = await server();
    const citizen = await tv(s);
    await join(citizen.socket, 'childcare');
    const desk = await staff(s, 'staff');
    const started = pushed<CallJoinInfo>(citizen.socket, 'call:started');
    const { join: officerJoin } = await accept(desk.socket);
    const citizenJoin = await started;
    expect(citizenJoin.generation).toBe(1);
    const joined = await request<{ send: unknown; recv: { id: string } }>(citizen.socket, 'media:join', {
      consultationId: citizenJoin.consultationId,
      generation: 1,
      rtpCapabilities: citizenJoin.routerRtpCapabilities,
      sending: { audio: false, video: false },
    });
    expect(joined).toMatchObject({ ok: true, data: { send: null, recv: { id: expect.any(String) } } });

    const rejoinTv = pushed<CallJoinInfo>(citizen.socket, 'media:rejoin');
    const rejoinOfficer = pushed<CallJoinInfo>(desk.socket, 'media:rejoin');
    const [pid] = s.media.pids();
    process.kill(pid as number, 'SIGKILL');
    const [tvAgain, officerAgain] = await Promise.all([rejoinTv, rejoinOfficer]);
    expect(tvAgain).toMatchObject({ consultationId: officerJoin.consultationId, generation: 2 });
    expect(officerAgain.generation).toBe(2);

    const stale = await request(citizen.socket, 'media:join', {
      consultationId: citizenJoin.consultationId,
      generation: 1,
      rtpCapabilities: citizenJoin.routerRtpCapabilities,
      sending: { audio: false, video: false },
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'STALE_MEDIA' } });
    const fresh = await request(citizen.socket, 'media:join', {
      consultationId: citizenJoin.consultationId,
      generation: 2,
      rtpCapabilities: tvAgain.routerRtpCapabilities,
      sending: { audio: false, video: false },
    });
    expect(fresh.ok).toBe(true);
  });

  it('refuses media requests for someone else’s call and malformed mediasoup parameters', async () => {
    const s = await server();
    const citizen = await tv(s);
    const stranger = await tv(s);
    await join(citizen.socket, 'childcare');
    const desk = await staff(s, 'staff');
    const { join: info } = await accept(desk.socket);
    const payload = {
      consultationId: info.consultationId,
      generation: 1,
      rtpCapabilities: info.routerRtpCapabilities,
      sending: { audio: true, video: false },
    };
    expect(await request(stranger.socket, 'media:join', payload)).toMatchObject({
      ok: false,
      error: { code: 'CALL_NOT_FOUND' },
    });
    const joined = await request<{ send: { id: string } }>(citizen.socket, 'media:join', payload);
    const sendId = joined.ok ? joined.data.send.id : '';
    expect(
      await request(citizen.socket, 'media:produce', {
        consultationId: info.consultationId,
        transportId: sendId,
        kind: 'audio',
        rtpParameters: { codecs: 'not a list' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'PAYLOAD_INVALID' } });
  });
});

describe('network trouble', () => {
  it('recovers a dropped TV socket with the pushes it missed (connection-state recovery)', async () => {
    const s = await server();
    const ahead = await tv(s);
    await join(ahead.socket, 'childcare');
    const socket = deviceSocket(s.cityUrl(), undefined, true);
    rig.keep(socket);
    await connected(socket);
    const registered = await request<{ token: string }>(socket, 'device:register', TV_INFO);
    expect(registered.ok).toBe(true);
    // Recovery resumes from the last push the client saw: let it see one first.
    const firstPush = pushed<MyQueueEntry | null>(socket, 'queue:updated');
    expect((await join(socket, 'childcare')).position).toBe(2);
    await firstPush;

    // The transport drops (not a clean disconnect); meanwhile the TV ahead leaves.
    const back = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const moved = pushed<MyQueueEntry | null>(socket, 'queue:updated', (e) => e?.position === 1);
    socket.io.engine.close();
    await request(ahead.socket, 'queue:cancel', {});
    await back;
    expect(socket.recovered).toBe(true);
    expect(await moved).toMatchObject({ position: 1 });
  });

  it('gives new ICE parameters when a side restarts ICE', async () => {
    const s = await server();
    const citizen = await tv(s);
    await join(citizen.socket, 'childcare');
    const desk = await staff(s, 'staff');
    const { join: info } = await accept(desk.socket);
    const joined = await request<{ recv: { id: string; iceParameters: { usernameFragment: string } } }>(
      desk.socket,
      'media:join',
      {
        consultationId: info.consultationId,
        generation: 1,
        rtpCapabilities: info.routerRtpCapabilities,
        sending: { audio: false, video: false },
      },
    );
    if (!joined.ok) throw new Error(joined.error.code);
    const restarted = await request<{ iceParameters: { usernameFragment: string } }>(
      desk.socket,
      'media:restartIce',
      {
        consultationId: info.consultationId,
        transportId: joined.data.recv.id,
      },
    );
    expect(restarted.ok && restarted.data.iceParameters.usernameFragment).not.toBe(
      joined.data.recv.iceParameters.usernameFragment,
    );
  });
});

describe('/metrics', () => {
  it('exports queue lengths, calls and workers for Prometheus', async () => {
    const s = await server();
    const citizen = await tv(s);
    await join(citizen.socket, 'childcare');
    const text = await (await fetch(`${s.url}/metrics`)).text();
    expect(text).toContain('madoguchi_queue_length{tenant="omura",topic="childcare"} 1');
    expect(text).toContain('madoguchi_queue_length{tenant="omura",topic="currency"} 0');
    expect(text).toContain('madoguchi_active_calls{tenant="omura"} 0');
    expect(text).toContain('madoguchi_media_workers 1');
    expect(text).toContain('madoguchi_devices_online{tenant="omura"} 1');
  });
});
