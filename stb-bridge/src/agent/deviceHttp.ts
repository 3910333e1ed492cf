import { DeviceRequestError } from './errors.js';
import { parseJson } from './serverAnswers.js';

export interface DeviceHttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
}

export interface DeviceHttpAnswer {
  status: number;
  /** The parsed JSON body; null when empty or not JSON. */
  body: unknown;
}

/**
 * One HTTP request to window-server with the device token as a bearer token; no answer within
 * `timeoutMs` (in milliseconds), or no connection, is SERVER_UNREACHABLE.
 */
export async function httpAsDevice(
  url: string,
  token: string,
  timeoutMs: number,
  init: DeviceHttpRequest,
): Promise<DeviceHttpAnswer> {
  let response: Response;
  // AbortSignal.timeout is too new for older set-top box browsers.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        ...init.headers,
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: abort.signal,
    });
  } catch {
    throw DeviceRequestError.of('SERVER_UNREACHABLE');
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  return { status: response.status, body: parseJson(text) };
}
