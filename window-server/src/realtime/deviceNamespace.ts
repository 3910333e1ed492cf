import type { Server, Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import { asRequestError } from '../db/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { RateLimiter } from '../core/RateLimiter.js';
import type { Counter } from '../counter/index.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { Fleet } from '../fleet/index.js';
import type { Identity } from '../identity/index.js';
import type { CallRooms } from '../media/index.js';
import type { Tenant } from '../tenants/index.js';
import { attachDeviceCounterRequests } from './deviceCounterRequests.js';
import { attachDeviceRequests, joinDevice } from './deviceRequests.js';
import { attachFleetRequests } from './fleetRequests.js';
import { attachDeviceIdentityRequests } from './identityRequests.js';
import type { DeviceNamespace, DeviceSocket } from './namespaces.js';
import { answerUnknownEvents, connectError } from './requests.js';

export interface DeviceNamespaceDeps {
  /** The city's base path: the namespace is `<base>/device`. */
  basePath: string;
  devices: DeviceRegistry;
  fleet: Fleet;
  counter: Counter;
  rooms: CallRooms;
  identity: Identity;
  tenant: Tenant;
  clock: Clock;
  logger: Logger;
  registrationsPerHour: number;
  /** The client's address as express would see it (proxy-aware). */
  addressOf: (socket: Socket) => string;
}

/**
 * The `/device` namespace: TVs register, say hello, change settings, ask for opening hours,
 * report their health, use the video counter and manage the people registered on them.
 */
export function attachDeviceNamespace(io: Server, deps: DeviceNamespaceDeps): DeviceNamespace {
  // socket.io types one Server with one event map; each of our namespaces has its own.
  const nsp = io.of(`${deps.basePath}/device`) as unknown as DeviceNamespace;
  const registrations = new RateLimiter(deps.registrationsPerHour, 60 * 60_000, deps.clock);

  nsp.use(async (socket, next) => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const token = auth?.token;
    socket.data.deviceId = null;
    if (token === undefined || token === null) return next();
    if (typeof token !== 'string') return next(connectError(new AppError('DEVICE_TOKEN_INVALID')));
    try {
      socket.data.deviceId = (await deps.devices.authenticate(token)).id;
      next();
    } catch (error) {
      const refused = asRequestError(error);
      if (refused instanceof AppError) return next(connectError(refused));
      deps.logger.error({ err: error }, 'device authentication failed');
      next(connectError(new AppError('INTERNAL')));
    }
  });

  nsp.on('connection', (socket: DeviceSocket) => {
    const logger = deps.logger.child({ socketId: socket.id });
    if (socket.data.deviceId) void joinDevice(socket, socket.data.deviceId, deps.devices);
    const requireDevice = (): string => {
      if (!socket.data.deviceId) throw new AppError('DEVICE_NOT_REGISTERED');
      deps.devices.seen(socket.data.deviceId);
      return socket.data.deviceId;
    };

    attachDeviceRequests(socket, requireDevice, {
      devices: deps.devices,
      fleet: deps.fleet,
      tenant: deps.tenant,
      clock: deps.clock,
      registrations,
      addressOf: deps.addressOf,
      logger,
    });
    attachFleetRequests(socket, requireDevice, deps.fleet, logger);
    attachDeviceCounterRequests(socket, requireDevice, { counter: deps.counter, rooms: deps.rooms, logger });
    attachDeviceIdentityRequests(socket, requireDevice, deps.identity, logger);
    answerUnknownEvents(socket);

    socket.on('disconnect', () => {
      if (socket.data.deviceId) void deps.devices.disconnected(socket.data.deviceId);
    });
  });
  return nsp;
}
