import {
  errorKey,
  isErrorCode,
  isErrorKey,
  type AckError,
  type PayloadIn,
  type ReplyOf,
  type StaffRequestName,
  type StaffRequests,
  type StaffServerToClientEvents,
} from '@madoguchi/shared';
import type { SocketReservedEvents } from 'socket.io-client';
import { ackErrorOf } from './errors';
import type { StaffSocket } from './socket';

/** How long a request on the /staff socket may take before the console says the server is unreachable. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** What the console sends with a request on the /staff socket (before the schema's defaults). */
export type StaffPayload<E extends StaffRequestName> = PayloadIn<StaffRequests[E]>;
/** What the server answers a request on the /staff socket with. */
export type StaffReply<E extends StaffRequestName> = ReplyOf<StaffRequests[E]>;

/** The pushes of the /staff namespace, and the socket's own news that it (dis)connected. */
export type StaffListenEvents = StaffServerToClientEvents &
  Pick<SocketReservedEvents, 'connect' | 'disconnect'>;
export type StaffListenName = keyof StaffListenEvents;

/** A request on the /staff socket as the console's parts take it (tests pass a fake). */
export type StaffRequester = <E extends StaffRequestName>(
  event: E,
  payload: StaffPayload<E>,
) => Promise<StaffReply<E>>;

/** Listens to an event of the /staff socket; returns the function that stops listening. */
export type StaffListener = <E extends StaffListenName>(
  event: E,
  listener: StaffListenEvents[E],
) => () => void;

/** A refused (or unanswered) socket request, carrying the server's error. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  readonly ackError: AckError;

  constructor(ackError: AckError) {
    // The message is the i18n key, so anything that reads `.message` shows the right text.
    super(ackError.message);
    this.ackError = ackError;
  }

  get code(): AckError['code'] {
    return this.ackError.code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The error to show for anything a request or the media threw. */
export function toAckError(error: unknown, fallback: AckError['code'] = 'INTERNAL'): AckError {
  if (error instanceof RequestError) return error.ackError;
  if (isRecord(error) && isErrorCode(error.code)) {
    return { code: error.code, message: isErrorKey(error.message) ? error.message : errorKey(error.code) };
  }
  return ackErrorOf(fallback);
}

/**
 * Reads an acknowledgement `{ ok, data | error }`. The answer is untrusted: anything else is
 * treated as a server fault.
 */
export function readAck<T>(answer: unknown): T {
  if (isRecord(answer) && answer.ok === true) return answer.data as T;
  if (isRecord(answer) && answer.ok === false) throw new RequestError(toAckError(answer.error));
  throw new RequestError(ackErrorOf('INTERNAL'));
}

/** The socket as typed by the contract for any one event, a generic one included. */
interface ContractSocket {
  timeout(ms: number): {
    emitWithAck<E extends StaffRequestName>(event: E, payload: StaffPayload<E>): Promise<unknown>;
  };
  on<E extends StaffListenName>(event: E, listener: StaffListenEvents[E]): unknown;
  off<E extends StaffListenName>(event: E, listener: StaffListenEvents[E]): unknown;
}

function contractSocket(socket: StaffSocket): ContractSocket {
  // socket.io types each call for a literal event name; for a generic one its conditional types do not resolve.
  return socket as ContractSocket;
}

/**
 * Sends a request on the /staff socket and resolves with the ack's data. Rejects with a
 * RequestError: the server's error, or SERVER_UNREACHABLE when no answer came in time.
 */
export async function request<E extends StaffRequestName>(
  socket: StaffSocket,
  event: E,
  payload: StaffPayload<E>,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<StaffReply<E>> {
  let answer: unknown;
  try {
    answer = await contractSocket(socket).timeout(timeoutMs).emitWithAck(event, payload);
  } catch {
    throw new RequestError(ackErrorOf('SERVER_UNREACHABLE'));
  }
  return readAck<StaffReply<E>>(answer);
}

/** Listens to a push (or the connection's news) on the socket; returns the function that stops listening. */
export function listen<E extends StaffListenName>(
  socket: StaffSocket,
  event: E,
  listener: StaffListenEvents[E],
): () => void {
  const contract = contractSocket(socket);
  contract.on(event, listener);
  return () => contract.off(event, listener);
}
