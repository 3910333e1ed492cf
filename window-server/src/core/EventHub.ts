import { TypedEmitter, type EventTuples } from '@madoguchi/shared';
import type { Logger } from './logger.js';

/**
 * The shared typed emitter with a public `emit`, for modules that announce to the composition
 * root: a throwing listener is logged with pino, and the others still run (mediasoup's safeEmit).
 */
export class EventHub<Events extends EventTuples<Events>> extends TypedEmitter<Events> {
  constructor(logger?: Logger) {
    super((error, event) => logger?.error({ err: error, event }, 'event listener failed'));
  }

  emit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    this.safeEmit(event, ...args);
  }
}
