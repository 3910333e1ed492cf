import type { Logger } from './logger.js';

/**
 * Ctrl-C and SIGTERM close `what` gracefully and exit 0 (1 if closing fails); a second signal
 * exits at once with 130. For the command-line entry points.
 */
export function closeOnSignals(logger: Logger, what: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, `${what} shutting down`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
