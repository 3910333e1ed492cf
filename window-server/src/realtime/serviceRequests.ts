import { STAFF_REQUESTS, type StaffAccount, type TvCard, type TvCardShown } from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';
import { newId } from '../core/secrets.js';
import type { Counter } from '../counter/index.js';
import type { CitizenServices, Requester } from '../gateway/index.js';
import type { OfficerToTv } from './namespaces.js';
import { answerRequests } from './requests.js';

export interface StaffServiceDeps {
  services: CitizenServices;
  counter: Counter;
  /** Cards and remote assist for the TV of the officer's call. */
  toTv: OfficerToTv;
  logger: Logger;
}

/** An officer acts for the citizen on their call's TV: only with consent, always audited. */
export function attachStaffServiceRequests(
  socket: Socket,
  officer: StaffAccount,
  { services, counter, toTv, logger }: StaffServiceDeps,
): void {
  const answer = answerRequests(socket, STAFF_REQUESTS, logger);
  const inCall = (consultationId: string): Requester & { kind: 'staff' } => {
    const consultation = counter.liveCall({ staffId: officer.id }, consultationId);
    return { kind: 'staff', staffId: officer.id, consultationId, deviceId: consultation.deviceId };
  };

  answer('citizen:wallet', ({ consultationId, citizenId }) =>
    services.wallet(inCall(consultationId), citizenId),
  );
  answer('citizen:childcare', ({ consultationId, citizenId }) =>
    services.childcare(inCall(consultationId), citizenId),
  );
  answer('citizen:slots', async ({ consultationId, citizenId, from, to }) => ({
    slots: await services.slots(inCall(consultationId), citizenId, from, to),
  }));
  answer('citizen:book', async (request) => ({
    booking: await services.book(
      inCall(request.consultationId),
      request.citizenId,
      request.slotId,
      request.childId,
      request.idempotencyKey,
    ),
  }));
  answer('citizen:aidRequest', async (request) => ({
    request: await services.askForHelp(
      inCall(request.consultationId),
      request.citizenId,
      { template: request.template, date: request.date, period: request.period },
      request.idempotencyKey,
    ),
  }));

  answer('tv:card', async ({ consultationId, card }) => {
    const call = inCall(consultationId);
    const shown = await cardToShow(card, call, officer, services);
    toTv.emit('card', call.deviceId, shown);
    logger.info({ consultationId, kind: card.kind }, 'card sent to the TV');
    return { cardId: shown.cardId };
  });
  answer('tv:navigate', ({ consultationId, route }) => {
    const call = inCall(consultationId);
    toTv.emit('navigate', call.deviceId, { route, officerName: officer.displayName });
    return {};
  });
}

/** A booking card carries the booking itself, read (with consent) from the childcare partner. */
async function cardToShow(
  card: TvCard,
  call: Requester,
  officer: StaffAccount,
  services: CitizenServices,
): Promise<TvCardShown> {
  const cardId = newId('card');
  if (card.kind !== 'booking') return { ...card, cardId, from: officer.displayName };
  const booking = (await services.bookings(call, card.citizenId)).find((b) => b.id === card.bookingId);
  if (!booking) throw new AppError('NOT_FOUND');
  return { kind: 'booking', cardId, from: officer.displayName, booking };
}
