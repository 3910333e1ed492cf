import type { CallJoinInfo, CallRole, MediaPush } from '@madoguchi/shared';
import { EventHub } from '../core/EventHub.js';
import type { Logger } from '../core/logger.js';
import { asJson } from './json.js';
import { CallRoom } from './CallRoom.js';
import type { MediaWorkerPool } from './MediaWorkerPool.js';

/** A media push for one side of a consultation; realtime delivers it to that side's sockets. */
export type CallRoomsEvents = {
  push: [consultationId: string, role: CallRole, push: MediaPush];
};

export interface CallRoomsOptions {
  pool: MediaWorkerPool;
  logger: Logger;
  /** Who is on the other side, as `role` should be told. */
  peerOf: (consultationId: string, role: CallRole) => CallJoinInfo['peer'];
}

/**
 * The rooms of live consultations. A room is made on first need (so a server restart or a
 * worker death needs nothing but a new room), one at a time per consultation, and rebuilt on
 * another worker when its worker dies: both sides are told to join again.
 */
export class CallRooms {
  private readonly rooms = new Map<string, CallRoom>();
  private readonly creating = new Map<string, Promise<CallRoom>>();
  private readonly generations = new Map<string, number>();
  private closed = false;
  /** Media pushes to deliver, one event per push name. */
  readonly events: EventHub<CallRoomsEvents>;

  constructor(private readonly options: CallRoomsOptions) {
    this.events = new EventHub(options.logger);
  }

  get size(): number {
    return this.rooms.size;
  }

  async ensure(consultationId: string): Promise<CallRoom> {
    const existing = this.rooms.get(consultationId);
    if (existing && !existing.isClosed) return existing;
    let pending = this.creating.get(consultationId);
    if (!pending) {
      pending = this.create(consultationId).finally(() => this.creating.delete(consultationId));
      this.creating.set(consultationId, pending);
    }
    return pending;
  }

  get(consultationId: string): CallRoom | undefined {
    const room = this.rooms.get(consultationId);
    return room && !room.isClosed ? room : undefined;
  }

  async joinInfo(consultationId: string, role: CallRole): Promise<CallJoinInfo> {
    const room = await this.ensure(consultationId);
    return {
      consultationId,
      generation: room.generation,
      routerRtpCapabilities: asJson(room.router.rtpCapabilities),
      peer: this.options.peerOf(consultationId, role),
    };
  }

  close(consultationId: string): void {
    const room = this.rooms.get(consultationId);
    this.rooms.delete(consultationId);
    this.generations.delete(consultationId);
    room?.close();
  }

  closeAll(): void {
    this.closed = true;
    for (const id of [...this.rooms.keys()]) this.close(id);
  }

  private async create(consultationId: string): Promise<CallRoom> {
    const worker = await this.options.pool.nextRunning();
    const generation = (this.generations.get(consultationId) ?? 0) + 1;
    const room = await CallRoom.create({
      consultationId,
      generation,
      worker,
      logger: this.options.logger,
      push: (role, push) => this.events.emit('push', consultationId, role, push),
    });
    this.generations.set(consultationId, generation);
    this.rooms.set(consultationId, room);
    room.onWorkerClosed(() => void this.rebuild(consultationId, room));
    this.options.logger.info({ consultationId, generation, pid: room.workerPid }, 'call room ready');
    return room;
  }

  /**
   * The worker died under a live call: a new router elsewhere, and both sides join again. If
   * the new worker dies too (or none runs yet), keep trying with backoff while the call lasts.
   */
  private async rebuild(consultationId: string, dead: CallRoom): Promise<void> {
    if (this.closed || this.rooms.get(consultationId) !== dead) return;
    this.rooms.delete(consultationId);
    this.options.logger.warn({ consultationId }, 'media worker died under a call; rebuilding its room');
    for (let attempt = 0; !this.closed && this.generations.has(consultationId); attempt += 1) {
      try {
        await this.ensure(consultationId);
        for (const role of ['citizen', 'officer'] as const) {
          const join = await this.joinInfo(consultationId, role);
          this.events.emit('push', consultationId, role, { event: 'media:rejoin', payload: join });
        }
        return;
      } catch (error) {
        this.options.logger.warn(
          { consultationId, err: error, attempt },
          'could not rebuild the call room yet',
        );
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 200 * 2 ** attempt)));
      }
    }
  }
}
