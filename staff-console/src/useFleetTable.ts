import type { AckError, DevicePresence, FleetDevice } from '@madoguchi/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from './api';
import { initialFleetTable, reduceFleetTable, type FleetEvent, type FleetTable } from './fleet';
import type { StaffSocket } from './socket';

export interface FleetTableHandle {
  table: FleetTable;
  loadError: AckError | undefined;
  reload: () => void;
  apply: (event: FleetEvent) => void;
}

function asAckError(error: unknown): AckError {
  return error instanceof ApiError ? error.toAckError() : { code: 'INTERNAL', message: 'errors.INTERNAL' };
}

/**
 * The fleet, kept live like the device list: loaded over HTTP, then patched by `fleet:device`
 * (hello, report, configuration) and `device:presence`; loaded again after every reconnect.
 */
export function useFleetTable(api: ApiClient, socket: StaffSocket): FleetTableHandle {
  const [table, dispatch] = useReducer(reduceFleetTable, initialFleetTable);
  const [loadError, setLoadError] = useState<AckError | undefined>(undefined);
  // Only the newest load may land: an older answer would undo events heard since.
  const loadSeq = useRef(0);

  const reload = useCallback(() => {
    const seq = ++loadSeq.current;
    dispatch({ type: 'load-start' });
    api.fleet().then(
      (view) => {
        if (seq !== loadSeq.current) return;
        setLoadError(undefined);
        dispatch({ type: 'load-done', view });
      },
      (error: unknown) => {
        if (seq !== loadSeq.current) return;
        setLoadError(asAckError(error));
        dispatch({ type: 'load-failed' });
      },
    );
  }, [api]);

  const apply = useCallback((event: FleetEvent) => dispatch({ type: 'event', event }), []);

  useEffect(() => {
    const onDevice = (device: FleetDevice) => apply({ kind: 'device', device });
    const onPresence = (presence: DevicePresence) => apply({ kind: 'presence', presence });
    socket.on('fleet:device', onDevice);
    socket.on('device:presence', onPresence);
    socket.on('connect', reload);
    reload();
    return () => {
      loadSeq.current += 1;
      socket.off('fleet:device', onDevice);
      socket.off('device:presence', onPresence);
      socket.off('connect', reload);
    };
  }, [socket, reload, apply]);

  return { table, loadError, reload, apply };
}
