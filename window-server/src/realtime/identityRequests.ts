import { DEVICE_REQUESTS, STAFF_REQUESTS, type StaffAccount } from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import type { Logger } from '../core/logger.js';
import type { Identity } from '../identity/index.js';
import { answerRequests } from './requests.js';

/** A TV manages the people registered on it and their consents. */
export function attachDeviceIdentityRequests(
  socket: Socket,
  deviceId: () => string,
  identity: Identity,
  logger: Logger,
): void {
  const answer = answerRequests(socket, DEVICE_REQUESTS, logger);
  answer('household:list', () => ({ members: identity.household(deviceId()) }));
  answer('household:unlink', ({ citizenId }) => {
    const id = deviceId();
    return { members: identity.unlink(`device:${id}`, id, citizenId) };
  });
  answer('consent:list', ({ citizenId }) => {
    identity.requireLinked(deviceId(), citizenId);
    return { consents: identity.consentsOf(citizenId) };
  });
  answer('consent:set', ({ citizenId, purpose, granted }) => {
    const id = deviceId();
    identity.requireLinked(id, citizenId);
    return { consents: identity.setConsent(`device:${id}`, citizenId, purpose, granted) };
  });
}

/** An officer sees who is on the TV in the call (only what they consented to) and links citizens. */
export function attachStaffIdentityRequests(
  socket: Socket,
  officer: StaffAccount,
  identity: Identity,
  logger: Logger,
): void {
  const answer = answerRequests(socket, STAFF_REQUESTS, logger);
  answer('citizen:panel', ({ consultationId }) => identity.panel(officer, consultationId));
  answer('citizen:search', ({ consultationId, name, birthDate }) => ({
    results: identity.search(officer, consultationId, name, birthDate),
  }));
  answer('citizen:link', (request) => {
    const citizen = identity.assistedLink(officer, request);
    return { citizenId: citizen.id, displayName: citizen.displayName };
  });
}
