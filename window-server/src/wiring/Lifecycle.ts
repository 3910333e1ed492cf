import type { Logger } from '../core/logger.js';

/** A started module and how to stop it. */
export interface Started<T> {
  readonly module: T;
  close(): void | Promise<void>;
}

/** A module with nothing to stop. */
export const running = <T>(module: T): Started<T> => ({ module, close: () => undefined });

/**
 * The modules in the order they were started; `close()` stops them in reverse, so nothing is
 * stopped while a module started after it still uses it. A module that fails to stop is logged
 * and the others still stop.
 */
export class Lifecycle {
  private readonly started: { name: string; close: () => void | Promise<void> }[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  use<T>(name: string, started: Started<T>): T {
    this.started.push({ name, close: () => started.close() });
    return started.module;
  }

  /** Safe to call twice: the second call waits for the first. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const { name, close } of this.started.splice(0).reverse()) {
        try {
          await close();
        } catch (error) {
          this.logger.error({ err: error, module: name }, 'module failed to stop');
        }
      }
    })();
    return this.closing;
  }
}
