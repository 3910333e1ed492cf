import type {
  Ack,
  DeviceClientToServerEvents,
  DeviceInfo,
  DeviceServerToClientEvents,
  StaffClientToServerEvents,
  StaffServerToClientEvents,
} from '@madoguchi/shared';
import { io, type Socket } from 'socket.io-client';

export type DeviceSocket = Socket<DeviceServerToClientEvents, DeviceClientToServerEvents>;
export type StaffSocket = Socket<StaffServerToClientEvents, StaffClientToServerEvents>;

export const TV_INFO: DeviceInfo = {
  profile: 'hbbtv',
  appVersion: '0.1.0',
  capabilities: { camera: false, microphone: true, speech: true },
  screen: { width: 1920, height: 1080 },
  model: 'Integration test STB',
};

/** A real socket.io client on /device; reconnection off unless asked for. */
export function deviceSocket(url: string, token?: string, reconnection = false): DeviceSocket {
  return io(`${url}/device`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
}

export function staffSocket(url: string, cookie?: string): StaffSocket {
  return io(`${url}/staff`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { cookie } : {},
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

export function refused(socket: Socket): Promise<{ code: string; message: string }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but a refusal was expected')));
    socket.once('connect_error', (error: Error & { data?: { code: string; message: string } }) => {
      if (error.data) resolve(error.data);
      else reject(error);
    });
  });
}

/** Emit a request and wait for its ack (with a timeout so a silent drop fails the test). */
export function request<T>(socket: Socket, event: string, ...args: unknown[]): Promise<Ack<T>> {
  return socket.timeout(5000).emitWithAck(event, ...args) as Promise<Ack<T>>;
}

export function nextEvent<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, (payload: T) => resolve(payload)));
}
