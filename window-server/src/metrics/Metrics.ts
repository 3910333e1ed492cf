import { Counter as PromCounter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Counter } from '../counter/index.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { CallRooms, MediaWorkerPool } from '../media/index.js';

export interface MetricsSources {
  counter: Counter;
  devices: DeviceRegistry;
  media: MediaWorkerPool;
  rooms: CallRooms;
}

/**
 * Prometheus metrics for operations (`GET /metrics`): counts only, nothing about a person.
 * One registry per server, so several servers in one test process do not mix.
 */
export class Metrics {
  readonly registry = new Registry();

  constructor({ counter, devices, media, rooms }: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'madoguchi_' });
    new Gauge({
      name: 'madoguchi_queue_length',
      help: 'Citizens waiting for the video counter, per topic',
      labelNames: ['topic'],
      registers,
      async collect() {
        for (const [topic, length] of await counter.queueLengths()) this.set({ topic }, length);
      },
    });
    new Gauge({
      name: 'madoguchi_active_calls',
      help: 'Video counter calls in progress',
      registers,
      async collect() {
        this.set(await counter.activeCalls());
      },
    });
    new Gauge({
      name: 'madoguchi_call_rooms',
      help: 'Consultations with live media routers',
      registers,
      collect() {
        this.set(rooms.size);
      },
    });
    new Gauge({
      name: 'madoguchi_media_workers',
      help: 'mediasoup workers running',
      registers,
      collect() {
        this.set(media.running);
      },
    });
    new Gauge({
      name: 'madoguchi_media_workers_expected',
      help: 'mediasoup workers the pool keeps',
      registers,
      collect() {
        this.set(media.expected);
      },
    });
    const restarts = new PromCounter({
      name: 'madoguchi_media_worker_restarts_total',
      help: 'mediasoup workers replaced after dying',
      registers,
    });
    media.events.on('workerRestarted', () => restarts.inc());
    new Gauge({
      name: 'madoguchi_devices_online',
      help: 'TVs connected now',
      registers,
      collect() {
        this.set(devices.onlineCount());
      },
    });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
