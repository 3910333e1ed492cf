import { DEVICE_REQUESTS } from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import type { Logger } from '../core/logger.js';
import type { Counter } from '../counter/index.js';
import type { CallRooms } from '../media/index.js';
import { attachMediaRequests } from './mediaRequests.js';
import { answerRequests } from './requests.js';

export interface DeviceCounterDeps {
  counter: Counter;
  rooms: CallRooms;
  logger: Logger;
}

/** The video counter as a TV uses it. `deviceId()` throws unless the socket is a registered TV. */
export function attachDeviceCounterRequests(
  socket: Socket,
  deviceId: () => string,
  { counter, rooms, logger }: DeviceCounterDeps,
): void {
  const answer = answerRequests(socket, DEVICE_REQUESTS, logger);

  answer('counter:info', () => {
    deviceId();
    return counter.info();
  });
  answer('counter:mine', async () => {
    const { entry, consultation, surveyFor } = counter.myState(deviceId());
    if (!consultation) return { entry, surveyFor, call: null };
    const join = consultation.status === 'ringing' ? null : await rooms.joinInfo(consultation.id, 'citizen');
    return { entry, surveyFor, call: counter.myCall(consultation, join) };
  });
  answer('queue:join', ({ topic }) => counter.join(deviceId(), topic));
  answer('queue:cancel', () => {
    counter.cancel(deviceId());
    return {};
  });
  answer('callback:request', (request) => counter.requestCallback(deviceId(), request));
  answer('call:answer', async ({ consultationId }) => {
    const consultation = counter.answer(deviceId(), consultationId);
    return rooms.joinInfo(consultation.id, 'citizen');
  });
  answer('call:decline', ({ consultationId }) => {
    counter.decline(deviceId(), consultationId);
    return {};
  });
  answer('call:end', ({ consultationId }) => {
    counter.endByCitizen(deviceId(), consultationId);
    return {};
  });
  answer('survey:submit', (survey) => {
    counter.submitSurvey(deviceId(), survey);
    return {};
  });

  attachMediaRequests(socket, 'citizen', () => ({ deviceId: deviceId() }), { counter, rooms, logger });
}
