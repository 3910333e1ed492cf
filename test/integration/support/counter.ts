import type {
  ConsultationView,
  CallJoinInfo,
  CounterSnapshot,
  MyQueueEntry,
  RegisterResult,
  StaffSessionInfo,
} from '@madoguchi/shared';
import { DEMO_PASSWORD, type WindowServer } from '@madoguchi/window-server';
import { fileURLToPath } from 'node:url';
import {
  TV_INFO,
  connected,
  deviceSocket,
  request,
  staffSocket,
  type DeviceSocket,
  type StaffSocket,
} from './clients.js';

export const ALWAYS_OPEN_TENANT = fileURLToPath(
  new URL('../../fixtures/tenant-always-open.json', import.meta.url),
);

/** A clock the test moves by hand. */
export function manualClock(iso: string) {
  let now = Date.parse(iso);
  return {
    now: () => new Date(now),
    set: (next: string) => {
      now = Date.parse(next);
    },
  };
}

export async function registeredTv(
  url: string,
  info = TV_INFO,
): Promise<{ socket: DeviceSocket; deviceId: string; token: string }> {
  const socket = deviceSocket(url);
  await connected(socket);
  const ack = await request<RegisterResult>(socket, 'device:register', info);
  if (!ack.ok) throw new Error(`register: ${ack.error.code}`);
  return { socket, deviceId: ack.data.deviceId, token: ack.data.token };
}

export async function officer(
  server: WindowServer,
  loginId: string,
): Promise<{ socket: StaffSocket; info: StaffSessionInfo }> {
  const response = await fetch(`${server.cityUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ loginId, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${loginId}: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const socket = staffSocket(server.cityUrl(), cookie);
  await connected(socket);
  return { socket, info: (await response.json()) as StaffSessionInfo };
}

export async function join(tv: DeviceSocket, topic: string): Promise<MyQueueEntry> {
  const ack = await request<MyQueueEntry>(tv, 'queue:join', { topic });
  if (!ack.ok) throw new Error(`join: ${ack.error.code}`);
  return ack.data;
}

export async function accept(
  staff: StaffSocket,
  payload: { entryId?: string; topic?: string } = {},
): Promise<{ consultation: ConsultationView; join: CallJoinInfo }> {
  const ack = await request<{ consultation: ConsultationView; join: CallJoinInfo }>(
    staff,
    'queue:accept',
    payload,
  );
  if (!ack.ok) throw new Error(`accept: ${ack.error.code}`);
  return ack.data;
}

export async function snapshot(staff: StaffSocket): Promise<CounterSnapshot> {
  const ack = await request<CounterSnapshot>(staff, 'counter:snapshot', {});
  if (!ack.ok) throw new Error(`snapshot: ${ack.error.code}`);
  return ack.data;
}

/** The next push of `event` that satisfies `check`. */
export function pushed<T>(
  socket: object,
  event: string,
  check: (payload: T) => boolean = () => true,
): Promise<T> {
  // Any socket.io client socket; its typed event maps are not needed to listen.
  const emitter = socket as {
    on(e: string, l: (p: T) => void): void;
    off(e: string, l: (p: T) => void): void;
  };
  return new Promise((resolve) => {
    const listener = (payload: T): void => {
      if (!check(payload)) return;
      emitter.off(event, listener);
      resolve(payload);
    };
    emitter.on(event, listener);
  });
}
