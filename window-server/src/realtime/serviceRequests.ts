import {
  staffAidRequestSchema,
  staffBookSchema,
  staffCitizenRefSchema,
  staffSlotsSchema,
  tvCardRequestSchema,
  tvNavigateSchema,
  type StaffAccount,
  type TvCard,
  type TvCardShown,
} from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';
import { newId } from '../core/secrets.js';
import type { Counter } from '../counter/index.js';
import type { CitizenServices, Requester } from '../gateway/index.js';
import type { DeviceNamespace } from './deviceNamespace.js';
import { onRequest } from './requests.js';
import { deviceRoom } from './rooms.js';

export interface StaffServiceDeps {
  services: CitizenServices;
  counter: Counter;
  /** Cards and remote assist go to the TV of the officer's call. */
  device: () => DeviceNamespace;
  logger: Logger;
}

/** An officer acts for the citizen on their call's TV: only with consent, always audited. */
export function attachStaffServiceRequests(
  socket: Socket,
  officer: StaffAccount,
  deps: StaffServiceDeps,
): void {
  const { services, logger } = deps;
  const inCall = (consultationId: string): Requester & { kind: 'staff' } => {
    const consultation = deps.counter.consultation(consultationId);
    if (!consultation || consultation.staffId !== officer.id) throw new AppError('CALL_NOT_FOUND');
    if (consultation.status !== 'active' && consultation.status !== 'onHold')
      throw new AppError('CALL_STATE');
    return { kind: 'staff', staffId: officer.id, consultationId, deviceId: consultation.deviceId };
  };

  onRequest(
    socket,
    'citizen:wallet',
    staffCitizenRefSchema,
    ({ consultationId, citizenId }) => services.wallet(inCall(consultationId), citizenId),
    logger,
  );
  onRequest(
    socket,
    'citizen:childcare',
    staffCitizenRefSchema,
    ({ consultationId, citizenId }) => services.childcare(inCall(consultationId), citizenId),
    logger,
  );
  onRequest(
    socket,
    'citizen:slots',
    staffSlotsSchema,
    async ({ consultationId, citizenId, from, to }) => ({
      slots: await services.slots(inCall(consultationId), citizenId, from, to),
    }),
    logger,
  );
  onRequest(
    socket,
    'citizen:book',
    staffBookSchema,
    async (request) => ({
      booking: await services.book(
        inCall(request.consultationId),
        request.citizenId,
        request.slotId,
        request.childId,
        request.idempotencyKey,
      ),
    }),
    logger,
  );
  onRequest(
    socket,
    'citizen:aidRequest',
    staffAidRequestSchema,
    async (request) => ({
      request: await services.askForHelp(
        inCall(request.consultationId),
        request.citizenId,
        { template: request.template, date: request.date, period: request.period },
        request.idempotencyKey,
      ),
    }),
    logger,
  );

  onRequest(
    socket,
    'tv:card',
    tvCardRequestSchema,
    async ({ consultationId, card }) => {
      const call = inCall(consultationId);
      const shown = await cardToShow(card, call, officer, services);
      deps.device().to(deviceRoom(call.deviceId)).emit('tv:card', shown);
      logger.info({ consultationId, kind: card.kind }, 'card sent to the TV');
      return { cardId: shown.cardId };
    },
    logger,
  );
  onRequest(
    socket,
    'tv:navigate',
    tvNavigateSchema,
    ({ consultationId, route }) => {
      const call = inCall(consultationId);
      deps
        .device()
        .to(deviceRoom(call.deviceId))
        .emit('tv:navigate', { route, officerName: officer.displayName });
      return {};
    },
    logger,
  );
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
