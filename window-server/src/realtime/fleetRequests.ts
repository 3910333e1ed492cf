import { DEVICE_REQUESTS } from '@madoguchi/shared';
import type { Socket } from 'socket.io';
import type { Logger } from '../core/logger.js';
import type { Fleet } from '../fleet/index.js';
import { answerRequests } from './requests.js';

/** A TV reports its health and says it stored a configuration the operator pushed. */
export function attachFleetRequests(
  socket: Socket,
  requireDevice: () => string,
  fleet: Fleet,
  logger: Logger,
): void {
  const answer = answerRequests(socket, DEVICE_REQUESTS, logger);
  answer('device:report', (report) => {
    fleet.report(requireDevice(), report);
    return {};
  });
  answer('config:stored', ({ version }) => {
    fleet.stored(requireDevice(), version);
    return {};
  });
}
