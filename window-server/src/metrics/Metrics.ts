import { Counter as PromCounter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Counter } from '../counter/index.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { CallRooms, MediaWorkerPool } from '../media/index.js';

/** One city's parts that are counted, labelled with its tenant id. */
export interface CityMetricsSources {
  tenantId: string;
  counter: Counter;
  devices: DeviceRegistry;
  rooms: CallRooms;
}

export interface MetricsSources {
  cities: readonly CityMetricsSources[];
  media: MediaWorkerPool;
}

/**
 * Prometheus metrics for operations (`GET /metrics`): counts only, nothing about a person.
 * One registry per server, so several servers in one test process do not mix; city figures carry
 * a `tenant` label.
 */
export class Metrics {
  readonly registry = new Registry();

  constructor({ cities, media }: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'madoguchi_' });
    new Gauge({
      name: 'madoguchi_queue_length',
      help: 'Citizens waiting for the video counter, per topic',
      labelNames: ['tenant', 'topic'],
      registers,
      async collect() {
        for (const city of cities) {
          for (const [topic, length] of await city.counter.queueLengths()) {
            this.set({ tenant: city.tenantId, topic }, length);
          }
        }
      },
    });
    new Gauge({
      name: 'madoguchi_active_calls',
      help: 'Video counter calls in progress',
      labelNames: ['tenant'],
      registers,
      async collect() {
        for (const city of cities) this.set({ tenant: city.tenantId }, await city.counter.activeCalls());
      },
    });
    new Gauge({
      name: 'madoguchi_call_rooms',
      help: 'Consultations with live media routers',
      labelNames: ['tenant'],
      registers,
      collect() {
        for (const city of cities) this.set({ tenant: city.tenantId }, city.rooms.size);
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
      labelNames: ['tenant'],
      registers,
      collect() {
        for (const city of cities) this.set({ tenant: city.tenantId }, city.devices.onlineCount());
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
