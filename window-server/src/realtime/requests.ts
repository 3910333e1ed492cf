import { errorAck, okAck, parsePayload, type Ack } from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';

type AnySocket = Socket;

/**
 * Registers a request handler: the payload is validated with its schema, the handler's answer
 * (or AppError) becomes the ack, and anything unexpected becomes INTERNAL without details.
 * A request without an ack function cannot be answered; it is logged and ignored.
 */
export function onRequest<S extends z.ZodType, R>(
  socket: AnySocket,
  event: string,
  schema: S,
  handler: (payload: z.infer<S>) => R | Promise<R>,
  logger: Logger,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') {
      logger.warn({ event, socketId: socket.id }, 'request without an acknowledgement ignored');
      return;
    }
    const reply = ack as (result: Ack<R>) => void;
    if (args.length !== 2) return reply(errorAck('PAYLOAD_INVALID', ['(root)']));
    const parsed = parsePayload(schema, args[0]);
    if (!parsed.ok) return reply(parsed);
    try {
      reply(okAck(await handler(parsed.value)));
    } catch (error) {
      if (error instanceof AppError) return reply({ ok: false, error: error.toAckError() });
      logger.error({ err: error, event, socketId: socket.id }, 'request handler failed');
      reply(errorAck('INTERNAL'));
    }
  });
}

/** Events nobody handles still get an answer when they carry an ack. Call after every handler is on. */
export function answerUnknownEvents(socket: AnySocket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (socket.listeners(event).length > 0) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function') (ack as (result: Ack<never>) => void)(errorAck('NOT_FOUND'));
  });
}

/** An Error for `next()` in a namespace middleware; the client sees `err.data`. */
export function connectError(error: AppError): Error & { data: { code: string; message: string } } {
  const refusal = new Error(error.code) as Error & { data: { code: string; message: string } };
  refusal.data = { code: error.code, message: `errors.${error.code}` };
  return refusal;
}
