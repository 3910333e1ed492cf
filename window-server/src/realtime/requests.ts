import {
  errorAck,
  errorKey,
  okAck,
  parsePayload,
  type Ack,
  type PayloadOut,
  type ReplyOf,
  type RequestTable,
} from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';

/** The handler of one request: the validated payload in, the reply (or an AppError) out. */
export type RequestHandler<T extends RequestTable, K extends keyof T> = (
  payload: PayloadOut<T[K]>,
) => ReplyOf<T[K]> | Promise<ReplyOf<T[K]>>;

/** Registers handlers for the requests of one contract table on one socket. */
export type Answer<T extends RequestTable> = <K extends keyof T & string>(
  event: K,
  handler: RequestHandler<T, K>,
) => void;

/**
 * Answers requests of `table` on `socket`: the payload is validated with the table's schema for
 * that event, the handler's answer (or AppError) becomes the ack, and anything unexpected
 * becomes INTERNAL without details. A request without an ack function cannot be answered; it is
 * logged and ignored.
 */
export function answerRequests<T extends RequestTable>(socket: Socket, table: T, logger: Logger): Answer<T> {
  return <K extends keyof T & string>(event: K, handler: RequestHandler<T, K>) => {
    // K is one of the table's own keys, so its entry is there (the index type adds `undefined`).
    const spec = table[event] as T[K];
    const name: string = event;
    socket.on(name, async (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') {
        logger.warn({ event, socketId: socket.id }, 'request without an acknowledgement ignored');
        return;
      }
      const reply = ack as (result: Ack<ReplyOf<T[K]>>) => void;
      if (args.length !== 2) return reply(errorAck('PAYLOAD_INVALID', ['(root)']));
      const parsed = parsePayload<T[K]['payload']>(spec.payload, args[0]);
      if (!parsed.ok) return reply(parsed);
      try {
        reply(okAck(await handler(parsed.value)));
      } catch (error) {
        if (error instanceof AppError) return reply({ ok: false, error: error.toAckError() });
        logger.error({ err: error, event, socketId: socket.id }, 'request handler failed');
        reply(errorAck('INTERNAL'));
      }
    });
  };
}

/** Events nobody handles still get an answer when they carry an ack. Call after every handler is on. */
export function answerUnknownEvents(socket: Socket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (socket.listeners(event).length > 0) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function') (ack as (result: Ack<never>) => void)(errorAck('NOT_FOUND'));
  });
}

/** An Error for `next()` in a namespace middleware; the client sees `err.data`. */
export function connectError(error: AppError): Error & { data: { code: string; message: string } } {
  const refusal = new Error(error.code) as Error & { data: { code: string; message: string } };
  refusal.data = { code: error.code, message: errorKey(error.code) };
  return refusal;
}
