import { errorAck, roleAtLeast, STAFF_REQUESTS } from '@madoguchi/shared';
import type { Server } from 'socket.io';
import { AppError } from '../core/AppError.js';
import { asRequestError } from '../db/index.js';
import type { Logger } from '../core/logger.js';
import type { Counter } from '../counter/index.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { CitizenServices } from '../gateway/index.js';
import { readCookie, staffSessionCookieName } from '../http/index.js';
import type { Identity } from '../identity/index.js';
import type { CallRooms } from '../media/index.js';
import type { StaffAuth } from '../staff/index.js';
import { attachStaffIdentityRequests } from './identityRequests.js';
import type { OfficerToTv, StaffNamespace, StaffSocket } from './namespaces.js';
import { answerRequests, answerUnknownEvents, connectError } from './requests.js';
import { COUNTER_ROOM, FLEET_ROOM, sessionRoom, staffRoom } from './rooms.js';
import { attachStaffServiceRequests } from './serviceRequests.js';
import { attachStaffCounterRequests } from './staffCounterRequests.js';

export interface StaffNamespaceDeps {
  /** The city's base path: the namespace is `<base>/staff`. */
  basePath: string;
  staff: StaffAuth;
  devices: DeviceRegistry;
  counter: Counter;
  rooms: CallRooms;
  identity: Identity;
  services: CitizenServices;
  /** Cards and remote assist for the TV of an officer's call. */
  toTv: OfficerToTv;
  logger: Logger;
}

/**
 * The `/staff` namespace: officers' consoles, behind the session cookie. The cable operator's
 * engineers connect too, for the fleet's live rows; they hear nothing of the counter.
 */
export function attachStaffNamespace(io: Server, deps: StaffNamespaceDeps): StaffNamespace {
  // socket.io types one Server with one event map; each of our namespaces has its own.
  const nsp = io.of(`${deps.basePath}/staff`) as unknown as StaffNamespace;

  nsp.use(async (socket, next) => {
    try {
      const token = readCookie(socket.handshake.headers.cookie, staffSessionCookieName(deps.staff.tenantId));
      const auth = await deps.staff.authenticate(token);
      socket.data.staff = auth.account;
      socket.data.sessionHash = auth.session.idHash;
      socket.data.sessionToken = token as string;
      next();
    } catch (error) {
      const refused = asRequestError(error);
      next(connectError(refused instanceof AppError ? refused : new AppError('UNAUTHENTICATED')));
    }
  });

  nsp.on('connection', (socket: StaffSocket) => {
    const officer = socket.data.staff;
    const logger = deps.logger.child({ socketId: socket.id, staffId: officer.id });
    const cityStaff = roleAtLeast(officer.role, 'staff');
    void socket.join([
      staffRoom(officer.id),
      sessionRoom(socket.data.sessionHash),
      ...(cityStaff ? [COUNTER_ROOM] : []),
      ...(roleAtLeast(officer.role, 'operator') ? [FLEET_ROOM] : []),
    ]);

    // Every request re-checks the session, so an ended one stops working at once.
    socket.use((packet, next) => {
      deps.staff.authenticate(socket.data.sessionToken).then(
        () => next(),
        (error: unknown) => {
          // The database away is not the end of the session: this request is refused, the console stays.
          const refused = asRequestError(error);
          if (refused instanceof AppError && refused.code === 'DATABASE_UNAVAILABLE') {
            const ack = packet[packet.length - 1];
            if (typeof ack === 'function')
              (ack as (answer: unknown) => void)(errorAck('DATABASE_UNAVAILABLE'));
            return;
          }
          socket.emit('session:ended', 'expired');
          socket.disconnect(true);
        },
      );
    });

    if (!cityStaff) {
      refuseEveryRequest(socket);
      return;
    }
    answerRequests(
      socket,
      STAFF_REQUESTS,
      logger,
    )('devices:list', async () => ({
      devices: await deps.devices.list(),
    }));
    attachStaffCounterRequests(socket, officer, { counter: deps.counter, rooms: deps.rooms, logger });
    attachStaffIdentityRequests(socket, officer, deps.identity, logger);
    attachStaffServiceRequests(socket, officer, {
      services: deps.services,
      counter: deps.counter,
      toTv: deps.toTv,
      logger,
    });
    answerUnknownEvents(socket);

    deps.counter.officerConnected(officer.id);
    socket.on('disconnect', () => deps.counter.officerDisconnected(officer.id));
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
