import type { CallJoinInfo, MyCounterState, MyQueueEntry } from '@madoguchi/shared';
import { DeviceRequestError, TypedEmitter } from '@madoguchi/stb-bridge';
import type { CallSessionState } from '@madoguchi/stb-bridge/call';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  STUCK_RECONNECTING_MS,
  VideoCounter,
  type CallMediaHandle,
  type CounterChange,
  type CounterChannel,
} from './VideoCounter';
import { FakeDeviceChannel } from './testDeviceChannel';

class FakeMedia extends TypedEmitter<{ changed: [] }> implements CallMediaHandle {
  sessionState: CallSessionState | null = 'connecting';
  failed = false;
  peerVideo = true;
  remoteStream = null;
  localStream = null;
  sending = { audio: true, video: false };
  localReady = true;
  closed = false;
  readonly updates: CallJoinInfo[] = [];

  constructor(public join: CallJoinInfo) {
    super();
  }

  get consultationId(): string {
    return this.join.consultationId;
  }

  get generation(): number {
    return this.join.generation;
  }

  set(state: CallSessionState): void {
    this.sessionState = state;
    this.safeEmit('changed');
  }

  update(join: CallJoinInfo): void {
    this.updates.push(join);
  }

  retries = 0;

  retry(): void {
    this.retries++;
  }

  stats() {
    return Promise.resolve(null);
  }

  close(): void {
    this.closed = true;
  }
}

function joinInfo(consultationId = 'c1', generation = 0): CallJoinInfo {
  return {
    consultationId,
    generation,
    routerRtpCapabilities: {},
    peer: { role: 'officer', displayName: '山田', camera: true, microphone: true },
  };
}

function entry(position: number): MyQueueEntry {
  return {
    entryId: 'e1',
    topic: 'childcare',
    kind: 'walkIn',
    status: 'waiting',
    position,
    etaMinutes: position * 2,
    joinedAt: '2025-11-25T10:00:00+09:00',
    callback: null,
  };
}

const NOTHING: MyCounterState = { entry: null, call: null, surveyFor: null };

