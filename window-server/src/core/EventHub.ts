import { EventEmitter } from 'node:events';
import type { Logger } from './logger.js';

type EventMap = Record<string, unknown[]>;

/**
 * A typed event emitter whose listeners cannot break the emitter: a throwing listener is
 * logged, and the others still run (mediasoup's safeEmit).
 */
export class EventHub<Events extends EventMap> {
  private readonly emitter = new EventEmitter();

  constructor(private readonly logger?: Logger) {
    this.emitter.setMaxListeners(50);
  }

  on<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): () => void {
    const wrapped = (...args: unknown[]): void => {
      try {
        listener(...(args as Events[K]));
      } catch (error) {
        this.logger?.error({ err: error, event }, 'event listener failed');
      }
    };
    this.emitter.on(event, wrapped);
    return () => this.emitter.off(event, wrapped);
  }

  emit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    this.emitter.emit(event, ...args);
  }
}
