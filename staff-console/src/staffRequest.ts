import { isErrorCode, type AckError } from '@madoguchi/shared';
import type { StaffSocket } from './socket';

/** How long a request on the /staff socket may take before the console says the server is unreachable. */
export const REQUEST_TIMEOUT_MS = 10_000;

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
    const message =
      typeof error.message === 'string' && error.message.startsWith('errors.')
        ? error.message
        : `errors.${error.code}`;
    return { code: error.code, message };
  }
  return { code: fallback, message: `errors.${fallback}` };
}

/**
 * Reads an acknowledgement `{ ok, data | error }`. The answer is untrusted: anything else is
 * treated as a server fault.
 */
export function readAck<T>(answer: unknown): T {
  if (isRecord(answer) && answer.ok === true) return answer.data as T;
  if (isRecord(answer) && answer.ok === false) throw new RequestError(toAckError(answer.error));
  throw new RequestError({ code: 'INTERNAL', message: 'errors.INTERNAL' });
}

/** The event names and payloads requests may use; typed by the caller. */
type LooseEmitter = {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
};

/**
 * Sends a request on the /staff socket and resolves with the ack's data. Rejects with a
 * RequestError: the server's error, or SERVER_UNREACHABLE when no answer came in time.
 */
export async function request<T>(
  socket: StaffSocket,
  event: string,
  payload: unknown,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<T> {
  let answer: unknown;
  try {
    answer = await (socket as unknown as LooseEmitter).timeout(timeoutMs).emitWithAck(event, payload);
  } catch {
    throw new RequestError({ code: 'SERVER_UNREACHABLE', message: 'errors.SERVER_UNREACHABLE' });
  }
  return readAck<T>(answer);
}

/** Listens to a push on the socket; returns the function that stops listening. */
export function listen(socket: StaffSocket, event: string, listener: (payload: never) => void): () => void {
  const loose = socket as unknown as {
    on(event: string, listener: (payload: never) => void): unknown;
    off(event: string, listener: (payload: never) => void): unknown;
  };
  loose.on(event, listener);
  return () => loose.off(event, listener);
}
