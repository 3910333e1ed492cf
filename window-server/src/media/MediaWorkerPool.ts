import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { EventHub } from '../core/EventHub.js';
import type { Logger } from '../core/logger.js';

/** A running worker and the WebRtcServer that carries all its calls' media on one port. */
export interface MediaWorker {
  slot: number;
  worker: ms.Worker;
  webRtcServer: ms.WebRtcServer;
}

export interface MediaWorkerPoolOptions {
  /** How many workers to keep running (one per core by default). */
  size: number;
  /**
   * Where WebRTC media arrives: worker n listens on `port + n` (UDP and TCP), so a firewall
   * opens one small range; 0 picks free ports (tests). `announcedAddress` is what clients are
   * told to send to, when the server sits behind NAT.
   */
  webRtc: { listenIp: string; announcedAddress?: string; port: number };
  logLevel: ms.WorkerLogLevel;
  logger: Logger;
  /** First restart delay after a worker dies, in milliseconds; doubles up to 30 s while deaths repeat. */
  restartDelayMs?: number;
}

export type MediaWorkerPoolEvents = {
  /** A worker died; `slot` is its place in the pool. */
  workerDied: [{ slot: number; pid: number; error: Error }];
  /** A new worker took the slot of a dead one. */
  workerRestarted: [{ slot: number; pid: number }];
};

const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that has run this long is healthy again, in milliseconds. */
const STABLE_AFTER_MS = 60_000;

/**
 * The mediasoup workers: started at boot, one per slot, and replaced when one dies so the
 * pool heals itself. Consultations (later) take a worker from `next()`.
 */
export class MediaWorkerPool {
  readonly events: EventHub<MediaWorkerPoolEvents>;
  private readonly slots: (MediaWorker | undefined)[];
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  private readonly failuresInARow: number[];
  private readonly startedAt: number[];
  private cursor = 0;
  private closed = false;
  private restartCount = 0;

  static async create(options: MediaWorkerPoolOptions): Promise<MediaWorkerPool> {
    const pool = new MediaWorkerPool(options);
    try {
      await Promise.all(pool.slots.map((_, slot) => pool.start(slot)));
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  private constructor(private readonly options: MediaWorkerPoolOptions) {
    this.events = new EventHub(options.logger);
    this.slots = new Array<MediaWorker | undefined>(options.size).fill(undefined);
    this.failuresInARow = new Array<number>(options.size).fill(0);
    this.startedAt = new Array<number>(options.size).fill(0);
  }

  get expected(): number {
    return this.slots.length;
  }

  get running(): number {
    return this.slots.filter((slot) => slot && isRunning(slot)).length;
  }

  /** Workers replaced since boot. */
  get restarts(): number {
    return this.restartCount;
  }

  pids(): number[] {
    return this.slots.flatMap((slot) => (slot && !slot.worker.died ? [slot.worker.pid] : []));
  }

  /** A running worker, round robin; undefined while none runs (all died, restarting). */
  next(): MediaWorker | undefined {
    for (let tries = 0; tries < this.slots.length; tries += 1) {
      const slot = this.slots[this.cursor];
      this.cursor = (this.cursor + 1) % this.slots.length;
      if (slot && isRunning(slot)) return slot;
    }
    return undefined;
  }

  /** Waits (up to `timeoutMs`) for a running worker: after a death the pool restarts one. */
  async nextRunning(timeoutMs = 15_000): Promise<MediaWorker> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const slot = this.next();
      if (slot) return slot;
      if (this.closed || performance.now() > deadline) throw new Error('no mediasoup worker is running');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.restartTimers) clearTimeout(timer);
    this.restartTimers.clear();
    for (const slot of this.slots) slot?.worker.close();
  }

  private async start(slot: number): Promise<void> {
    const worker = await mediasoup.createWorker({ logLevel: this.options.logLevel });
    const { listenIp, announcedAddress, port } = this.options.webRtc;
    const listen = (protocol: 'udp' | 'tcp'): ms.TransportListenInfo => ({
      protocol,
      ip: listenIp,
      ...(announcedAddress ? { announcedAddress } : {}),
      ...(port > 0 ? { port: port + slot } : {}),
    });
    let webRtcServer: ms.WebRtcServer;
    try {
      webRtcServer = await worker.createWebRtcServer({ listenInfos: [listen('udp'), listen('tcp')] });
    } catch (error) {
      worker.close();
      throw error;
    }
    if (this.closed) {
      worker.close();
      return;
    }
    this.slots[slot] = { slot, worker, webRtcServer };
    this.startedAt[slot] = performance.now();
    worker.on('died', (error) => this.onDied(slot, worker, error));
    this.options.logger.info({ slot, pid: worker.pid }, 'mediasoup worker started');
  }

  private onDied(slot: number, worker: ms.Worker, error: Error): void {
    if (this.slots[slot]?.worker !== worker) return;
    this.slots[slot] = undefined;
    // A worker that dies soon after its start is likely to die again: back off.
    const livedMs = performance.now() - (this.startedAt[slot] ?? 0);
    this.failuresInARow[slot] = livedMs < STABLE_AFTER_MS ? (this.failuresInARow[slot] ?? 0) + 1 : 0;
    this.options.logger.error({ slot, pid: worker.pid, err: error }, 'mediasoup worker died; replacing it');
    this.events.emit('workerDied', { slot, pid: worker.pid, error });
    this.scheduleRestart(slot);
  }

  private scheduleRestart(slot: number): void {
    if (this.closed) return;
    const base = this.options.restartDelayMs ?? 200;
    const delay = Math.min(
      MAX_RESTART_DELAY_MS,
      base * 2 ** Math.max(0, (this.failuresInARow[slot] ?? 0) - 1),
    );
    const timer = setTimeout(() => {
      this.restartTimers.delete(timer);
      this.start(slot)
        .then(() => {
          const started = this.slots[slot];
          if (!started) return;
          this.restartCount += 1;
          this.events.emit('workerRestarted', { slot, pid: started.worker.pid });
        })
        .catch((error: unknown) => {
          this.failuresInARow[slot] = (this.failuresInARow[slot] ?? 0) + 1;
          this.options.logger.error(
            { slot, err: error },
            'mediasoup worker could not be restarted; trying again',
          );
          this.scheduleRestart(slot);
        });
    }, delay);
    this.restartTimers.add(timer);
  }
}

function isRunning(slot: MediaWorker): boolean {
  return !slot.worker.died && !slot.worker.closed && !slot.webRtcServer.closed;
}
