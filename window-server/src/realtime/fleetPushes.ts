import type { Fleet } from '../fleet/index.js';
import type { DeviceNamespace, StaffNamespace } from './namespaces.js';
import { deviceRoom, FLEET_ROOM } from './rooms.js';

/** Pushed configurations reach the TV (an off-line one gets it with its next session); fleet rows reach operators. */
export function attachFleetPushes(fleet: Fleet, device: DeviceNamespace, staff: StaffNamespace): void {
  fleet.events.on('pushed', (deviceId, config) =>
    device.to(deviceRoom(deviceId)).emit('config:pushed', config),
  );
  fleet.events.on('changed', (row) => staff.to(FLEET_ROOM).emit('fleet:device', row));
}
