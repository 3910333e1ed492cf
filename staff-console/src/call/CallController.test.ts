import type { CallJoinInfo, ConsultationView, CounterSnapshot } from '@madoguchi/shared';
import { describe, expect, it, vi } from 'vitest';
import { RequestError } from '../staffRequest';
import { CallController, type MediaSession } from './CallController';
import { callStateHook } from './callState';
import { parseTransferTarget } from './transfer';

type Listener = (payload: never) => void;

function consultation(id = 'c1', extra: Partial<ConsultationView> = {}): ConsultationView {
  return {
    consultationId: id,
    entryId: 'e1',
    topic: 'childcare',
    deviceId: 'dev_1',
    staffId: 'stf_me',
    staffName: '佐藤',
    status: 'active',
    startedAt: '2025-04-01T01:00:00Z',
    camera: true,
    ...extra,
  };
}

function join(id = 'c1', camera = true, generation = 0): CallJoinInfo {
  return {
    consultationId: id,
    generation,
    routerRtpCapabilities: {},
    peer: { role: 'citizen', displayName: '市民', camera, microphone: true },
  };
}

function fakeTrack() {
  return { stop: vi.fn(), kind: 'video' };
}

function fakeStream() {
  const tracks = [fakeTrack()];
  return { getTracks: () => tracks, getVideoTracks: () => tracks, tracks } as unknown as MediaStream & {
    tracks: { stop: ReturnType<typeof vi.fn> }[];
  };
}

function fakeSession(): MediaSession & { paused: Record<string, boolean>; closed: boolean } {
  const paused: Record<string, boolean> = { audio: false, video: false };
  const session = {
    state: 'connected' as const,
    remoteStream: { getVideoTracks: () => [] } as unknown as MediaStream,
    paused,
    closed: false,
    on: () => () => undefined,
    setPaused: async (kind: 'audio' | 'video', value: boolean) => {
      paused[kind] = value;
    },
    isPaused: (kind: 'audio' | 'video') => paused[kind] ?? true,
    inboundVideoStats: async () => ({
      framesDecoded: 5,
      framesReceived: 5,
      frameWidth: 640,
      frameHeight: 360,
    }),
    close: () => {
      session.closed = true;
    },
  };
  return session;
}

