import {
  emptyPayloadSchema,
  errorAck,
  roleAtLeast,
  type StaffAccount,
  type StaffClientToServerEvents,
  type StaffServerToClientEvents,
} from '@madoguchi/shared';
import type { Namespace, Server, Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';
import type { Counter } from '../counter/index.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { Fleet } from '../fleet/index.js';
import { SESSION_COOKIE, readCookie } from '../http/cookies.js';
import type { CallRooms } from '../media/index.js';
import type { StaffAuth } from '../staff/index.js';
import { answerUnknownEvents, connectError, onRequest } from './requests.js';
import { COUNTER_ROOM, FLEET_ROOM, sessionRoom, staffRoom } from './rooms.js';
import type { Identity } from '../identity/index.js';
import { attachStaffIdentityRequests } from './identityRequests.js';
import type { CitizenServices } from '../gateway/index.js';
import type { DeviceNamespace } from './deviceNamespace.js';
import { attachStaffServiceRequests } from './serviceRequests.js';
import { attachStaffCounterRequests } from './staffCounterRequests.js';

interface StaffSocketData {
  staff: StaffAccount;
  sessionHash: string;
  sessionToken: string;
}

type StaffSocket = Socket<
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

export interface StaffNamespaceDeps {
  staff: StaffAuth;
  devices: DeviceRegistry;
  fleet: Fleet;
  counter: Counter;
  rooms: CallRooms;
  identity: Identity;
  services: CitizenServices;
  /** Cards and remote assist reach the TV of the officer's call through it. */
  deviceNamespace: () => DeviceNamespace;
  logger: Logger;
}

/**
 * The `/staff` namespace: officers' consoles, behind the session cookie. The cable operator's
 * engineers connect too, for the fleet's live rows; they hear nothing of the counter.
 */
export function attachStaffNamespace(io: Server, deps: StaffNamespaceDeps): StaffNamespace {
  // One server hosts namespaces with different event maps; each namespace is typed on its own.
  const nsp = io.of('/staff') as unknown as StaffNamespace;

  nsp.use((socket, next) => {
    try {
      const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const auth = deps.staff.authenticate(token);
      socket.data.staff = auth.account;
      socket.data.sessionHash = auth.session.idHash;
      socket.data.sessionToken = token as string;
      next();
    } catch (error) {
      next(connectError(error instanceof AppError ? error : new AppError('UNAUTHENTICATED')));
    }
  });

  nsp.on('connection', (socket: StaffSocket) => {
    const log = deps.logger.child({ socketId: socket.id, staffId: socket.data.staff.id });
    const { role } = socket.data.staff;
    const cityStaff = roleAtLeast(role, 'staff');
    void socket.join([
      staffRoom(socket.data.staff.id),
      sessionRoom(socket.data.sessionHash),
      ...(cityStaff ? [COUNTER_ROOM] : []),
      ...(roleAtLeast(role, 'operator') ? [FLEET_ROOM] : []),
    ]);

    // Every request re-checks the session, so an ended one stops working at once.
    socket.use((_packet, next) => {
      try {
        deps.staff.authenticate(socket.data.sessionToken);
        next();
      } catch {
        socket.emit('session:ended', 'expired');
        socket.disconnect(true);
      }
    });

    if (!cityStaff) {
      refuseEveryRequest(socket);
      return;
    }
    onRequest(socket, 'devices:list', emptyPayloadSchema, () => ({ devices: deps.devices.list() }), log);
    attachStaffCounterRequests(socket, socket.data.staff, {
      counter: deps.counter,
      rooms: deps.rooms,
      logger: log,
    });
    attachStaffIdentityRequests(socket, socket.data.staff, deps.identity, log);
    attachStaffServiceRequests(socket, socket.data.staff, {
      services: deps.services,
      counter: deps.counter,
      device: deps.deviceNamespace,
      logger: log,
    });
    answerUnknownEvents(socket);

    const staffId = socket.data.staff.id;
    deps.counter.officerConnected(staffId);
    socket.on('disconnect', () => deps.counter.officerDisconnected(staffId));
  });

  deps.devices.events.on('updated', (device) => nsp.emit('device:updated', device));
  deps.devices.events.on('presence', (presence) => nsp.emit('device:presence', presence));
  deps.fleet.events.on('changed', (device) => nsp.to(FLEET_ROOM).emit('fleet:device', device));
  deps.staff.events.on('sessionEnded', ({ staffId, sessionHash, reason }) => {
    const room = sessionHash ? sessionRoom(sessionHash) : staffRoom(staffId);
    nsp.to(room).emit('session:ended', reason);
    nsp.in(room).disconnectSockets(true);
  });
  return nsp;
}

/** The operator's socket only listens: counter, citizen, call and media requests are refused. */
function refuseEveryRequest(socket: StaffSocket): void {
  socket.use((packet, _next) => {
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') (ack as (answer: unknown) => void)(errorAck('FORBIDDEN'));
  });
}
