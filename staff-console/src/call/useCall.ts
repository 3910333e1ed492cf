import { useEffect, useMemo, useState } from 'preact/hooks';
import type { StaffSocket } from '../socket';
import { listen, request } from '../staffRequest';
import { CallController } from './CallController';
import { callStateHook, type CallView } from './callState';
import { openLocalMedia } from './localMedia';
import { mediasoupStarter } from './mediasoupSession';

declare global {
  interface Window {
    /** For end-to-end tests: the call's state and the inbound video as getStats() sees it. */
    __staffCall?: {
      state: () => string;
      consultationId: () => string | null;
      stats: () => ReturnType<CallController['stats']>;
    };
  }
}

/** One call controller per signed-in session, on the session's socket. */
export function useCallController(socket: StaffSocket, staffId: string): CallController {
  const controller = useMemo(
    () =>
      new CallController({
        staffId,
        request: (event, payload) => request(socket, event, payload),
        listen: (event, listener) => listen(socket, event, listener),
        startSession: mediasoupStarter(socket),
        openLocalMedia: () => openLocalMedia(),
      }),
    [socket, staffId],
  );
  useEffect(() => {
    window.__staffCall = {
      state: () => callStateHook(controller.current.phase),
      consultationId: () => controller.current.consultation?.consultationId ?? null,
      stats: () => controller.stats(),
    };
    return () => {
      delete window.__staffCall;
      controller.dispose();
    };
  }, [controller]);
  return controller;
}

/** The call as the panel shows it; re-renders on every change. */
export function useCallView(controller: CallController): CallView {
  const [view, setView] = useState(controller.current);
  useEffect(() => {
    setView(controller.current);
    return controller.subscribe(() => setView(controller.current));
  }, [controller]);
  return view;
}
