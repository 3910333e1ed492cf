import {
  mediaConnectSchema,
  mediaConsumerRefSchema,
  mediaJoinSchema,
  mediaPauseSchema,
  mediaProduceSchema,
  mediaRestartIceSchema,
  type CallRole,
} from '@madoguchi/shared';
import type { types as ms } from 'mediasoup';
import type { Socket } from 'socket.io';
import { AppError } from '../core/AppError.js';
import type { Logger } from '../core/logger.js';
import type { CallRoom, CallRooms } from '../media/index.js';
import { onRequest } from './requests.js';

/**
 * Media signalling on a socket, for one side of a consultation. `authorize` throws unless
 * this socket's TV or officer is in that consultation now.
 */
export function attachMediaRequests(
  socket: Socket,
  role: CallRole,
  rooms: CallRooms,
  authorize: (consultationId: string) => void,
  logger: Logger,
): void {
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

  onRequest(
    socket,
    'media:join',
    mediaJoinSchema,
    async ({ consultationId, generation, rtpCapabilities, sending }) => {
      authorize(consultationId);
      const current = await rooms.ensure(consultationId);
      if (generation !== current.generation) throw new AppError('STALE_MEDIA');
      return mediasoupCall(() =>
        current.join(role, rtpCapabilities as unknown as ms.RtpCapabilities, sending),
      );
    },
    logger,
  );
  onRequest(
    socket,
    'media:connect',
    mediaConnectSchema,
    async ({ consultationId, transportId, dtlsParameters }) => {
      const target = room(consultationId);
      await mediasoupCall(() =>
        target.connect(role, transportId, dtlsParameters as unknown as ms.DtlsParameters),
      );
      return {};
    },
    logger,
  );
  onRequest(
    socket,
    'media:produce',
    mediaProduceSchema,
    async ({ consultationId, transportId, kind, rtpParameters }) => {
      const target = room(consultationId);
      const producerId = await mediasoupCall(() =>
        target.produce(role, transportId, kind, rtpParameters as unknown as ms.RtpParameters),
      );
      return { producerId };
    },
    logger,
  );
  onRequest(
    socket,
    'media:resume',
    mediaConsumerRefSchema,
    async ({ consultationId, consumerId }) => {
      const target = room(consultationId);
      await mediasoupCall(() => target.resume(role, consumerId));
      return {};
    },
    logger,
  );
  onRequest(
    socket,
    'media:restartIce',
    mediaRestartIceSchema,
    async ({ consultationId, transportId }) => {
      const target = room(consultationId);
      const iceParameters = await mediasoupCall(() => target.restartIce(role, transportId));
      return { iceParameters: iceParameters as unknown as Record<string, unknown> };
    },
    logger,
  );
  onRequest(
    socket,
    'media:pause',
    mediaPauseSchema,
    async ({ consultationId, producerId, paused }) => {
      const target = room(consultationId);
      await mediasoupCall(() => target.pause(role, producerId, paused));
      return {};
    },
    logger,
  );
}