/** A controller on fake signalling: `answers` decides each request's reply, `push` plays the server. */
function setup(answers: Record<string, (payload: unknown) => unknown> = {}) {
  const listeners = new Map<string, Set<Listener>>();
  const sent: [string, unknown][] = [];
  const sessions: ReturnType<typeof fakeSession>[] = [];
  const streams: ReturnType<typeof fakeStream>[] = [];
  let failStarts = 0;
  const controller = new CallController({
    staffId: 'stf_me',
    retryDelayMs: 5,
    request: async <T>(event: string, payload: unknown) => {
      sent.push([event, payload]);
      const answer = answers[event];
      if (!answer) return {} as T;
      return answer(payload) as T;
    },
    listen: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    startSession: async () => {
      if (failStarts > 0) {
        failStarts -= 1;
        throw new RequestError({ code: 'MEDIA_FAILED', message: 'errors.MEDIA_FAILED' });
      }
      const session = fakeSession();
      sessions.push(session);
      return session;
    },
    openLocalMedia: async () => {
      const stream = fakeStream();
      streams.push(stream);
      return { stream, kind: 'full' };
    },
  });
  const push = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  };
  return {
    controller,
    sent,
    sessions,
    streams,
    push,
    failNextStarts: (n: number) => {
      failStarts = n;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const accepted = () => ({ consultation: consultation(), join: join() });

describe('accepting a citizen', () => {
  it('joins the media with the camera and reports connected', async () => {
    const t = setup({ 'queue:accept': accepted });
    expect(await t.controller.accept({})).toBeNull();
    await settle();
    expect(t.sent[0]).toEqual(['queue:accept', {}]);
    expect(t.controller.current.phase).toBe('connected');
    expect(t.controller.current.consultation?.consultationId).toBe('c1');
    expect(t.controller.current.localMedia).toBe('full');
    expect(await t.controller.stats()).toMatchObject({ framesDecoded: 5 });
  });

  it('comes back to idle with ENTRY_TAKEN when another officer was faster', async () => {
    const t = setup({
      'queue:accept': () => {
        throw new RequestError({ code: 'ENTRY_TAKEN', message: 'errors.ENTRY_TAKEN' });
      },
    });
    const error = await t.controller.accept({ entryId: 'e1' });
    expect(error?.code).toBe('ENTRY_TAKEN');
    expect(t.controller.current.phase).toBe('idle');
    expect(t.streams).toHaveLength(0);
  });

  it('refuses a second call while one is on', async () => {
    const t = setup({ 'queue:accept': accepted });
    await t.controller.accept({});
    expect((await t.controller.accept({}))?.code).toBe('OFFICER_BUSY');
  });

  it('retries the media by itself when it fails to start', async () => {
    const t = setup({ 'queue:accept': accepted });
    t.failNextStarts(1);
    await t.controller.accept({});
    await settle();
    expect(t.controller.current.mediaError?.code).toBe('MEDIA_FAILED');
    expect(t.controller.current.phase).toBe('connecting');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.controller.current.mediaError).toBeNull();
    expect(t.controller.current.phase).toBe('connected');
    expect(t.sessions).toHaveLength(1);
  });
});

describe('during the call', () => {
  it('mutes and turns the camera off; hold is asked of the server', async () => {
    const t = setup({ 'queue:accept': accepted });
    await t.controller.accept({});
    await settle();
    const session = t.sessions[0]!;
    await t.controller.toggleMute();
    expect(session.paused).toEqual({ audio: true, video: false });
    await t.controller.toggleHold();
    expect(t.sent.at(-1)).toEqual(['call:hold', { consultationId: 'c1', onHold: true }]);
    expect(t.controller.current.onHold).toBe(true);
    await t.controller.toggleHold();
    expect(t.controller.current.onHold).toBe(false);
    await t.controller.toggleCamera();
    expect(session.paused).toEqual({ audio: true, video: true });
    await t.controller.toggleMute();
    expect(session.paused).toEqual({ audio: false, video: true });
  });

  it('follows what the TV sends', async () => {
    const t = setup({ 'queue:accept': () => ({ consultation: consultation(), join: join('c1', false) }) });
    await t.controller.accept({});
    expect(t.controller.current.peerMedia).toEqual({ audio: true, video: false });
    t.push('media:peerState', { consultationId: 'c1', role: 'citizen', audio: false, video: false });
    expect(t.controller.current.peerMedia.audio).toBe(false);
    t.push('media:peerState', { consultationId: 'other', role: 'citizen', audio: true, video: true });
    expect(t.controller.current.peerMedia.audio).toBe(false);
  });

  it('keeps the form when the TV ends, stops the camera, and records the outcome', async () => {
    const t = setup({ 'queue:accept': accepted });
    await t.controller.accept({});
    await settle();
    t.push('call:ended', { consultationId: 'c1', reason: 'citizenEnded' });
    expect(t.controller.current.phase).toBe('ended');
    expect(t.controller.current.endReason).toBe('citizenEnded');
    expect(t.sessions[0]?.closed).toBe(true);
    expect(t.streams[0]?.tracks[0]?.stop).toHaveBeenCalled();
    expect(await t.controller.end('resolved', 'ok')).toBe(true);
    expect(t.sent.at(-1)).toEqual(['call:end', { consultationId: 'c1', outcome: 'resolved', notes: 'ok' }]);
    expect(t.controller.current.phase).toBe('idle');
    expect(t.controller.current.notice?.key).toBe('staff.call.recorded');
  });

  it('shows a refused end and stays in the call', async () => {
    const t = setup({
      'queue:accept': accepted,
      'call:end': () => {
        throw new RequestError({
          code: 'PAYLOAD_INVALID',
          message: 'errors.PAYLOAD_INVALID',
          fields: ['notes'],
        });
      },
    });
    await t.controller.accept({});
    await settle();
    expect(await t.controller.end('other', 'x')).toBe(false);
    expect(t.controller.current.error?.fields).toEqual(['notes']);
    expect(t.controller.current.phase).toBe('connected');
  });

  it('goes idle after a transfer, even when call:ended comes before the answer', async () => {
    let t: ReturnType<typeof setup> | undefined = undefined;
    t = setup({
      'queue:accept': accepted,
      'call:transfer': () => {
        t?.push('call:ended', { consultationId: 'c1', reason: 'transferred' });
        return {};
      },
    });
    await t.controller.accept({});
    await settle();
    expect(await t.controller.transfer({ topic: 'currency' })).toBe(true);
    expect(t.sent.at(-1)).toEqual(['call:transfer', { consultationId: 'c1', topic: 'currency' }]);
    expect(t.controller.current.phase).toBe('idle');
    expect(t.controller.current.notice?.key).toBe('staff.call.transferred');
    expect(t.sessions[0]?.closed).toBe(true);
  });
});

describe('calling back', () => {
  const ringing = () => ({ consultation: consultation('c9', { status: 'ringing' }) });

  it('rings, then joins the media when the TV answers', async () => {
    const t = setup({ 'callback:call': ringing });
    expect(await t.controller.callBack('e9')).toBeNull();
    expect(callStateHook(t.controller.current.phase)).toBe('ringing');
    t.push('call:answered', join('c9'));
    await settle();
    expect(t.controller.current.phase).toBe('connected');
  });

  it('goes back to idle with the reason when the TV declines', async () => {
    const t = setup({ 'callback:call': ringing });
    await t.controller.callBack('e9');
    await settle();
    t.push('call:ended', { consultationId: 'c9', reason: 'declined' });
    expect(t.controller.current.phase).toBe('idle');
    expect(t.controller.current.notice).toEqual({
      key: 'staff.call.ringEnded',
      params: { reason: 'declined' },
    });
    expect(t.streams[0]?.tracks[0]?.stop).toHaveBeenCalled();
  });

  it('takes an answer that arrived before the reply to callback:call', async () => {
    let t: ReturnType<typeof setup> | undefined = undefined;
    t = setup({
      'callback:call': () => {
        t?.push('call:answered', join('c9'));
        return ringing();
      },
    });
    await t.controller.callBack('e9');
    await settle();
    expect(t.controller.current.phase).toBe('connected');
  });
});

describe('the counter snapshot', () => {
  const snapshotWith = (consultations: ConsultationView[]) =>
    ({ consultations }) as unknown as CounterSnapshot;

  it('moves to the outcome form when the call ended unseen, and follows hold', async () => {
    const t = setup({ 'queue:accept': accepted });
    await t.controller.accept({});
    await settle();
    t.controller.reconcile(snapshotWith([consultation('c1', { status: 'onHold' })]));
    expect(t.controller.current.onHold).toBe(true);
    t.controller.reconcile(snapshotWith([]));
    expect(t.controller.current.phase).toBe('ended');
    expect(t.sessions[0]?.closed).toBe(true);
  });

  it('records the outcome of a consultation left open by a reload', async () => {
    const t = setup();
    const open = consultation('c5', { status: 'active' });
    t.controller.reconcile(snapshotWith([open]));
    t.controller.recordOutcome(open);
    expect(t.controller.current.phase).toBe('ended');
    expect(await t.controller.end('followUp', '')).toBe(true);
    expect(t.sent.at(-1)?.[0]).toBe('call:end');
  });

  it('joins a call back rung before a reload when the TV answers', async () => {
    const t = setup();
    t.controller.reconcile(snapshotWith([consultation('c7', { status: 'ringing' })]));
    t.push('call:answered', join('c7'));
    await settle();
    expect(t.controller.current.phase).toBe('connected');
    expect(t.controller.current.consultation?.consultationId).toBe('c7');
  });
});

describe('transfer targets', () => {
  it('reads one choice from the list', () => {
    expect(parseTransferTarget('topic:currency')).toEqual({ topic: 'currency' });
    expect(parseTransferTarget('staff:stf_a:b')).toEqual({ staffId: 'stf_a:b' });
    expect(parseTransferTarget('')).toBeNull();
    expect(parseTransferTarget('topic:')).toBeNull();
    expect(parseTransferTarget('x:y')).toBeNull();
  });
});
