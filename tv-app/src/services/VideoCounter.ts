import type {
  CallbackSlot,
  CallEndReason,
  CallJoinInfo,
  CounterInfo,
  MyCall,
  MyCounterState,
  MyQueueEntry,
  SurveySubmit,
} from '@madoguchi/shared';
import { DeviceRequestError, TypedEmitter, type DeviceChannel } from '@madoguchi/stb-bridge';
import type { CallSessionState, CallSignalling, InboundVideoStats } from '@madoguchi/stb-bridge/call';
import { surveyPayload, type CallStatus, type InfoState, type SurveyAnswer } from './counterModel';

/** The part of the device channel the counter uses (a fake in tests). */
export type CounterChannel = Pick<DeviceChannel, 'state' | 'on' | 'send' | 'onServer'>;

/** A call's media on this TV: camera, microphone and the mediasoup session (see CallMedia). */
export interface CallMediaHandle {
  readonly consultationId: string;
  readonly generation: number;
  /** What this TV sends; false/false until the camera and microphone are open. */
  readonly sending: { audio: boolean; video: boolean };
  /** The camera and microphone were asked for (so `sending` is what the TV really sends). */
  readonly localReady: boolean;
  readonly sessionState: CallSessionState | null;
  /** The media could not be started; `retry()` tries again. */
  readonly failed: boolean;
  /** The officer sends video now (their camera is on and the call is not on hold). */
  readonly peerVideo: boolean;
  readonly remoteStream: MediaStream | null;
  readonly localStream: MediaStream | null;
  on(event: 'changed', listener: () => void): () => void;
  /** A newer join (the server rebuilt the router) that the session did not hear about. */
  update(join: CallJoinInfo): void;
  retry(): void;
  stats(): Promise<InboundVideoStats | null>;
  /** Leaves the media and stops the camera and microphone. */
  close(): void;
}

export type StartMedia = (join: CallJoinInfo, signalling: CallSignalling) => CallMediaHandle;

export interface CounterCall {
  consultationId: string;
  topic: string;
  officerName: string;
  status: CallStatus;
  join: CallJoinInfo | null;
  endReason: CallEndReason | null;
}

export type CounterChange =
  | { kind: 'info' }
  | { kind: 'entry'; previous: MyQueueEntry | null; entry: MyQueueEntry | null }
  | { kind: 'ringing'; call: CounterCall }
  /** Answered or accepted: the call screen should be on. */
  | { kind: 'callStarted'; call: CounterCall }
  /** Hold, media state, camera of the officer. */
  | { kind: 'call' }
  /** `wasLive`: the call had been answered (not a ring that stopped). */
  | { kind: 'ended'; consultationId: string; reason: CallEndReason; survey: boolean; wasLive: boolean }
  | { kind: 'survey' }
  /** A full re-sync with the server finished (`first` at app start). */
  | { kind: 'synced'; first: boolean };

/**
 * Media that stays 'reconnecting' this long is not healing by itself (a rebuild that failed, a
 * lost media:rejoin): ask the server for the call again, and join again if nothing newer came.
 */
export const STUCK_RECONNECTING_MS = 15_000;

export interface VideoCounterEvents {
  changed: [change: CounterChange];
}

/**
 * The TV's side of the video counter: its place in line, a ringing or live call with its
 * media, and the survey owed after a call. Server pushes keep it current; after every
 * (re)connection it asks the server for the whole picture (`counter:mine`), so a lost push or
 * a server restart never leaves the screen showing something that is no longer true.
 */
