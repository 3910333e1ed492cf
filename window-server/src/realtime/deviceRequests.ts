import { DEVICE_REQUESTS, type DeviceSession } from '@madoguchi/shared';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { RateLimiter } from '../core/RateLimiter.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { Fleet } from '../fleet/index.js';
import type { Tenant } from '../tenants/index.js';
import type { DeviceSocket } from './namespaces.js';
import { answerRequests } from './requests.js';
import { deviceRoom } from './rooms.js';

export interface DeviceRequestsDeps {
  devices: DeviceRegistry;
  fleet: Fleet;
  tenant: Tenant;
  clock: Clock;
  /** Registrations per client address. */
  registrations: RateLimiter;
  /** The client's address as express would see it (proxy-aware). */
  addressOf: (socket: DeviceSocket) => string;
  logger: Logger;
}

/** From now on this socket is this TV: its pushes reach it and it counts as online. */
export function joinDevice(socket: DeviceSocket, deviceId: string, devices: DeviceRegistry): void {
  socket.data.deviceId = deviceId;
  void socket.join(deviceRoom(deviceId));
  devices.connected(deviceId);
}

/**
 * A TV registers, says hello, changes its settings and asks for the opening hours.
 * `requireDevice()` throws unless the socket is a registered TV.
 */
export function attachDeviceRequests(
  socket: DeviceSocket,
  requireDevice: () => string,
  deps: DeviceRequestsDeps,
): void {
  const { devices, fleet, tenant, logger } = deps;
  const answer = answerRequests(socket, DEVICE_REQUESTS, logger);
  const session = (deviceId: string): DeviceSession => {
    const device = devices.get(deviceId);
    if (!device) throw new AppError('DEVICE_NOT_REGISTERED');
    const update = fleet.updateFor(device.appVersion);
    const pushedConfig = fleet.pendingConfig(deviceId);
    return {
      deviceId,
      settings: device.settings,
      tenant: tenant.public,
      ...(update ? { update } : {}),
      ...(pushedConfig ? { pushedConfig } : {}),
    };
  };

  answer('device:register', (info) => {
    if (socket.data.deviceId) throw new AppError('DEVICE_ALREADY_REGISTERED');
    if (!deps.registrations.tryHit(deps.addressOf(socket))) throw new AppError('RATE_LIMITED');
    const { device, token } = devices.register(info);
    joinDevice(socket, device.id, devices);
    logger.info({ deviceId: device.id, profile: info.profile }, 'device registered');
    return { ...session(device.id), token };
  });
  answer('device:hello', ({ appliedConfigVersion, ...info }) => {
    const deviceId = requireDevice();
    devices.hello(deviceId, info);
    fleet.hello(deviceId, appliedConfigVersion);
    return session(deviceId);
  });
  answer('settings:update', (patch) => ({ settings: devices.updateSettings(requireDevice(), patch) }));
  answer('tenant:opening', () => {
    requireDevice();
    return tenant.calendar.status(deps.clock.now());
  });
}
