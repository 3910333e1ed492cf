import type {
  DeviceClientToServerEvents,
  DeviceServerToClientEvents,
  StaffAccount,
  StaffClientToServerEvents,
  StaffServerToClientEvents,
  TvCardShown,
  TvRoute,
} from '@madoguchi/shared';
import type { Namespace, Socket } from 'socket.io';
import type { EventHub } from '../core/EventHub.js';

// The two namespaces' types, in a leaf file: feature files import these, never a namespace file.

export interface DeviceSocketData {
  deviceId: string | null;
}

export type DeviceSocket = Socket<
  DeviceClientToServerEvents,
  DeviceServerToClientEvents,
  Record<string, never>,
  DeviceSocketData
>;
export type DeviceNamespace = Namespace<
  DeviceClientToServerEvents,
  DeviceServerToClientEvents,
  Record<string, never>,
  DeviceSocketData
>;

export interface StaffSocketData {
  staff: StaffAccount;
  sessionHash: string;
  sessionToken: string;
}

export type StaffSocket = Socket<
  StaffClientToServerEvents,
  StaffServerToClientEvents,
  Record<string, never>,
  StaffSocketData
>;
export type StaffNamespace = Namespace<
  StaffClientToServerEvents,
  StaffServerToClientEvents,
  Record<string, never>,
  StaffSocketData
>;

/** What officers send to the TV of their call; realtime's pushes deliver it. */
export type OfficerToTvEvents = {
  card: [deviceId: string, card: TvCardShown];
  navigate: [deviceId: string, request: { route: TvRoute; officerName: string }];
};
export type OfficerToTv = EventHub<OfficerToTvEvents>;
