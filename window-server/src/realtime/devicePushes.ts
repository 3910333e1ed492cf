import type { DeviceRegistry } from '../devices/index.js';
import { AppError } from '../core/AppError.js';
import type { DeviceNamespace, StaffNamespace } from './namespaces.js';
import { deviceRoom } from './rooms.js';

/** A revoked TV is told and cut off; settings changed elsewhere reach it; officers see every TV. */
export function attachDevicePushes(
  devices: DeviceRegistry,
  device: DeviceNamespace,
  staff: StaffNamespace,
): void {
  devices.events.on('revoked', (deviceId) => {
    device.to(deviceRoom(deviceId)).emit('device:revoked', new AppError('DEVICE_TOKEN_REVOKED').toAckError());
    device.in(deviceRoom(deviceId)).disconnectSockets(true);
  });
  devices.events.on('settingsChanged', (deviceId, settings) => {
    device.to(deviceRoom(deviceId)).emit('settings:changed', settings);
  });
  devices.events.on('updated', (summary) => staff.emit('device:updated', summary));
  devices.events.on('presence', (presence) => staff.emit('device:presence', presence));
}
