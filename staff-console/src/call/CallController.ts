import {
  isOpenConsultation,
  type AckError,
  type CallEndReason,
  type CallJoinInfo,
  type ConsultationView,
  type CounterSnapshot,
  type OutcomeCode,
} from '@madoguchi/shared';
import type { CallSessionEvents, CallSessionState, InboundVideoStats } from '@madoguchi/stb-bridge/call';
import { ackErrorOf } from '../errors';
import { toAckError, type StaffListener, type StaffReply, type StaffRequester } from '../staffRequest';
import { IDLE_CALL, isMediaPhase, type CallNotice, type CallView } from './callState';
import { stopLocalMedia, type LocalMedia } from './localMedia';

/** The part of stb-bridge's CallSession the console uses. */
export interface MediaSession {
  readonly state: CallSessionState;
  readonly remoteStream: MediaStream;
  on<K extends keyof CallSessionEvents>(
    event: K,
    listener: (...args: CallSessionEvents[K]) => void,
  ): () => void;
  setPaused(kind: 'audio' | 'video', paused: boolean): Promise<void>;
  isPaused(kind: 'audio' | 'video'): boolean;
  inboundVideoStats(): Promise<InboundVideoStats | null>;
  close(): void;
}

export interface CallControllerDeps {
  staffId: string;
  /** A request on the /staff socket; rejects with the server's error. */
  request: StaffRequester;
  /** Listens to a push on the /staff socket; returns the function that stops listening. */
  listen: StaffListener;
  startSession(join: CallJoinInfo, localStream: MediaStream | null): Promise<MediaSession>;
  openLocalMedia(): Promise<LocalMedia>;
  /** Milliseconds before a media connection that failed to start is tried again. */
  retryDelayMs?: number;
}

const AUTO_RETRIES = 3;

/**
 * This officer's one call at a time: accepting or ringing, the media through mediasoup, hold,
 * transfer and the end with an outcome. Pushes from the server and the counter snapshot keep it
 * honest; every late answer of an earlier call is dropped by its sequence number.
 */
export class CallController {
  private view: CallView = IDLE_CALL;
  private readonly subscribers = new Set<() => void>();
  private readonly offs: (() => void)[];
  private session: MediaSession | null = null;
  private sessionOffs: (() => void)[] = [];
  private opening: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  /** The call whose media is being started, so a retry never starts a second session. */
  private startingFor: number | null = null;
  /** Every call gets a number; an answer that arrives for an older one is ignored. */
  private seq = 0;
  /** The consultation was seen in a snapshot, so its absence from a later one means something. */
  private seenInSnapshot = false;
  private snapshot: CounterSnapshot | null = null;
  /** An answer to a call back that came before the server's reply to `callback:call`. */
  private earlyAnswer: CallJoinInfo | null = null;
  private disposed = false;

  constructor(private readonly deps: CallControllerDeps) {
    this.offs = [
      deps.listen('call:answered', (join) => this.onAnswered(join)),
      deps.listen('call:ended', (payload) => this.onEnded(payload.consultationId, payload.reason)),
      deps.listen('media:peerState', (state) => {
        if (state.consultationId !== this.view.consultation?.consultationId || state.role !== 'citizen')
          return;
        this.update({ peerMedia: { audio: state.audio, video: state.video } });
      }),
      deps.listen('media:rejoin', (join) => {
        // A running session rebuilds itself; one that failed to start retries with the new router.
        if (join.consultationId === this.view.consultation?.consultationId && !this.session) {
          this.update({ join });
          if (isMediaPhase(this.view.phase)) void this.connectMedia(this.seq);
        }
      }),
    ];
  }

  get current(): CallView {
    return this.view;
  }

