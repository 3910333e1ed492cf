import {
  TypedEmitter,
  type CallJoinInfo,
  type MediaPushName,
  type MediaPushes,
  type MediaRequests,
  type NewConsumer,
  type PayloadIn,
  type PeerMediaState,
  type PushOf,
  type ReplyOf,
  type TransportInfo,
} from '@madoguchi/shared';
import { Device, type types } from 'mediasoup-client';

/**
 * How a call session talks to window-server: the TV's device channel or the officer's socket.
 * `request` resolves with the ack's data and rejects with an AckError-shaped error.
 */
export interface CallSignalling {
  request<E extends keyof MediaRequests>(
    event: E,
    payload: PayloadIn<MediaRequests[E]>,
  ): Promise<ReplyOf<MediaRequests[E]>>;
  on<E extends MediaPushName>(event: E, listener: (payload: PushOf<MediaPushes[E]>) => void): () => void;
}

export type CallSessionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface CallSessionEvents {
  state: [state: CallSessionState];
  /** A remote track arrived (or came back after a rebuild); `remoteStream` holds it already. */
  remoteTrack: [track: MediaStreamTrack];
  peerState: [state: PeerMediaState];
}

export interface CallSessionOptions {
  signalling: CallSignalling;
  join: CallJoinInfo;
  /** What this side sends (camera and microphone); null or no tracks to only receive. */
  localStream: MediaStream | null;
  /** ICE restarts only after the transport stayed disconnected this long, in milliseconds. */
  disconnectedGraceMs?: number;
}

/** Inbound video as getStats() sees it: what the tests and the benchmark look at. */
export interface InboundVideoStats {
  framesDecoded: number;
  framesReceived: number;
  frameWidth: number | null;
  frameHeight: number | null;
}

/**
 * One side of a consultation's media through mediasoup: a send transport with this side's
 * tracks, a receive transport whose consumers arrive paused and are resumed once set up (the
 * first key frame then reaches a ready decoder), ICE restarts when the path fails, and a full
 * rejoin when the server rebuilt the consultation's router after a media worker died.
 */
export class CallSession extends TypedEmitter<CallSessionEvents> {
  /** Everything received from the other side; attach it to a <video>. */
  readonly remoteStream = new MediaStream();
  private join: CallJoinInfo;
  private device: Device | undefined;
  private sendTransport: types.Transport | undefined;
  private recvTransport: types.Transport | undefined;
  private readonly producers = new Map<'audio' | 'video', types.Producer>();
  private readonly consumers = new Map<string, types.Consumer>();
  /** Consumers pushed before the receive transport was ready. */
  private pending: NewConsumer[] = [];
  private readonly offs: (() => void)[] = [];
  private currentState: CallSessionState = 'connecting';
  private readonly disconnectedGraceMs: number;
  private readonly iceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private building: Promise<void> | undefined;

