import type { CallJoinInfo } from '@madoguchi/shared';
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
  const signalling = {
    request: <T>(event: string, payload: unknown) => request<T>(socket, event, payload),
    on: (event: string, listener: (payload: never) => void) => listen(socket, event, listener),
  };
  return async (join, localStream) => {
    const { CallSession } = await import('@madoguchi/stb-bridge/call');
    return CallSession.start({ signalling, join, localStream });
  };
}
