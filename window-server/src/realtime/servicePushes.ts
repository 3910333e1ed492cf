import type { DeviceNamespace, OfficerToTv } from './namespaces.js';
import { deviceRoom } from './rooms.js';

/** Cards and remote assist reach every socket of the TV in the officer's call. */
export function attachServicePushes(toTv: OfficerToTv, device: DeviceNamespace): void {
  toTv.on('card', (deviceId, card) => device.to(deviceRoom(deviceId)).emit('tv:card', card));
  toTv.on('navigate', (deviceId, request) => device.to(deviceRoom(deviceId)).emit('tv:navigate', request));
}
