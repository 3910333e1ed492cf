import {
  callbackCallSchema,
  callEndSchema,
  callHoldSchema,
  callTransferSchema,
  emptyPayloadSchema,
  officerStatusSchema,
  queueAcceptSchema,
  type StaffAccount,
} from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';
import type { Counter } from '../counter/index.js';
import type { CallRooms } from '../media/index.js';
import { attachMediaRequests } from './mediaRequests.js';
import { onRequest } from './requests.js';

export interface StaffCounterDeps {
  counter: Counter;
  rooms: CallRooms;
  logger: Logger;
}

/** The video counter as an officer works it. */
export function attachStaffCounterRequests(
  socket: Socket,
  officer: StaffAccount,
  deps: StaffCounterDeps,
): void {
  const { counter, rooms, logger } = deps;

  onRequest(socket, 'counter:snapshot', emptyPayloadSchema, () => counter.snapshot(), logger);
  onRequest(
    socket,
    'officer:status',
    officerStatusSchema,
    ({ status }) => {
      counter.setOfficerAway(officer.id, status === 'away');
      return {};
    },
    logger,
  );
  onRequest(
    socket,
    'queue:accept',
    queueAcceptSchema,
    async (request) => {
      const consultation = counter.accept(officer, request);
      return {
        consultation: counter.view(consultation),
        join: await rooms.joinInfo(consultation.id, 'officer'),
      };
    },
    logger,
  );
  onRequest(
    socket,
    'callback:call',
    callbackCallSchema,
    ({ entryId }) => ({
      consultation: counter.view(counter.callBack(officer, entryId)),
    }),
    logger,
  );
  onRequest(
    socket,
    'call:hold',
    callHoldSchema,
    ({ consultationId, onHold }) => {
      counter.hold(officer, consultationId, onHold);
      return {};
    },
    logger,
  );
  onRequest(
    socket,
    'call:transfer',
    callTransferSchema,
    (request) => {
      counter.transfer(officer, request);
      return {};
    },
    logger,
  );
  onRequest(
    socket,
    'call:end',
    callEndSchema,
    (request) => {
      counter.end(officer, request);
      return {};
    },
    logger,
  );

  attachMediaRequests(
    socket,
    'officer',
    rooms,
    (consultationId) => {
      const consultation = counter.consultation(consultationId);
      if (!consultation || consultation.staffId !== officer.id) throw new AppError('CALL_NOT_FOUND');
      if (consultation.status !== 'active' && consultation.status !== 'onHold')
        throw new AppError('CALL_STATE');
    },
    logger,
  );
}
