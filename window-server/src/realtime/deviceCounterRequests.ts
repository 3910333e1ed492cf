import {
  callbackRequestSchema,
  consultationRefSchema,
  emptyPayloadSchema,
  queueJoinSchema,
  surveySubmitSchema,
  type MyCall,
  type MyCounterState,
} from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';
import type { ConsultationRecord, Counter } from '../counter/index.js';
import type { CallRooms } from '../media/index.js';
import { attachMediaRequests } from './mediaRequests.js';
import { onRequest } from './requests.js';

export interface DeviceCounterDeps {
  counter: Counter;
  rooms: CallRooms;
  logger: Logger;
}

/** The video counter as a TV uses it. `deviceId()` throws unless the socket is a registered TV. */
export function attachDeviceCounterRequests(
  socket: Socket,
  deviceId: () => string,
  deps: DeviceCounterDeps,
): void {
  const { counter, rooms, logger } = deps;

  onRequest(
    socket,
    'counter:info',
    emptyPayloadSchema,
    () => {
      deviceId();
      return counter.info();
    },
    logger,
  );
  onRequest(
    socket,
    'counter:mine',
    emptyPayloadSchema,
    async (): Promise<MyCounterState> => {
      const { entry, consultation, surveyFor } = counter.myState(deviceId());
      return { entry, surveyFor, call: consultation ? await myCall(consultation, counter, rooms) : null };
    },
    logger,
  );
  onRequest(socket, 'queue:join', queueJoinSchema, ({ topic }) => counter.join(deviceId(), topic), logger);
  onRequest(
    socket,
    'queue:cancel',
    emptyPayloadSchema,
    () => {
      counter.cancel(deviceId());
      return {};
    },
    logger,
  );
  onRequest(
    socket,
    'callback:request',
    callbackRequestSchema,
    (request) => counter.requestCallback(deviceId(), request),
    logger,
  );
  onRequest(
    socket,
    'call:answer',
    consultationRefSchema,
    async ({ consultationId }) => {
      const consultation = counter.answer(deviceId(), consultationId);
      return rooms.joinInfo(consultation.id, 'citizen');
    },
    logger,
  );
  onRequest(
    socket,
    'call:decline',
    consultationRefSchema,
    ({ consultationId }) => {
      counter.decline(deviceId(), consultationId);
      return {};
    },
    logger,
  );
  onRequest(
    socket,
    'call:end',
    consultationRefSchema,
    ({ consultationId }) => {
      counter.endByCitizen(deviceId(), consultationId);
      return {};
    },
    logger,
  );
  onRequest(
    socket,
    'survey:submit',
    surveySubmitSchema,
    (survey) => {
      counter.submitSurvey(deviceId(), survey);
      return {};
    },
    logger,
  );

  attachMediaRequests(
    socket,
    'citizen',
    rooms,
    (consultationId) => {
      const consultation = counter.consultation(consultationId);
      if (!consultation || consultation.deviceId !== deviceId()) throw new AppError('CALL_NOT_FOUND');
      if (consultation.status !== 'active' && consultation.status !== 'onHold')
        throw new AppError('CALL_STATE');
    },
    logger,
  );
}

/** The call a TV is in, with what it needs to join the media once it is answered. */
export async function myCall(
  consultation: ConsultationRecord,
  counter: Counter,
  rooms: CallRooms,
): Promise<MyCall> {
  const view = counter.view(consultation);
  const status = consultation.status === 'ended' ? 'active' : consultation.status;
  return {
    consultationId: consultation.id,
    status,
    topic: consultation.topic,
    officerName: view.staffName,
    join: status === 'ringing' ? null : await rooms.joinInfo(consultation.id, 'citizen'),
  };
}
