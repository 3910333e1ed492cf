import type { CallRole, MediaJoinResult, MediaPush, PeerMediaState, TransportInfo } from '@madoguchi/shared';
import type { types as ms } from 'mediasoup';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';
import { asJson } from './json.js';
import type { MediaWorker } from './MediaWorkerPool.js';

/** VP8 first (every browser decodes it), H.264 for boxes that only have a hardware H.264 decoder. */
export const MEDIA_CODECS: ms.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 800 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/** Delivers a media push to one side of this room's consultation. */
export type RoomPush = (role: CallRole, push: MediaPush) => void;

interface Peer {
  rtpCapabilities: ms.RtpCapabilities;
  send: ms.WebRtcTransport | undefined;
  recv: ms.WebRtcTransport;
  producers: Map<'audio' | 'video', ms.Producer>;
  consumers: Map<string, ms.Consumer>;
  /** Consumers the client has set up (it asked to resume them). */
  ready: Set<string>;
}

const other = (role: CallRole): CallRole => (role === 'citizen' ? 'officer' : 'citizen');

/**
 * One consultation's media: its own router on one worker, and for each side a send transport
 * (its camera and microphone) and a receive transport. Consumers are created paused and resumed
 * when the client says it is ready, so the first key frame reaches a decoder that exists.
 */
export class CallRoom {
  private readonly peers = new Map<CallRole, Peer>();
  private onHold = false;
  private closed = false;

  static async create(options: {
    consultationId: string;
    generation: number;
    worker: MediaWorker;
    push: RoomPush;
    logger: Logger;
  }): Promise<CallRoom> {
    const router = await options.worker.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    return new CallRoom(
      options.consultationId,
      options.generation,
      router,
      options.worker,
      options.push,
      options.logger,
    );
  }

  private constructor(
    readonly consultationId: string,
    readonly generation: number,
    readonly router: ms.Router,
    private readonly worker: MediaWorker,
    private readonly push: RoomPush,
    private readonly logger: Logger,
  ) {}

  get isClosed(): boolean {
    return this.closed || this.router.closed;
  }

  /** Called when the worker under this room died (the router closed with it). */
  onWorkerClosed(listener: () => void): void {
    this.router.observer.once('close', () => {
      if (!this.closed) listener();
    });
  }

  get workerPid(): number {
    return this.worker.worker.pid;
  }

  async join(
    role: CallRole,
    rtpCapabilities: ms.RtpCapabilities,
    sending: { audio: boolean; video: boolean },
  ): Promise<MediaJoinResult> {
    this.requireOpen();
    // Joining again (a reload, a rebuilt client) replaces everything this side had.
    this.leave(role);
    const recv = await this.transport();
    const send = sending.audio || sending.video ? await this.transport() : undefined;
    const peer: Peer = {
      rtpCapabilities,
      send,
      recv,
      producers: new Map(),
      consumers: new Map(),
      ready: new Set(),
    };
    this.peers.set(role, peer);
    const counterpart = this.peers.get(other(role));
    for (const producer of counterpart?.producers.values() ?? []) await this.consume(role, producer);
    this.pushPeerState(role);
    return { send: send ? transportInfo(send) : null, recv: transportInfo(recv) };
  }

  async connect(role: CallRole, transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    await this.transportOf(role, transportId).connect({ dtlsParameters });
  }

  async produce(
    role: CallRole,
    transportId: string,
    kind: 'audio' | 'video',
    rtpParameters: ms.RtpParameters,
  ): Promise<string> {
    const peer = this.peerOf(role);
    if (!peer.send || peer.send.id !== transportId) throw new AppError('NOT_FOUND');
    peer.producers.get(kind)?.close();
    const producer = await peer.send.produce({ kind, rtpParameters });
    peer.producers.set(kind, producer);
    producer.observer.once('close', () => {
      if (peer.producers.get(kind) === producer) peer.producers.delete(kind);
    });
    if (this.peers.has(other(role))) await this.consume(other(role), producer);
    this.pushPeerState(role);
    return producer.id;
  }