  subscribe(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Accepts the longest-waiting citizen (in a topic when given) or a chosen entry. */
  async accept(target: { entryId?: string; topic?: string }): Promise<AckError | null> {
    if (this.view.phase !== 'idle') return ackErrorOf('OFFICER_BUSY');
    const seq = this.begin({ phase: 'accepting' });
    let answer: StaffReply<'queue:accept'>;
    try {
      answer = await this.deps.request('queue:accept', target);
    } catch (error) {
      if (seq === this.seq) this.reset(null);
      return toAckError(error);
    }
    if (seq !== this.seq) return null;
    this.update({
      phase: 'connecting',
      consultation: answer.consultation,
      join: answer.join,
      peerMedia: { audio: answer.join.peer.microphone, video: answer.join.peer.camera },
    });
    void this.connectMedia(seq);
    return null;
  }

  /** Rings a TV from the call-back list; the media starts when it answers. */
  async callBack(entryId: string): Promise<AckError | null> {
    if (this.view.phase !== 'idle') return ackErrorOf('OFFICER_BUSY');
    const seq = this.begin({ phase: 'accepting' });
    let answer: StaffReply<'callback:call'>;
    try {
      answer = await this.deps.request('callback:call', { entryId });
    } catch (error) {
      if (seq === this.seq) this.reset(null);
      return toAckError(error);
    }
    if (seq !== this.seq) return null;
    this.update({ phase: 'ringing', consultation: answer.consultation });
    // The camera warms up while the TV rings, so the citizen sees the officer at once.
    void this.openLocal(seq);
    const early = this.earlyAnswer;
    this.earlyAnswer = null;
    if (early?.consultationId === answer.consultation.consultationId) this.onAnswered(early);
    return null;
  }

  async toggleMute(): Promise<void> {
    this.update({ micMuted: !this.view.micMuted });
    await this.applyPaused();
  }

  async toggleCamera(): Promise<void> {
    this.update({ cameraOff: !this.view.cameraOff });
    await this.applyPaused();
  }

  async toggleHold(): Promise<void> {
    const consultation = this.view.consultation;
    if (!consultation || this.view.busy) return;
    const onHold = !this.view.onHold;
    const seq = this.seq;
    this.update({ busy: 'hold', error: null });
    try {
      await this.deps.request('call:hold', { consultationId: consultation.consultationId, onHold });
    } catch (error) {
      if (seq === this.seq) this.update({ busy: null, error: toAckError(error) });
      return;
    }
    if (seq === this.seq) this.update({ busy: null, onHold });
  }

  /** Hands the citizen to another topic's queue or to one officer; this officer's part ends. */
  async transfer(target: { topic: string } | { staffId: string }): Promise<boolean> {
    const consultation = this.view.consultation;
    if (!consultation || this.view.busy) return false;
    const seq = this.seq;
    this.update({ busy: 'transfer', error: null });
    try {
      await this.deps.request('call:transfer', { consultationId: consultation.consultationId, ...target });
    } catch (error) {
      if (seq === this.seq) this.update({ busy: null, error: toAckError(error) });
      return false;
    }
    if (seq === this.seq) this.reset({ key: 'staff.call.transferred' });
    return true;
  }

  /** Ends the call (or records the outcome of one that already ended). */
  async end(outcome: OutcomeCode, notes: string): Promise<boolean> {
    const consultation = this.view.consultation;
    if (!consultation || this.view.busy) return false;
    const seq = this.seq;
    this.update({ busy: 'end', error: null });
    try {
      await this.deps.request('call:end', { consultationId: consultation.consultationId, outcome, notes });
    } catch (error) {
      if (seq !== this.seq) return false;
      const ackError = toAckError(error);
      // Nothing left to record on the server: say so and let the officer go on.
      if (ackError.code === 'CALL_NOT_FOUND') {
        this.reset({ key: 'staff.call.alreadyClosed' });
        return true;
      }
      this.update({ busy: null, error: ackError });
      return false;
    }
    if (seq === this.seq) this.reset({ key: 'staff.call.recorded' });
    return true;
  }

  /** A consultation of this officer left open (the page was reloaded): record its outcome now. */
  recordOutcome(consultation: ConsultationView): void {
    if (this.view.phase !== 'idle') return;
    this.begin({ phase: 'ended', consultation });
    this.seenInSnapshot = true;
  }

  /** Tries the media again after it failed to connect. */
  retryMedia(): void {
    if (!isMediaPhase(this.view.phase) || this.session) return;
    this.retries = 0;
    void this.connectMedia(this.seq);
  }

  clearNotice(): void {
    if (this.view.notice) this.update({ notice: null });
  }

  /** Follows the counter: hold, the end of the call, or its disappearance after a lost connection. */
  reconcile(snapshot: CounterSnapshot): void {
    this.snapshot = snapshot;
    const current = this.view.consultation;
    if (!current || this.view.phase === 'idle' || this.view.phase === 'accepting') return;
    const found = snapshot.consultations.find((c) => c.consultationId === current.consultationId);
    const settling = this.view.busy === 'end' || this.view.busy === 'transfer';
    if (!found) {
      if (!this.seenInSnapshot || settling || this.view.phase === 'ended') return;
      // The call ended while this console was not listening.
      if (this.view.phase === 'ringing') this.reset({ key: 'staff.call.ringStopped' });
      else this.toEnded(null);
      return;
    }
    this.seenInSnapshot = true;
    const patch: Partial<CallView> = { consultation: found };
    const holdChanged = this.view.busy !== 'hold' && (found.status === 'onHold') !== this.view.onHold;
    if (holdChanged) patch.onHold = found.status === 'onHold';
    this.update(patch);
    if (!isOpenConsultation(found.status) && this.view.phase !== 'ended' && !settling) this.toEnded(null);
  }

  /** The numbers the getStats checks read. */
  stats(): Promise<InboundVideoStats | null> | null {
    return this.session?.inboundVideoStats() ?? null;
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    this.teardownMedia();
    this.subscribers.clear();
  }

  private onAnswered(join: CallJoinInfo): void {
    const { phase, consultation } = this.view;
    if (phase === 'accepting') {
      this.earlyAnswer = join;
      return;
    }
    if (phase === 'ringing' && consultation?.consultationId === join.consultationId) {
      this.update({
        phase: 'connecting',
        join,
        peerMedia: { audio: join.peer.microphone, video: join.peer.camera },
      });
      void this.connectMedia(this.seq);
      return;
    }
    // Rung before a reload: the snapshot says it is ours, and the TV has just answered.
    const ours = this.snapshot?.consultations.find(
      (c) => c.consultationId === join.consultationId && c.staffId === this.deps.staffId,
    );
    if (phase === 'idle' && ours) {
      const seq = this.begin({
        phase: 'connecting',
        consultation: ours,
        join,
        peerMedia: { audio: join.peer.microphone, video: join.peer.camera },
      });
      this.seenInSnapshot = true;
      void this.connectMedia(seq);
    }
  }

  private onEnded(consultationId: string, reason: CallEndReason): void {
    const { phase, consultation, busy } = this.view;
    if (consultation?.consultationId !== consultationId) return;
    if (phase === 'ended') {
      if (!this.view.endReason) this.update({ endReason: reason });
      return;
    }
    // The officer's own end or transfer is settling; its answer decides what comes next.
    if (busy === 'end' || busy === 'transfer') {
      this.teardownMedia();
      return;
    }
    if (phase === 'ringing') {
      // Unanswered goes back on the call-back list; declined (the red key) ends the request.
      const key = reason === 'unanswered' ? 'staff.call.ringUnanswered' : 'staff.call.ringEnded';
      this.reset({ key, params: { reason } });
      return;
    }
    this.toEnded(reason);
  }

  /** The call is over but the outcome is not recorded: the camera goes off, the form stays. */
  private toEnded(reason: CallEndReason | null): void {
    this.teardownMedia();
    this.update({
      phase: 'ended',
      endReason: reason,
      onHold: false,
      mediaError: null,
      localStream: null,
      remoteStream: null,
    });
  }

  private begin(patch: Partial<CallView>): number {
    this.teardownMedia();
    this.seq += 1;
    this.seenInSnapshot = false;
    this.retries = 0;
    this.earlyAnswer = null;
    this.view = { ...IDLE_CALL, ...patch };
    this.notify();
    return this.seq;
  }

  private reset(notice: CallNotice | null): void {
    this.begin({ notice });
  }

  private async openLocal(seq: number): Promise<void> {
    if (this.view.localMedia !== 'pending') return;
    this.opening ??= this.deps.openLocalMedia().then((media) => {
      const wanted = seq === this.seq && (isMediaPhase(this.view.phase) || this.view.phase === 'ringing');
      if (!wanted || this.disposed) {
        stopLocalMedia(media.stream);
        return;
      }
      this.update({ localStream: media.stream, localMedia: media.kind });
    });
    await this.opening;
  }

  private async connectMedia(seq: number): Promise<void> {
    if (this.startingFor === seq || this.session) return;
    this.startingFor = seq;
    try {
      await this.openLocal(seq);
      const join = this.view.join;
      if (seq !== this.seq || !isMediaPhase(this.view.phase) || !join) return;
      let session: MediaSession;
      try {
        session = await this.deps.startSession(join, this.view.localStream);
      } catch (error) {
        if (seq !== this.seq || !isMediaPhase(this.view.phase)) return;
        this.update({ mediaError: toAckError(error, 'MEDIA_FAILED') });
        this.scheduleRetry(seq);
        return;
      }
      if (seq !== this.seq || !isMediaPhase(this.view.phase) || this.disposed) {
        session.close();
        return;
      }
      this.attach(session);
    } finally {
      if (this.startingFor === seq) this.startingFor = null;
    }
    await this.applyPaused();
  }

  private attach(session: MediaSession): void {
    this.session = session;
    this.sessionOffs = [
      session.on('state', (state) => {
        if (state !== 'closed' && isMediaPhase(this.view.phase)) this.update({ phase: state });
      }),
      session.on('remoteTrack', () => this.update({ remoteRevision: this.view.remoteRevision + 1 })),
    ];
    this.update({
      phase: session.state === 'closed' ? 'connecting' : session.state,
      remoteStream: session.remoteStream,
      remoteRevision: this.view.remoteRevision + 1,
      mediaError: null,
    });
  }

  private scheduleRetry(seq: number): void {
    if (this.retries >= AUTO_RETRIES) return;
    this.retries += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (seq === this.seq && isMediaPhase(this.view.phase) && !this.session) void this.connectMedia(seq);
    }, this.deps.retryDelayMs ?? 3_000);
  }

  /** Sends what the officer chose. Hold is the server's: it pauses both sides' consumers. */
  private async applyPaused(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const wanted = { audio: this.view.micMuted, video: this.view.cameraOff };
    try {
      for (const kind of ['audio', 'video'] as const) {
        if (session.isPaused(kind) !== wanted[kind]) await session.setPaused(kind, wanted[kind]);
      }
    } catch (error) {
      if (session === this.session) this.update({ error: toAckError(error) });
    }
  }

  private teardownMedia(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    for (const off of this.sessionOffs.splice(0)) off();
    this.session?.close();
    this.session = null;
    this.opening = null;
    stopLocalMedia(this.view.localStream);
  }

  private update(patch: Partial<CallView>): void {
    if (this.disposed) return;
    this.view = { ...this.view, ...patch };
    this.notify();
  }

  private notify(): void {
    for (const subscriber of [...this.subscribers]) subscriber();
  }
}
