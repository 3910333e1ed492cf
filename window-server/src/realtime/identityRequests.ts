import {
  assistedLinkSchema,
  citizenRefSchema,
  citizenSearchSchema,
  consentSetSchema,
  consultationRefSchema,
  emptyPayloadSchema,
  type StaffAccount,
} from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import type { Logger } from '../core/logger.js';
import type { Counter } from '../counter/index.js';
import type { Identity } from '../identity/index.js';
import type { DeviceNamespace } from './deviceNamespace.js';
import { onRequest } from './requests.js';
import { deviceRoom, staffRoom } from './rooms.js';
import type { StaffNamespace } from './staffNamespace.js';

/** A TV manages the people registered on it and their consents. */
export function attachDeviceIdentityRequests(
  socket: Socket,
  deviceId: () => string,
  identity: Identity,
  logger: Logger,
): void {
  onRequest(
    socket,
    'household:list',
    emptyPayloadSchema,
    () => ({ members: identity.household(deviceId()) }),
    logger,
  );
  onRequest(
    socket,
    'household:unlink',
    citizenRefSchema,
    ({ citizenId }) => {
      const id = deviceId();
      return { members: identity.unlink(`device:${id}`, id, citizenId) };
    },
    logger,
  );
  onRequest(
    socket,
    'consent:list',
    citizenRefSchema,
    ({ citizenId }) => {
      identity.requireLinked(deviceId(), citizenId);
      return { consents: identity.consentsOf(citizenId) };
    },
    logger,
  );
  onRequest(
    socket,
    'consent:set',
    consentSetSchema,
    ({ citizenId, purpose, granted }) => {
      const id = deviceId();
      identity.requireLinked(id, citizenId);
      return { consents: identity.setConsent(`device:${id}`, citizenId, purpose, granted) };
    },
    logger,
  );
}

/** An officer sees who is on the TV in the call (only what they consented to) and links citizens. */
export function attachStaffIdentityRequests(
  socket: Socket,
  officer: StaffAccount,
  identity: Identity,
  logger: Logger,
): void {
  onRequest(
    socket,
    'citizen:panel',
    consultationRefSchema,
    ({ consultationId }) => identity.panel(officer, consultationId),
    logger,
  );
  onRequest(
    socket,
    'citizen:search',
    citizenSearchSchema,
    ({ consultationId, name, birthDate }) => ({
      results: identity.search(officer, consultationId, name, birthDate),
    }),
    logger,
  );
  onRequest(
    socket,
    'citizen:link',
    assistedLinkSchema,
    (request) => {
      const citizen = identity.assistedLink(officer, request);
      return { citizenId: citizen.id, displayName: citizen.displayName };
    },
    logger,
  );
}

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
