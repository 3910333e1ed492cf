import { MEDIA_REQUESTS, type CallRole } from '@madoguchi/shared';
import type { types as ms } from 'mediasoup';
import type { Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';
import type { CallParty, Counter } from '../counter/index.js';
import { asJson, type CallRoom, type CallRooms } from '../media/index.js';
import { answerRequests } from './requests.js';

export interface MediaRequestsDeps {
  counter: Counter;
  rooms: CallRooms;
  logger: Logger;
}

/**
 * Media signalling on a socket, for one side of a consultation: only while `party()` (this
 * socket's TV or officer) is in that live call.
 */
export function attachMediaRequests(
  socket: Socket,
  role: CallRole,
  party: () => CallParty,
  { counter, rooms, logger }: MediaRequestsDeps,
): void {
  const answer = answerRequests(socket, MEDIA_REQUESTS, logger);
  const authorize = (consultationId: string): void => void counter.liveCall(party(), consultationId);
  const room = (consultationId: string): CallRoom => {
    authorize(consultationId);
    const found = rooms.get(consultationId);
    if (!found) throw new AppError('STALE_MEDIA');
    return found;
  };
  // mediasoup rejects malformed parameters with TypeError; that is the client's fault.
  const mediasoupCall = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof TypeError) throw new AppError('PAYLOAD_INVALID');
      logger.warn({ err: error, role }, 'media request failed');
      throw new AppError('MEDIA_FAILED');
    }
  };

  // The wire carries mediasoup's parameter objects as plain JSON; mediasoup itself checks them
  // (a bad one is a TypeError above), so these casts only name what mediasoup will verify.
  answer('media:join', async ({ consultationId, generation, rtpCapabilities, sending }) => {
    authorize(consultationId);
    const current = await rooms.ensure(consultationId);
    if (generation !== current.generation) throw new AppError('STALE_MEDIA');
    return mediasoupCall(() => current.join(role, rtpCapabilities as unknown as ms.RtpCapabilities, sending));
  });
  answer('media:connect', async ({ consultationId, transportId, dtlsParameters }) => {
    const target = room(consultationId);
    await mediasoupCall(() =>
      target.connect(role, transportId, dtlsParameters as unknown as ms.DtlsParameters),
    );
    return {};
  });
  answer('media:produce', async ({ consultationId, transportId, kind, rtpParameters }) => {
    const target = room(consultationId);
    const producerId = await mediasoupCall(() =>
      target.produce(role, transportId, kind, rtpParameters as unknown as ms.RtpParameters),
    );
    return { producerId };
  });
  answer('media:resume', async ({ consultationId, consumerId }) => {
    const target = room(consultationId);
    await mediasoupCall(() => target.resume(role, consumerId));
    return {};
  });
  answer('media:restartIce', async ({ consultationId, transportId }) => {
    const target = room(consultationId);
    const iceParameters = await mediasoupCall(() => target.restartIce(role, transportId));
    return { iceParameters: asJson(iceParameters) };
  });
  answer('media:pause', async ({ consultationId, producerId, paused }) => {
    const target = room(consultationId);
    await mediasoupCall(() => target.pause(role, producerId, paused));
    return {};
  });
}
