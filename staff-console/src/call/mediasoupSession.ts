import type { CallJoinInfo } from '@madoguchi/shared';
import type { CallSignalling } from '@madoguchi/stb-bridge/call';
import type { StaffSocket } from '../socket';
import { listen, request } from '../staffRequest';
import type { MediaSession } from './CallController';

/**
 * Starts the media of a consultation through mediasoup, signalling over the officer's /staff
 * socket. mediasoup-client loads with the first call, not with the sign-in page.
 */
export function mediasoupStarter(
  socket: StaffSocket,
): (join: CallJoinInfo, localStream: MediaStream | null) => Promise<MediaSession> {
  const signalling: CallSignalling = {
    request: (event, payload) => request(socket, event, payload),
    on: (event, listener) => listen(socket, event, listener),
  };
  return async (join, localStream) => {
    const { CallSession } = await import('@madoguchi/stb-bridge/call');
    return CallSession.start({ signalling, join, localStream });
  };
}