export class VideoCounter extends TypedEmitter<VideoCounterEvents> {
  private currentInfo: CounterInfo | null = null;
  private currentInfoState: InfoState = 'idle';
  private currentEntry: MyQueueEntry | null = null;
  private currentCall: CounterCall | null = null;
  private currentSurveyFor: string | null = null;
  private currentMedia: CallMediaHandle | null = null;
  private mediaOff: (() => void) | undefined;
  /** Media of the current call flowed at least once (then a blip is 'reconnecting', not 'connecting'). */
  private mediaConnected = false;
  private stuckTimer: ReturnType<typeof setTimeout> | undefined;
  /** A survey answered while offline, sent at the next connection. */
  private unsentSurvey: SurveySubmit | null = null;
  private syncing: Promise<void> | undefined;
  private synced = false;
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly channel: CounterChannel,
    private readonly startMedia: StartMedia,
  ) {
    super();
  }

  /** Listen to the server; syncs at once when online, and after every reconnection. */
  start(): void {
    const { channel } = this;
    this.offs.push(
      channel.on('state', (state) => {
        if (state === 'online') void this.sync();
        if (state === 'revoked') this.forget();
      }),
      channel.onServer('queue:updated', (entry) => this.setEntry(entry)),
      channel.onServer('call:ringing', (call) => this.onRinging(call)),
      channel.onServer('call:started', (join) => this.onStarted(join)),
      channel.onServer('call:held', ({ consultationId, onHold }) => this.onHeld(consultationId, onHold)),
      channel.onServer('call:ended', ({ consultationId, reason, survey }) =>
        this.onEnded(consultationId, reason, survey),
      ),
    );
    if (channel.state === 'online') void this.sync();
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    this.closeMedia();
  }

  get info(): CounterInfo | null {
    return this.currentInfo;
  }

  get infoState(): InfoState {
    return this.currentInfoState;
  }

  get entry(): MyQueueEntry | null {
    return this.currentEntry;
  }

  get call(): CounterCall | null {
    return this.currentCall;
  }

  get surveyFor(): string | null {
    return this.currentSurveyFor;
  }

  get media(): CallMediaHandle | null {
    return this.currentMedia;
  }

  /** Topics, opening and call-back times; asked again each time the counter screen opens. */
  async loadInfo(): Promise<void> {
    if (this.currentInfoState === 'loading') return;
    // Keep showing what is known while asking again.
    if (!this.currentInfo) this.currentInfoState = 'loading';
    this.emitChange({ kind: 'info' });
    try {
      this.currentInfo = await this.request('counter:info', {});
      this.currentInfoState = 'loaded';
    } catch {
      this.currentInfoState = this.currentInfo ? 'loaded' : 'failed';
    }
    this.emitChange({ kind: 'info' });
  }

  async join(topic: string): Promise<MyQueueEntry> {
    const entry = await this.request('queue:join', { topic });
    this.setEntry(entry);
    return entry;
  }

  /** Leave the line, or cancel a booked call back. */
  async cancel(): Promise<void> {
    try {
      await this.request('queue:cancel', {});
    } catch (error) {
      // Already gone (served, expired): the screen should say so, not fail.
      if (!(error instanceof DeviceRequestError && error.code === 'NOT_QUEUED')) throw error;
    }
    this.setEntry(null);
  }

  /**
   * Book a call back. A citizen already in line gives up the place only when the server does
   * not switch the entry itself (ALREADY_QUEUED).
   */
  async requestCallback(topic: string, slot: Pick<CallbackSlot, 'date' | 'period'>): Promise<MyQueueEntry> {
    const payload = { topic, date: slot.date, period: slot.period };
    let entry: MyQueueEntry;
    try {
      entry = await this.request('callback:request', payload);
    } catch (error) {
      if (!(error instanceof DeviceRequestError && error.code === 'ALREADY_QUEUED')) throw error;
      await this.cancel();
      entry = await this.request('callback:request', payload);
    }
    this.setEntry(entry);
    return entry;
  }

  async answer(): Promise<void> {
    const call = this.currentCall;
    if (!call || call.status !== 'ringing') return;
    const join = await this.request('call:answer', { consultationId: call.consultationId });
    this.onStarted(join);
  }

  async decline(): Promise<void> {
    const call = this.currentCall;
    if (!call || call.status !== 'ringing') return;
    await this.request('call:decline', { consultationId: call.consultationId });
    // The server confirms with call:ended; hide the ringing at once all the same.
    if (this.currentCall?.consultationId === call.consultationId && this.currentCall.status === 'ringing') {
      this.onEnded(call.consultationId, 'declined', false);
    }
  }

  /** Red + OK in a call; the server answers with `call:ended` to both sides. */
  async end(): Promise<void> {
    const call = this.currentCall;
    if (!call || call.status === 'ended' || call.status === 'ringing') return;
    await this.request('call:end', { consultationId: call.consultationId });
  }

  /** Answers 1–5 or null per question; all null skips the survey. Kept and resent if offline. */
  async submitSurvey(answers: readonly (SurveyAnswer | null)[]): Promise<void> {
    const consultationId = this.currentSurveyFor;
    if (!consultationId) return;
    this.currentSurveyFor = null;
    this.emitChange({ kind: 'survey' });
    const payload = surveyPayload(consultationId, answers);
    try {
      await this.request('survey:submit', payload);
    } catch (error) {
      if (error instanceof DeviceRequestError && error.code === 'SERVER_UNREACHABLE')
        this.unsentSurvey = payload;
    }
  }

  async stats(): Promise<InboundVideoStats | null> {
    return (await this.currentMedia?.stats()) ?? null;
  }

  retryMedia(): void {
    this.currentMedia?.retry();
  }

  /** The whole picture from the server: after start-up and after every reconnection. */
  sync(): Promise<void> {
    this.syncing ??= this.syncOnce().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    if (this.unsentSurvey) {
      const payload = this.unsentSurvey;
      try {
        await this.request('survey:submit', payload);
        this.unsentSurvey = null;
      } catch (error) {
        // Refused for good (already answered, unknown call): nothing left to send.
        if (!(error instanceof DeviceRequestError && error.code === 'SERVER_UNREACHABLE')) {
          this.unsentSurvey = null;
        }
      }
    }
    let mine: MyCounterState;
    try {
      mine = await this.request('counter:mine', {});
    } catch {
      // Offline again or the server is busy: the next connection asks again.
      return;
    }
    const first = !this.synced;
    this.synced = true;
    this.setEntry(mine.entry);
    this.applyCall(mine.call, mine.surveyFor);
    const survey = mine.surveyFor === this.unsentSurvey?.consultationId ? null : mine.surveyFor;
    if (survey !== this.currentSurveyFor) {
      this.currentSurveyFor = survey;
      this.emitChange({ kind: 'survey' });
    }
    this.emitChange({ kind: 'synced', first });
  }

  private applyCall(call: MyCall | null, surveyFor: string | null): void {
    const current = this.currentCall;
    if (!call) {
      // The call ended while this TV was away.
      if (current && current.status !== 'ended') {
        const reason: CallEndReason = current.status === 'ringing' ? 'unanswered' : 'disconnected';
        this.onEnded(current.consultationId, reason, surveyFor === current.consultationId);
      }
      return;
    }
    if (call.status === 'ringing') {
      if (current?.consultationId !== call.consultationId || current.status !== 'ringing')
        this.onRinging(call);
      return;
    }
    if (!call.join) return;
    if (current?.consultationId === call.consultationId && this.currentMedia) {
      this.currentMedia.update(call.join);
      this.setCall({
        ...current,
        join: call.join,
        status: call.status === 'onHold' ? 'onHold' : this.liveStatus(current.status),
      });
      return;
    }
    this.beginCall(call.join, {
      topic: call.topic,
      officerName: call.officerName,
      onHold: call.status === 'onHold',
    });
  }

  // Pushes -----------------------------------------------------------------------------------

  private setEntry(entry: MyQueueEntry | null): void {
    const previous = this.currentEntry;
    this.currentEntry = entry;
    if (JSON.stringify(previous) === JSON.stringify(entry)) return;
    this.emitChange({ kind: 'entry', previous, entry });
  }

  private onRinging(call: MyCall): void {
    const current = this.currentCall;
    // A call already live here is never replaced by a ring.
    if (
      current &&
      (current.status === 'active' || current.status === 'connecting' || current.status === 'onHold')
    ) {
      return;
    }
    const ringing: CounterCall = {
      consultationId: call.consultationId,
      topic: call.topic,
      officerName: call.officerName,
      status: 'ringing',
      join: null,
      endReason: null,
    };
    this.currentCall = ringing;
    this.emitChange({ kind: 'ringing', call: ringing });
  }

  private onStarted(join: CallJoinInfo): void {
    const current = this.currentCall;
    if (current?.consultationId === join.consultationId && this.currentMedia) {
      // The same call again (answer's ack and a push): only a newer router matters.
      this.currentMedia.update(join);
      return;
    }
    const known = current?.consultationId === join.consultationId ? current : null;
    this.beginCall(join, {
      topic: known?.topic ?? this.currentEntry?.topic ?? '',
      officerName: join.peer.displayName || known?.officerName || '',
      onHold: false,
    });
  }

  private beginCall(
    join: CallJoinInfo,
    about: { topic: string; officerName: string; onHold: boolean },
  ): void {
    this.closeMedia();
    this.mediaConnected = false;
    const media = this.startMedia(join, this.signalling());
    this.currentMedia = media;
    this.mediaOff = media.on('changed', () => this.onMediaChanged());
    const call: CounterCall = {
      consultationId: join.consultationId,
      topic: about.topic,
      officerName: about.officerName,
      status: about.onHold ? 'onHold' : this.liveStatus(null),
      join,
      endReason: null,
    };
    this.currentCall = call;
    this.emitChange({ kind: 'callStarted', call });
  }

  private onHeld(consultationId: string, onHold: boolean): void {
    const call = this.currentCall;
    if (!call || call.consultationId !== consultationId || call.status === 'ended') return;
    this.setCall({ ...call, status: onHold ? 'onHold' : this.liveStatus(call.status) });
  }

  private onEnded(consultationId: string, reason: CallEndReason, survey: boolean): void {
    const current = this.currentCall;
    // Another call is ringing or live here: this end is about an older one.
    if (current && current.status !== 'ended' && current.consultationId !== consultationId) return;
    const call = current?.consultationId === consultationId ? current : null;
    const wasLive = call !== null && call.status !== 'ringing' && call.status !== 'ended';
    if (call?.status === 'ended') return;
    this.closeMedia();
    if (call) this.currentCall = { ...call, status: 'ended', endReason: reason };
    if (survey) this.currentSurveyFor = consultationId;
    this.emitChange({ kind: 'ended', consultationId, reason, survey, wasLive });
  }

  private onMediaChanged(): void {
    if (this.currentMedia?.sessionState === 'connected') this.mediaConnected = true;
    this.watchReconnecting();
    const call = this.currentCall;
    if (!call || (call.status !== 'connecting' && call.status !== 'active')) {
      this.emitChange({ kind: 'call' });
      return;
    }
    this.setCall({ ...call, status: this.liveStatus(call.status) });
  }

  /** Connecting until media flowed once; a later reconnection is shown by the session state. */
  private liveStatus(previous: CallStatus | null): CallStatus {
    if (previous === 'active' || this.mediaConnected) return 'active';
    return this.currentMedia?.sessionState === 'connected' ? 'active' : 'connecting';
  }

  private setCall(call: CounterCall): void {
    this.currentCall = call;
    this.emitChange({ kind: 'call' });
  }

  private watchReconnecting(): void {
    const media = this.currentMedia;
    if (media?.sessionState !== 'reconnecting') {
      this.clearStuckTimer();
      return;
    }
    if (this.stuckTimer !== undefined) return;
    this.stuckTimer = setTimeout(() => {
      this.stuckTimer = undefined;
      if (this.currentMedia !== media || media.sessionState !== 'reconnecting') return;
      const generation = media.generation;
      void this.sync().then(() => {
        if (
          this.currentMedia === media &&
          media.sessionState === 'reconnecting' &&
          media.generation === generation
        ) {
          media.retry();
        }
      });
    }, STUCK_RECONNECTING_MS);
  }

  private clearStuckTimer(): void {
    if (this.stuckTimer !== undefined) clearTimeout(this.stuckTimer);
    this.stuckTimer = undefined;
  }

  private closeMedia(): void {
    this.clearStuckTimer();
    this.mediaOff?.();
    this.mediaOff = undefined;
    this.currentMedia?.close();
    this.currentMedia = null;
  }

  private forget(): void {
    this.closeMedia();
    this.currentEntry = null;
    this.currentCall = null;
    this.currentSurveyFor = null;
    this.unsentSurvey = null;
    this.synced = false;
    this.emitChange({ kind: 'synced', first: true });
  }

  // Requests ---------------------------------------------------------------------------------

  /** Any request; the channel throws at once while offline, so that becomes a rejection. */
  private readonly request: CounterChannel['send'] = (event, payload) =>
    Promise.resolve().then(() => this.channel.send(event, payload));

  private signalling(): CallSignalling {
    // CallSession (stb-bridge/call) names media events as strings; the channel's send is typed per event.
    const channel = this.channel as unknown as {
      send(event: string, payload: unknown): Promise<unknown>;
      onServer(event: string, listener: (payload: never) => void): () => void;
    };
    return {
      request: <T>(event: string, payload: unknown) =>
        Promise.resolve().then(() => channel.send(event, payload)) as Promise<T>,
      on: (event, listener) => channel.onServer(event, listener),
    };
  }

  private emitChange(change: CounterChange): void {
    this.safeEmit('changed', change);
  }
}
