import type { AckError, DevicePresence, DeviceSummary } from '@madoguchi/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from './api';
import { initialDeviceTable, reduceDeviceTable, type DeviceEvent, type DeviceTable } from './devices';
import type { StaffSocket } from './socket';

export interface DeviceTableHandle {
  table: DeviceTable;
  loadError: AckError | undefined;
  reload: () => void;
  apply: (event: DeviceEvent) => void;
}

function asAckError(error: unknown): AckError {
  return error instanceof ApiError ? error.toAckError() : { code: 'INTERNAL', message: 'errors.INTERNAL' };
}

/**
 * The device list, kept live: loaded over HTTP, then patched by `device:updated` and
 * `device:presence`. It loads again after every (re)connect, since events may have been missed.
 */
export function useDeviceTable(api: ApiClient, socket: StaffSocket): DeviceTableHandle {
  const [table, dispatch] = useReducer(reduceDeviceTable, initialDeviceTable);
  const [loadError, setLoadError] = useState<AckError | undefined>(undefined);
  // Only the newest load may land: an older answer would undo events heard since.
  const loadSeq = useRef(0);

  const reload = useCallback(() => {
    const seq = ++loadSeq.current;
    dispatch({ type: 'load-start' });
    api.devices().then(
      (devices) => {
        if (seq !== loadSeq.current) return;
        setLoadError(undefined);
        dispatch({ type: 'load-done', devices });
      },
      (error: unknown) => {
        if (seq !== loadSeq.current) return;
        setLoadError(asAckError(error));
        dispatch({ type: 'load-failed' });
      },
    );
  }, [api]);

  const apply = useCallback((event: DeviceEvent) => dispatch({ type: 'event', event }), []);

  useEffect(() => {
    const onUpdated = (device: DeviceSummary) => apply({ kind: 'updated', device });
    const onPresence = (presence: DevicePresence) => apply({ kind: 'presence', presence });
    socket.on('device:updated', onUpdated);
    socket.on('device:presence', onPresence);
    socket.on('connect', reload);
    reload();
    return () => {
      loadSeq.current += 1;
      socket.off('device:updated', onUpdated);
      socket.off('device:presence', onPresence);
      socket.off('connect', reload);
    };
  }, [socket, reload, apply]);

  return { table, loadError, reload, apply };
}
