import type { Server } from 'socket.io';
import { AppError } from '../core/AppError.js';
import { connectError } from './requests.js';
import { clientAddress } from './clientAddress.js';
import type { Clock } from '../core/clock.js';
import { EventHub } from '../core/EventHub.js';
import type { Logger } from '../core/logger.js';
import type { Counter } from '../counter/index.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { Fleet } from '../fleet/index.js';
import type { CitizenServices } from '../gateway/index.js';
import type { Identity } from '../identity/index.js';
import type { CallRooms } from '../media/index.js';
import type { StaffAuth } from '../staff/index.js';
import type { Tenant } from '../tenants/index.js';
import { attachCounterPushes } from './counterPushes.js';
import { attachDeviceNamespace } from './deviceNamespace.js';
import { attachDevicePushes } from './devicePushes.js';
import { attachFleetPushes } from './fleetPushes.js';
import { attachIdentityPushes } from './identityPushes.js';
import { attachMediaPushes } from './mediaPushes.js';
import type { DeviceNamespace, OfficerToTvEvents, StaffNamespace } from './namespaces.js';
import { attachServicePushes } from './servicePushes.js';
import { attachStaffNamespace } from './staffNamespace.js';
import { attachStaffSessionPushes } from './staffSessionPushes.js';

export type { DeviceNamespace, StaffNamespace } from './namespaces.js';

export interface RealtimeDeps {
  /** The city's base path (`/t/<id>`): its namespaces are `<base>/device` and `<base>/staff`. */
  basePath: string;
  staff: StaffAuth;
  devices: DeviceRegistry;
  fleet: Fleet;
  counter: Counter;
  rooms: CallRooms;
  identity: Identity;
  services: CitizenServices;
  tenant: Tenant;
  clock: Clock;
  logger: Logger;
  registrationsPerHour: number;
  /** Proxy hops in front of this server whose X-Forwarded-For is believed. */
  trustProxy: number;
}

export interface Realtime {
  device: DeviceNamespace;
  staff: StaffNamespace;
  close(): void;
}

/** Both namespaces, their requests, and every push the modules' events turn into. */
export function attachRealtime(io: Server, deps: RealtimeDeps): Realtime {
  const { logger } = deps;
  const toTv = new EventHub<OfficerToTvEvents>(logger);
  const device = attachDeviceNamespace(io, {
    ...deps,
    addressOf: (socket) => clientAddress(socket, deps.trustProxy),
    logger: logger.child({ module: 'device-channel' }),
  });
  const staff = attachStaffNamespace(io, {
    ...deps,
    toTv,
    logger: logger.child({ module: 'staff-channel' }),
  });
  const stopMedia = attachMediaPushes(
    deps.rooms,
    deps.counter,
    device,
    staff,
    logger.child({ module: 'media-pushes' }),
  );
  const counterPushes = attachCounterPushes({
    counter: deps.counter,
    rooms: deps.rooms,
    device,
    staff,
    logger: logger.child({ module: 'counter-pushes' }),
  });
  attachIdentityPushes(
    deps.identity,
    deps.counter,
    device,
    staff,
    logger.child({ module: 'identity-pushes' }),
  );
  attachDevicePushes(deps.devices, device, staff);
  attachFleetPushes(deps.fleet, device, staff);
  attachServicePushes(toTv, device);
  attachStaffSessionPushes(deps.staff, staff);
  return {
    device,
    staff,
    close() {
      stopMedia();
      counterPushes.close();
    },
  };
}

/**
 * A namespace below `/t/<name>/` that no city registered: the same refusal for every name, so
 * nobody learns which cities exist by trying (a city's own namespaces are matched first).
 */
export function refuseUnknownCities(io: Server): void {
  io.of(/^\/t\/[^/]+\/[^/]+$/).use((_socket, next) => {
    next(connectError(new AppError('TENANT_UNKNOWN')));
  });
}
