import type { StaffClientToServerEvents, StaffServerToClientEvents } from '@madoguchi/shared';
import { io, type Socket } from 'socket.io-client';

export type StaffSocket = Socket<StaffServerToClientEvents, StaffClientToServerEvents>;

export interface StaffSocketOptions {
  /**
   * The city's base (`ApiClient.baseUrl`): a path such as `/t/omura` on the page's own origin (the
   * console is served by window-server), or an origin with that path; empty means the page's
   * origin without one. socket.io reads the URL's path as the namespace (`/t/omura/staff`); the
   * engine's own path stays `/socket.io/`.
   */
  baseUrl?: string;
}

/**
 * Opens the city's staff namespace (`<base>/staff`) with the session cookie. A fresh connection per session: the
 * cookie changed at sign-in, and a shared Manager would keep the old handshake.
 */
export function connectStaffSocket(options: StaffSocketOptions = {}): StaffSocket {
  return io(`${options.baseUrl ?? ''}/staff`, {
    withCredentials: true,
    forceNew: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
}

/** The server refuses the handshake with `connect_error` data `{ code: 'UNAUTHENTICATED' }`. */
export function isUnauthenticatedRefusal(error: { data?: unknown }): boolean {
  const data = error.data;
  return typeof data === 'object' && data !== null && (data as { code?: unknown }).code === 'UNAUTHENTICATED';
}