function setUp(mine: MyCounterState = NOTHING) {
  const channel = new FakeDeviceChannel();
  channel.handlers['counter:mine'] = () => mine;
  const media: FakeMedia[] = [];
  const counter = new VideoCounter(channel as unknown as CounterChannel, (join) => {
    const started = new FakeMedia(join);
    media.push(started);
    return started;
  });
  const changes: CounterChange[] = [];
  counter.on('changed', (change) => changes.push(change));
  return { channel, counter, media, changes, setMine: (next: MyCounterState) => (mine = next) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('VideoCounter: re-sync', () => {
  it('asks for its place at start and after every reconnection (a server restart keeps the place)', async () => {
    const { channel, counter, changes, setMine } = setUp({ entry: entry(3), call: null, surveyFor: null });
    counter.start();
    await settle();
    expect(counter.entry?.position).toBe(3);
    expect(changes.at(-1)).toEqual({ kind: 'synced', first: true });

    channel.setState('offline');
    setMine({ entry: entry(2), call: null, surveyFor: null });
    channel.setState('online');
    await settle();
    expect(channel.events().filter((event) => event === 'counter:mine')).toHaveLength(2);
    expect(counter.entry?.position).toBe(2);
    expect(changes.some((c) => c.kind === 'entry' && c.previous?.position === 3)).toBe(true);
    expect(changes.at(-1)).toEqual({ kind: 'synced', first: false });
  });

  it('rejoins a live call after a reload, and rebuilds the media for a newer router', async () => {
    const call = { consultationId: 'c1', status: 'active' as const, topic: 'childcare', officerName: '山田' };
    const { channel, counter, media, setMine } = setUp({
      entry: null,
      call: { ...call, join: joinInfo() },
      surveyFor: null,
    });
    counter.start();
    await settle();
    expect(media).toHaveLength(1);
    expect(counter.call).toMatchObject({ consultationId: 'c1', status: 'connecting', officerName: '山田' });

    setMine({ entry: null, call: { ...call, join: joinInfo('c1', 1) }, surveyFor: null });
    channel.setState('offline');
    channel.setState('online');
    await settle();
    expect(media).toHaveLength(1);
    expect(media[0]!.updates.map((join) => join.generation)).toEqual([1]);
  });

  it('ends a call the server no longer knows, and shows the survey it owes', async () => {
    const call = { consultationId: 'c1', status: 'active' as const, topic: 'childcare', officerName: '山田' };
    const { channel, counter, media, changes, setMine } = setUp({
      entry: null,
      call: { ...call, join: joinInfo() },
      surveyFor: null,
    });
    counter.start();
    await settle();
    setMine({ entry: null, call: null, surveyFor: 'c1' });
    channel.setState('offline');
    channel.setState('online');
    await settle();
    expect(media[0]!.closed).toBe(true);
    expect(counter.call?.status).toBe('ended');
    expect(counter.surveyFor).toBe('c1');
    expect(changes).toContainEqual({
      kind: 'ended',
      consultationId: 'c1',
      reason: 'disconnected',
      survey: true,
      wasLive: true,
    });
  });
});

describe('VideoCounter: a call', () => {
  it('goes connecting → active → on hold → active → ended with a survey', async () => {
    const { channel, counter, media, changes } = setUp();
    counter.start();
    await settle();
    channel.push('queue:updated', entry(1));
    channel.push('call:started', joinInfo());
    expect(counter.call).toMatchObject({ status: 'connecting', topic: 'childcare', officerName: '山田' });
    expect(changes.some((change) => change.kind === 'callStarted')).toBe(true);

    media[0]!.set('connected');
    expect(counter.call?.status).toBe('active');
    media[0]!.set('reconnecting');
    expect(counter.call?.status).toBe('active');

    channel.push('call:held', { consultationId: 'c1', onHold: true });
    expect(counter.call?.status).toBe('onHold');
    channel.push('call:held', { consultationId: 'c1', onHold: false });
    expect(counter.call?.status).toBe('active');

    channel.handlers['call:end'] = () => ({});
    await counter.end();
    expect(channel.sent.at(-1)).toEqual({ event: 'call:end', payload: { consultationId: 'c1' } });
    channel.push('call:ended', { consultationId: 'c1', reason: 'citizenEnded', survey: true });
    expect(media[0]!.closed).toBe(true);
    expect(counter.call?.status).toBe('ended');
    expect(counter.surveyFor).toBe('c1');
  });

  it('rings, and answering starts the media with the answer’s join', async () => {
    const { channel, counter, media, changes } = setUp();
    counter.start();
    await settle();
    channel.push('call:ringing', {
      consultationId: 'c2',
      status: 'ringing',
      topic: 'procedures',
      officerName: '佐藤',
      join: null,
    });
    expect(counter.call?.status).toBe('ringing');
    expect(changes.some((change) => change.kind === 'ringing')).toBe(true);
    channel.handlers['call:answer'] = () => joinInfo('c2');
    await counter.answer();
    expect(media.map((m) => m.consultationId)).toEqual(['c2']);
    expect(counter.call).toMatchObject({ status: 'connecting', topic: 'procedures' });
    // The server's own push of the same call changes nothing.
    channel.push('call:started', joinInfo('c2'));
    expect(media).toHaveLength(1);
  });

  it('declining hides the ring at once; an unanswered ring ends as not live', async () => {
    const { channel, counter, changes } = setUp();
    counter.start();
    await settle();
    const ring = {
      consultationId: 'c3',
      status: 'ringing',
      topic: 'childcare',
      officerName: '佐藤',
      join: null,
    };
    channel.push('call:ringing', ring);
    channel.handlers['call:decline'] = () => ({});
    await counter.decline();
    expect(counter.call?.status).toBe('ended');
    expect(changes.at(-1)).toMatchObject({ kind: 'ended', reason: 'declined', wasLive: false });

    channel.push('call:ringing', { ...ring, consultationId: 'c4' });
    channel.push('call:ended', { consultationId: 'c4', reason: 'unanswered', survey: false });
    expect(changes.at(-1)).toMatchObject({ kind: 'ended', reason: 'unanswered', wasLive: false });
  });

  it('asks again and re-joins when the media stays reconnecting', async () => {
    const { channel, counter, media, setMine } = setUp();
    counter.start();
    await settle();
    // The server still has the call, with the same router.
    const call = { consultationId: 'c1', status: 'active' as const, topic: 'childcare', officerName: '山田' };
    setMine({ entry: null, call: { ...call, join: joinInfo('c1') }, surveyFor: null });
    vi.useFakeTimers();
    channel.push('call:started', joinInfo('c1'));
    media[0]!.set('connected');
    media[0]!.set('reconnecting');
    const syncs = () => channel.events().filter((event) => event === 'counter:mine').length;
    const before = syncs();
    await vi.advanceTimersByTimeAsync(STUCK_RECONNECTING_MS - 1);
    expect(syncs()).toBe(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(syncs()).toBe(before + 1);
    expect(media[0]!.retries).toBe(1);
    // Healed in time: nothing more.
    media[0]!.set('connected');
    media[0]!.set('reconnecting');
    media[0]!.set('connected');
    await vi.advanceTimersByTimeAsync(STUCK_RECONNECTING_MS * 2);
    expect(media[0]!.retries).toBe(1);
  });

  it('never lets a ring replace a live call', async () => {
    const { channel, counter } = setUp();
    counter.start();
    await settle();
    channel.push('call:started', joinInfo('c1'));
    channel.push('call:ringing', {
      consultationId: 'c9',
      status: 'ringing',
      topic: 'x',
      officerName: 'y',
      join: null,
    });
    expect(counter.call?.consultationId).toBe('c1');
  });
});

describe('VideoCounter: call backs and the survey', () => {
  it('gives up the place in line for a call back only when the server asks for that', async () => {
    const { channel, counter } = setUp();
    counter.start();
    await settle();
    let refused = false;
    channel.handlers['callback:request'] = () => {
      if (!refused) {
        refused = true;
        throw DeviceRequestError.of('ALREADY_QUEUED');
      }
      return { ...entry(1), kind: 'callback', status: 'callbackRequested', position: null };
    };
    channel.handlers['queue:cancel'] = () => ({});
    await counter.requestCallback('childcare', { date: '2025-11-26', period: 'morning' });
    expect(channel.events().slice(-3)).toEqual(['callback:request', 'queue:cancel', 'callback:request']);
    expect(counter.entry?.kind).toBe('callback');
  });

  it('keeps a survey answered offline and sends it before the next re-sync', async () => {
    const { channel, counter, setMine } = setUp({ entry: null, call: null, surveyFor: 'c1' });
    counter.start();
    await settle();
    expect(counter.surveyFor).toBe('c1');
    channel.setState('offline');
    await counter.submitSurvey([5, null, 4]);
    expect(counter.surveyFor).toBeNull();

    const submitted: unknown[] = [];
    channel.handlers['survey:submit'] = (payload) => {
      submitted.push(payload);
      setMine(NOTHING);
      return {};
    };
    channel.setState('online');
    await settle();
    await settle();
    expect(submitted).toEqual([{ consultationId: 'c1', answers: [5, null, 4] }]);
    expect(channel.events().slice(-2)).toEqual(['survey:submit', 'counter:mine']);
    expect(counter.surveyFor).toBeNull();
  });

  it('treats cancelling an entry that is already gone as done', async () => {
    const { channel, counter } = setUp({ entry: entry(2), call: null, surveyFor: null });
    counter.start();
    await settle();
    channel.handlers['queue:cancel'] = () => {
      throw DeviceRequestError.of('NOT_QUEUED');
    };
    await counter.cancel();
    expect(counter.entry).toBeNull();
  });
});