  async resume(role: CallRole, consumerId: string): Promise<void> {
    const peer = this.peerOf(role);
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new AppError('NOT_FOUND');
    peer.ready.add(consumerId);
    if (!this.onHold) await consumer.resume();
  }

  async restartIce(role: CallRole, transportId: string): Promise<ms.IceParameters> {
    return this.transportOf(role, transportId).restartIce();
  }

  async pause(role: CallRole, producerId: string, paused: boolean): Promise<void> {
    const producer = [...this.peerOf(role).producers.values()].find((p) => p.id === producerId);
    if (!producer) throw new AppError('NOT_FOUND');
    if (paused) await producer.pause();
    else await producer.resume();
    this.pushPeerState(role);
  }

  /** On hold neither side sees or hears the other. */
  async setHold(onHold: boolean): Promise<void> {
    this.onHold = onHold;
    for (const peer of this.peers.values()) {
      for (const [id, consumer] of peer.consumers) {
        if (onHold) await consumer.pause();
        else if (peer.ready.has(id)) await consumer.resume();
      }
    }
  }

  /** What one side currently sends. */
  mediaState(role: CallRole): PeerMediaState {
    const peer = this.peers.get(role);
    const live = (kind: 'audio' | 'video'): boolean => {
      const producer = peer?.producers.get(kind);
      return producer !== undefined && !producer.paused;
    };
    return { consultationId: this.consultationId, role, audio: live('audio'), video: live('video') };
  }

  /** Everything sent into this room now (both sides), e.g. to pipe it elsewhere. */
  producers(): ms.Producer[] {
    return [...this.peers.values()].flatMap((peer) => [...peer.producers.values()]);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.router.close();
  }

  private async transport(): Promise<ms.WebRtcTransport> {
    return this.router.createWebRtcTransport({
      webRtcServer: this.worker.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 800_000,
    });
  }

  private async consume(role: CallRole, producer: ms.Producer): Promise<void> {
    const peer = this.peers.get(role);
    if (!peer || !this.router.canConsume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities }))
      return;
    const consumer = await peer.recv.consume({
      producerId: producer.id,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
    });
    peer.consumers.set(consumer.id, consumer);
    const forget = (): void => {
      peer.consumers.delete(consumer.id);
      peer.ready.delete(consumer.id);
    };
    consumer.on('transportclose', forget);
    consumer.on('producerclose', () => {
      forget();
      this.push(role, {
        event: 'media:consumerClosed',
        payload: { consultationId: this.consultationId, consumerId: consumer.id },
      });
    });
    this.push(role, {
      event: 'media:consumer',
      payload: {
        consultationId: this.consultationId,
        consumerId: consumer.id,
        producerId: producer.id,
        kind: consumer.kind,
        rtpParameters: asJson(consumer.rtpParameters),
      },
    });
  }

  private pushPeerState(role: CallRole): void {
    if (this.peers.has(other(role)))
      this.push(other(role), { event: 'media:peerState', payload: this.mediaState(role) });
  }

  private leave(role: CallRole): void {
    const peer = this.peers.get(role);
    if (!peer) return;
    this.peers.delete(role);
    peer.send?.close();
    peer.recv.close();
    this.logger.debug({ consultationId: this.consultationId, role }, 'media peer replaced');
  }

  private peerOf(role: CallRole): Peer {
    this.requireOpen();
    const peer = this.peers.get(role);
    if (!peer) throw new AppError('CALL_STATE');
    return peer;
  }

  private transportOf(role: CallRole, transportId: string): ms.WebRtcTransport {
    const peer = this.peerOf(role);
    const transport = [peer.send, peer.recv].find((t) => t?.id === transportId);
    if (!transport) throw new AppError('NOT_FOUND');
    return transport;
  }

  private requireOpen(): void {
    if (this.isClosed) throw new AppError('STALE_MEDIA');
  }
}

function transportInfo(transport: ms.WebRtcTransport): TransportInfo {
  return {
    id: transport.id,
    iceParameters: asJson(transport.iceParameters),
    iceCandidates: transport.iceCandidates.map(asJson),
    dtlsParameters: asJson(transport.dtlsParameters),
  };
}
