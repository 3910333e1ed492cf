import {
  configStoredSchema,
  deviceReportSchema,
  deviceSettingsPatchSchema,
  emptyPayloadSchema,
  helloPayloadSchema,
  registerPayloadSchema,
  type DeviceClientToServerEvents,
  type DeviceServerToClientEvents,
  type DeviceSession,
  type RegisterResult,
} from '@madoguchi/shared';
import type { Namespace, Server, Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { RateLimiter } from '../core/RateLimiter.js';
import type { Counter } from '../counter/index.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { Fleet } from '../fleet/index.js';
import type { CallRooms } from '../media/index.js';
import type { Tenant } from '../tenants/index.js';
import type { Identity } from '../identity/index.js';
import { attachDeviceCounterRequests } from './deviceCounterRequests.js';
import { attachDeviceIdentityRequests } from './identityRequests.js';
import { answerUnknownEvents, connectError, onRequest } from './requests.js';
import { deviceRoom } from './rooms.js';

interface DeviceSocketData {
  deviceId: string | null;
}

type DeviceSocket = Socket<
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

export interface DeviceNamespaceDeps {
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
 * report their health and store configurations the operator pushes.
 */
export function attachDeviceNamespace(io: Server, deps: DeviceNamespaceDeps): DeviceNamespace {
  // One server hosts namespaces with different event maps; each namespace is typed on its own.
  const nsp = io.of('/device') as unknown as DeviceNamespace;
  const registrations = new RateLimiter(deps.registrationsPerHour, 60 * 60_000, deps.clock);

  nsp.use((socket, next) => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const token = auth?.token;
    socket.data.deviceId = null;
    if (token === undefined || token === null) return next();
    if (typeof token !== 'string') return next(connectError(new AppError('DEVICE_TOKEN_INVALID')));
    try {
      socket.data.deviceId = deps.devices.authenticate(token).id;
      next();
    } catch (error) {
      if (error instanceof AppError) return next(connectError(error));
      deps.logger.error({ err: error }, 'device authentication failed');
      next(connectError(new AppError('INTERNAL')));
    }
  });

  nsp.on('connection', (socket: DeviceSocket) => {
    const log = deps.logger.child({ socketId: socket.id });
    const join = (deviceId: string): void => {
      socket.data.deviceId = deviceId;
      void socket.join(deviceRoom(deviceId));
      deps.devices.connected(deviceId);
    };
    if (socket.data.deviceId) join(socket.data.deviceId);

    const session = (deviceId: string): DeviceSession => {
      const device = deps.devices.get(deviceId);
      if (!device) throw new AppError('DEVICE_NOT_REGISTERED');
      const update = deps.fleet.updateFor(device.appVersion);
      const pushedConfig = deps.fleet.pendingConfig(deviceId);
      return {
        deviceId,
        settings: device.settings,
        tenant: deps.tenant.public,
        ...(update ? { update } : {}),
        ...(pushedConfig ? { pushedConfig } : {}),
      };
    };
    const requireDevice = (): string => {
      if (!socket.data.deviceId) throw new AppError('DEVICE_NOT_REGISTERED');
      deps.devices.seen(socket.data.deviceId);
      return socket.data.deviceId;
    };

    onRequest(
      socket,
      'device:register',
      registerPayloadSchema,
      (info): RegisterResult => {
        if (socket.data.deviceId) throw new AppError('DEVICE_ALREADY_REGISTERED');
        if (!registrations.tryHit(deps.addressOf(socket))) throw new AppError('RATE_LIMITED');
        const { device, token } = deps.devices.register(info);
        join(device.id);
        log.info({ deviceId: device.id, profile: info.profile }, 'device registered');
        return { ...session(device.id), token };
      },
      log,
    );
    onRequest(
      socket,
      'device:hello',
      helloPayloadSchema,
      ({ appliedConfigVersion, ...info }) => {
        const deviceId = requireDevice();
        deps.devices.hello(deviceId, info);
        deps.fleet.hello(deviceId, appliedConfigVersion);
        return session(deviceId);
      },
      log,
    );
    onRequest(
      socket,
      'settings:update',
      deviceSettingsPatchSchema,
      (patch) => ({
        settings: deps.devices.updateSettings(requireDevice(), patch),
      }),
      log,
    );
    onRequest(
      socket,
      'tenant:opening',
      emptyPayloadSchema,
      () => {
        requireDevice();
        return deps.tenant.calendar.status(deps.clock.now());
      },
      log,
    );
    onRequest(
      socket,
      'device:report',
      deviceReportSchema,
      (report) => {
        deps.fleet.report(requireDevice(), report);
        return {};
      },
      log,
    );
    onRequest(
      socket,
      'config:stored',
      configStoredSchema,
      ({ version }) => {
        deps.fleet.stored(requireDevice(), version);
        return {};
      },
      log,
    );
    attachDeviceCounterRequests(socket, requireDevice, {
      counter: deps.counter,
      rooms: deps.rooms,
      logger: log,
    });
    attachDeviceIdentityRequests(socket, requireDevice, deps.identity, log);
    answerUnknownEvents(socket);

    socket.on('disconnect', () => {
      if (socket.data.deviceId) deps.devices.disconnected(socket.data.deviceId);
    });
  });

  deps.devices.events.on('revoked', (deviceId) => {
    nsp.to(deviceRoom(deviceId)).emit('device:revoked', new AppError('DEVICE_TOKEN_REVOKED').toAckError());
    nsp.in(deviceRoom(deviceId)).disconnectSockets(true);
  });
  deps.devices.events.on('settingsChanged', (deviceId, settings) => {
    nsp.to(deviceRoom(deviceId)).emit('settings:changed', settings);
  });
  // An off-line TV gets it with its next session instead.
  deps.fleet.events.on('pushed', (deviceId, config) => {
    nsp.to(deviceRoom(deviceId)).emit('config:pushed', config);
  });
  return nsp;
}
