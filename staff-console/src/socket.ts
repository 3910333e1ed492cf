import type { StaffClientToServerEvents, StaffServerToClientEvents } from '@madoguchi/shared';
import { io, type Socket } from 'socket.io-client';

export type StaffSocket = Socket<StaffServerToClientEvents, StaffClientToServerEvents>;

export interface StaffSocketOptions {
  /** Origin of window-server; empty means the page's own origin (the console is served by it). */
  url?: string;
}

/**
 * Opens the `/staff` namespace with the session cookie. A fresh connection per session: the
 * cookie changed at sign-in, and a shared Manager would keep the old handshake.
 */
export function connectStaffSocket(options: StaffSocketOptions = {}): StaffSocket {
  return io(`${options.url ?? ''}/staff`, {
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
