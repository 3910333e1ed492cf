import type { Counter } from '../counter/index.js';
import type { Identity } from '../identity/index.js';
import type { DeviceNamespace, StaffNamespace } from './namespaces.js';
import { deviceRoom, staffRoom } from './rooms.js';

/** Household and consent changes reach the TVs concerned and the officer in a call with them. */
export function attachIdentityPushes(
  identity: Identity,
  counter: Counter,
  device: DeviceNamespace,
  staff: StaffNamespace,
): void {
  const tellOfficer = (deviceId: string): void => {
    const call = counter.liveConsultationOfDevice(deviceId);
    if (call) staff.to(staffRoom(call.staffId)).emit('citizen:changed', { consultationId: call.id });
  };
  identity.events.on('householdChanged', (deviceId) => {
    device.to(deviceRoom(deviceId)).emit('household:changed', { members: identity.household(deviceId) });
    tellOfficer(deviceId);
  });
  identity.events.on('consentChanged', (citizenId) => {
    const consents = identity.consentsOf(citizenId);
    for (const { deviceId } of identity.devicesOf(citizenId)) {
      device.to(deviceRoom(deviceId)).emit('consent:changed', { citizenId, consents });
      tellOfficer(deviceId);
    }
  });
}