  static async start(options: CallSessionOptions): Promise<CallSession> {
    const session = new CallSession(options);
    try {
      await session.build();
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  private constructor(private readonly options: CallSessionOptions) {
    super();
    this.join = options.join;
    this.disconnectedGraceMs = options.disconnectedGraceMs ?? 2_000;
    const { signalling } = options;
    this.offs.push(
      signalling.on('media:consumer', (consumer) => {
        if (consumer.consultationId !== this.join.consultationId) return;
        if (!this.recvTransport) this.pending.push(consumer);
        else void this.consume(consumer);
      }),
      signalling.on('media:consumerClosed', (payload) => {
        if (payload.consultationId === this.join.consultationId) this.dropConsumer(payload.consumerId);
      }),
      signalling.on('media:rejoin', (join) => {
        if (join.consultationId === this.join.consultationId) void this.rejoin(join);
      }),
      signalling.on('media:peerState', (state) => {
        if (state.consultationId === this.join.consultationId) this.safeEmit('peerState', state);
      }),
    );
  }

  get state(): CallSessionState {
    return this.currentState;
  }

  get consultationId(): string {
    return this.join.consultationId;
  }

  get peer(): CallJoinInfo['peer'] {
    return this.join.peer;
  }

  /** Mute or unmute this side's microphone or camera (the other side is told). */
  async setPaused(kind: 'audio' | 'video', paused: boolean): Promise<void> {
    const producer = this.producers.get(kind);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    await this.options.signalling.request('media:pause', {
      consultationId: this.join.consultationId,
      producerId: producer.id,
      paused,
    });
  }

  isPaused(kind: 'audio' | 'video'): boolean {
    return this.producers.get(kind)?.paused ?? true;
  }

  async inboundVideoStats(): Promise<InboundVideoStats | null> {
    const consumer = [...this.consumers.values()].find((c) => c.kind === 'video');
    if (!consumer) return null;
    const report = await consumer.getStats();
    let found: InboundVideoStats | null = null;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'inbound-rtp') return;
      found = {
        framesDecoded: Number(stat.framesDecoded ?? 0),
        framesReceived: Number(stat.framesReceived ?? 0),
        frameWidth: typeof stat.frameWidth === 'number' ? stat.frameWidth : null,
        frameHeight: typeof stat.frameHeight === 'number' ? stat.frameHeight : null,
      };
    });
    return found;
  }

  /** Leaves the media; local tracks stay with their owner (the app stops the camera). */
  close(): void {
    if (this.currentState === 'closed') return;
    for (const off of this.offs.splice(0)) off();
    this.teardown();
    for (const track of this.remoteStream.getTracks()) this.remoteStream.removeTrack(track);
    this.setState('closed');
    this.removeAllListeners();
  }

  private async build(): Promise<void> {
    const device = new Device();
    await device.load({
      routerRtpCapabilities: fromJson<types.RtpCapabilities>(this.join.routerRtpCapabilities),
    });
    this.device = device;
    const tracks = this.localTracks(device);
    const result = await this.options.signalling.request('media:join', {
      consultationId: this.join.consultationId,
      generation: this.join.generation,
      rtpCapabilities: device.rtpCapabilities,
      sending: { audio: tracks.audio !== undefined, video: tracks.video !== undefined },
    });
    this.recvTransport = this.transport(device.createRecvTransport(transportOptions(result.recv)));
    if (result.send) {
      const send = this.transport(device.createSendTransport(transportOptions(result.send)));
      this.sendTransport = send;
      send.on('produce', ({ kind, rtpParameters }, callback, errback) => {
        this.options.signalling
          .request('media:produce', {
            consultationId: this.join.consultationId,
            transportId: send.id,
            kind,
            rtpParameters,
          })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
      for (const kind of ['audio', 'video'] as const) {
        const track = tracks[kind];
        if (!track) continue;
        // The app owns the camera; a rejoin sends the same tracks again.
        const producer = await send.produce({ track, stopTracks: false });
        this.producers.set(kind, producer);
      }
    }
    // Consumers pushed before the receive transport existed; more may arrive while these start.
    while (this.pending.length > 0) {
      const queued = this.pending;
      this.pending = [];
      await Promise.all(queued.map((consumer) => this.consume(consumer)));
    }
    this.setState('connected');
  }

  private localTracks(device: Device): { audio?: MediaStreamTrack; video?: MediaStreamTrack } {
    const stream = this.options.localStream;
    const audio = stream?.getAudioTracks()[0];
    const video = stream?.getVideoTracks()[0];
    return {
      ...(audio && device.canProduce('audio') ? { audio } : {}),
      ...(video && device.canProduce('video') ? { video } : {}),
    };
  }

  private transport(transport: types.Transport): types.Transport {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.options.signalling
        .request('media:connect', {
          consultationId: this.join.consultationId,
          transportId: transport.id,
          dtlsParameters,
        })
        .then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => this.onConnectionState(transport, state));
    return transport;
  }

  private onConnectionState(transport: types.Transport, state: string): void {
    const pendingRestart = this.iceTimers.get(transport.id);
    if (state === 'connected' || state === 'completed') {
      if (pendingRestart) clearTimeout(pendingRestart);
      this.iceTimers.delete(transport.id);
      if (this.currentState === 'reconnecting' && !this.building) this.setState('connected');
      return;
    }
    if (state === 'failed') return void this.restartIce(transport);
    if (state === 'disconnected' && !pendingRestart) {
      // A short blip often heals itself; restart ICE only if it does not.
      this.iceTimers.set(
        transport.id,
        setTimeout(() => {
          this.iceTimers.delete(transport.id);
          if (transport.connectionState === 'disconnected') void this.restartIce(transport);
        }, this.disconnectedGraceMs),
      );
    }
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    if (transport.closed || this.currentState === 'closed') return;
    this.setState('reconnecting');
    try {
      const { iceParameters } = await this.options.signalling.request('media:restartIce', {
        consultationId: this.join.consultationId,
        transportId: transport.id,
      });
      if (!transport.closed) await transport.restartIce({ iceParameters: fromJson(iceParameters) });
    } catch {
      // The server may be rebuilding the call; a media:rejoin follows in that case.
    }
  }

  private async consume(consumer: NewConsumer): Promise<void> {
    const transport = this.recvTransport;
    if (!transport || transport.closed) return;
    const created = await transport.consume({
      id: consumer.consumerId,
      producerId: consumer.producerId,
      kind: consumer.kind,
      rtpParameters: fromJson(consumer.rtpParameters),
    });
    this.consumers.set(created.id, created);
    for (const track of this.remoteStream.getTracks().filter((t) => t.kind === created.kind)) {
      this.remoteStream.removeTrack(track);
    }
    this.remoteStream.addTrack(created.track);
    this.safeEmit('remoteTrack', created.track);
    await this.options.signalling.request('media:resume', {
      consultationId: this.join.consultationId,
      consumerId: created.id,
    });
  }

  private dropConsumer(consumerId: string): void {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) return;
    this.consumers.delete(consumerId);
    this.remoteStream.removeTrack(consumer.track);
    consumer.close();
  }

  /** The server rebuilt the router on another worker: start over with the same local tracks. */
  private async rejoin(join: CallJoinInfo): Promise<void> {
    if (this.currentState === 'closed' || join.generation <= this.join.generation) return;
    this.join = join;
    this.setState('reconnecting');
    const previous = this.building ?? Promise.resolve();
    const attempt = previous.then(async () => {
      this.teardown();
      await this.build();
    });
    this.building = attempt;
    try {
      await attempt;
    } catch {
      // A newer rejoin or the end of the call follows; nothing to do here.
    } finally {
      if (this.building === attempt) this.building = undefined;
      if (this.state !== 'closed' && !this.building && this.recvTransport) this.setState('connected');
    }
  }

  private teardown(): void {
    for (const timer of this.iceTimers.values()) clearTimeout(timer);
    this.iceTimers.clear();
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = undefined;
    this.recvTransport = undefined;
    this.device = undefined;
  }

  private setState(state: CallSessionState): void {
    if (this.currentState === state || this.currentState === 'closed') return;
    this.currentState = state;
    this.safeEmit('state', state);
  }
}

function transportOptions(info: TransportInfo): types.TransportOptions {
  return {
    id: info.id,
    iceParameters: fromJson(info.iceParameters),
    iceCandidates: info.iceCandidates.map((candidate) => fromJson<types.IceCandidate>(candidate)),
    dtlsParameters: fromJson(info.dtlsParameters),
  };
}

/** One of mediasoup's parameter objects as the contract carries it: JSON (shared knows no mediasoup). */
type Json = Record<string, unknown>;

function fromJson<T extends Json>(json: Json): T {
  // The server's mediasoup made (or checked) it; mediasoup-client's types cannot be inferred from JSON.
  return json as T;
}
