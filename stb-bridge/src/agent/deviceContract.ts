import type {
  DeviceClientToServerEvents,
  DevicePushes,
  DevicePushName,
  DeviceRequestName,
  DeviceRequests,
  DeviceServerToClientEvents,
  PayloadIn,
  PushOf,
  ReplyOf,
} from '@madoguchi/shared';
import type { Socket } from 'socket.io-client';

export type DeviceSocket = Socket<DeviceServerToClientEvents, DeviceClientToServerEvents>;

/** What the TV sends with a request on /device (before the schema's defaults). */
export type DevicePayload<E extends DeviceRequestName> = PayloadIn<DeviceRequests[E]>;
/** What the server answers a request on /device with. */
export type DeviceReply<E extends DeviceRequestName> = ReplyOf<DeviceRequests[E]>;
/** What a push from the server on /device carries. */
export type DevicePush<E extends DevicePushName> = PushOf<DevicePushes[E]>;

/** The socket as typed by the contract for any one event, a generic one included. */
export interface ContractSocket {
  timeout(ms: number): {
    emit<E extends DeviceRequestName>(
      event: E,
      payload: DevicePayload<E>,
      ack: (error: Error | null, answer: unknown) => void,
    ): void;
  };
  on<E extends DevicePushName>(event: E, listener: (payload: DevicePush<E>) => void): unknown;
  off<E extends DevicePushName>(event: E, listener: (payload: DevicePush<E>) => void): unknown;
}

export function contractSocket(socket: DeviceSocket): ContractSocket {
  // socket.io types each call for a literal event name; for a generic one its conditional types do not resolve.
  return socket as ContractSocket;
}
