import type { Logger } from '../core/logger.js';
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
  logger: Logger,
): void {
  const failed = (error: unknown): void => logger.error({ err: error }, 'could not push an identity change');
  const tellOfficer = async (deviceId: string): Promise<void> => {
    const call = await counter.liveConsultationOfDevice(deviceId);
    if (call) staff.to(staffRoom(call.staffId)).emit('citizen:changed', { consultationId: call.id });
  };
  identity.events.on('householdChanged', (deviceId) => {
    void (async () => {
      device
        .to(deviceRoom(deviceId))
        .emit('household:changed', { members: await identity.household(deviceId) });
      await tellOfficer(deviceId);
    })().catch(failed);
  });
  identity.events.on('consentChanged', (citizenId) => {
    void (async () => {
      const consents = await identity.consentsOf(citizenId);
      for (const { deviceId } of await identity.devicesOf(citizenId)) {
        device.to(deviceRoom(deviceId)).emit('consent:changed', { citizenId, consents });
        await tellOfficer(deviceId);
      }
    })().catch(failed);
  });
}
