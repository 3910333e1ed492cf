import type { AckError, CounterSnapshot } from '@madoguchi/shared';
import { useCallback, useEffect, useReducer, useState } from 'preact/hooks';
import { initialSnapshotState, reduceSnapshot } from './snapshot';
import type { StaffSocket } from './socket';
import { request, toAckError } from './staffRequest';

export interface CounterSnapshotHandle {
  snapshot: CounterSnapshot | null;
  error: AckError | null;
  resync: () => void;
}

/**
 * The whole counter, kept live: asked for on every (re)connection of the /staff socket (events
 * may have been missed), then replaced by each newer `counter:changed`. Not `enabled` (the cable
 * operator's role), it asks for nothing and stays empty.
 */
export function useCounterSnapshot(socket: StaffSocket, enabled = true): CounterSnapshotHandle {
  const [state, dispatch] = useReducer(reduceSnapshot, initialSnapshotState);
  const [error, setError] = useState<AckError | null>(null);

  const resync = useCallback(() => {
    if (!enabled) return;
    request(socket, 'counter:snapshot', {}).then(
      (snapshot) => {
        setError(null);
        dispatch({ type: 'received', snapshot });
      },
      (failure: unknown) => setError(toAckError(failure)),
    );
  }, [socket, enabled]);

  useEffect(() => {
    if (!enabled) return;
    const onConnect = () => {
      dispatch({ type: 'connected' });
      resync();
    };
    const onChanged = (snapshot: CounterSnapshot) => dispatch({ type: 'received', snapshot });
    socket.on('connect', onConnect);
    socket.on('counter:changed', onChanged);
    if (socket.connected) onConnect();
    return () => {
      socket.off('connect', onConnect);
      socket.off('counter:changed', onChanged);
    };
  }, [socket, resync, enabled]);

  return { snapshot: state.snapshot, error, resync };
}
