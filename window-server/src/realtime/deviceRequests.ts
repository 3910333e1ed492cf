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

/**
 * From now on this socket is this TV: its pushes reach it and it counts as online. Resolves once
 * its presence is written (a failed write is logged; it never rejects).
 */
export function joinDevice(socket: DeviceSocket, deviceId: string, devices: DeviceRegistry): Promise<void> {
  socket.data.deviceId = deviceId;
  void socket.join(deviceRoom(deviceId));
  return devices.connected(deviceId);
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
  const session = async (deviceId: string): Promise<DeviceSession> => {
    const device = await devices.get(deviceId);
    if (!device) throw new AppError('DEVICE_NOT_REGISTERED');
    const update = fleet.updateFor(device.appVersion);
    const pushedConfig = await fleet.pendingConfig(deviceId);
    return {
      deviceId,
      settings: device.settings,
      tenant: tenant.public,
      ...(update ? { update } : {}),
      ...(pushedConfig ? { pushedConfig } : {}),
    };
  };

  answer('device:register', async (info) => {
    if (socket.data.deviceId) throw new AppError('DEVICE_ALREADY_REGISTERED');
    if (!deps.registrations.tryHit(deps.addressOf(socket))) throw new AppError('RATE_LIMITED');
    const { device, token } = await devices.register(info);
    await joinDevice(socket, device.id, devices);
    logger.info({ deviceId: device.id, profile: info.profile }, 'device registered');
    return { ...(await session(device.id)), token };
  });
  answer('device:hello', async ({ appliedConfigVersion, ...info }) => {
    const deviceId = requireDevice();
    await devices.hello(deviceId, info);
    await fleet.hello(deviceId, appliedConfigVersion);
    return session(deviceId);
  });
  answer('device:capabilities', async (capabilities) => {
    await devices.updateCapabilities(requireDevice(), capabilities);
    return {};
  });
  answer('settings:update', async (patch) => ({
    settings: await devices.updateSettings(requireDevice(), patch),
  }));
  answer('tenant:opening', () => {
    requireDevice();
    return tenant.calendar.status(deps.clock.now());
  });
}
