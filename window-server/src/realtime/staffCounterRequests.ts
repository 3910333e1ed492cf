import { STAFF_REQUESTS, type StaffAccount } from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import type { Logger } from '../core/logger.js';
import type { Counter } from '../counter/index.js';
import type { CallRooms } from '../media/index.js';
import { attachMediaRequests } from './mediaRequests.js';
import { answerRequests } from './requests.js';

export interface StaffCounterDeps {
  counter: Counter;
  rooms: CallRooms;
  logger: Logger;
}

/** The video counter as an officer works it. */
export function attachStaffCounterRequests(
  socket: Socket,
  officer: StaffAccount,
  { counter, rooms, logger }: StaffCounterDeps,
): void {
  const answer = answerRequests(socket, STAFF_REQUESTS, logger);

  answer('counter:snapshot', () => counter.snapshot());
  answer('officer:status', ({ status }) => {
    counter.setOfficerAway(officer.id, status === 'away');
    return {};
  });
  answer('queue:accept', async (request) => {
    const consultation = counter.accept(officer, request);
    return {
      consultation: counter.view(consultation),
      join: await rooms.joinInfo(consultation.id, 'officer'),
    };
  });
  answer('callback:call', ({ entryId }) => ({
    consultation: counter.view(counter.callBack(officer, entryId)),
  }));
  answer('call:hold', ({ consultationId, onHold }) => {
    counter.hold(officer, consultationId, onHold);
    return {};
  });
  answer('call:transfer', (request) => {
    counter.transfer(officer, request);
    return {};
  });
  answer('call:end', (request) => {
    counter.end(officer, request);
    return {};
  });

  attachMediaRequests(socket, 'officer', () => ({ staffId: officer.id }), { counter, rooms, logger });
}
