import type { AckError } from '@madoguchi/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { apiAckError, type ApiClient } from './api';
import type { StaffSocket } from './socket';

/** What a live table's reducer takes: its own `load-done`, and the steps every live table shares. */
export type LiveTableAction<Event, Done extends { type: 'load-done' }> =
  { type: 'load-start' } | Done | { type: 'load-failed' } | { type: 'event'; event: Event };

export interface LiveTableHandle<Table, Event> {
  table: Table;
  loadError: AckError | undefined;
  reload: () => void;
  apply: (event: Event) => void;
}

/** How one table loads and listens. Pass module-level values: they must not change between renders. */
export interface LiveTableSource<Table, Event, Data, Done extends { type: 'load-done' }> {
  reduce: (table: Table, action: LiveTableAction<Event, Done>) => Table;
  initial: Table;
  load: (api: ApiClient) => Promise<Data>;
  done: (data: Data) => Done;
  /** Subscribes to the socket events that patch the table; returns the unsubscribe. */
  listen: (socket: StaffSocket, apply: (event: Event) => void) => () => void;
}

/**
 * A table kept live: loaded over HTTP, then patched by socket events, and loaded again after
 * every (re)connect, since events may have been missed meanwhile.
 */
export function useLiveTable<Table, Event, Data, Done extends { type: 'load-done' }>(
  api: ApiClient,
  socket: StaffSocket,
  source: LiveTableSource<Table, Event, Data, Done>,
): LiveTableHandle<Table, Event> {
  const { reduce, initial, load, done, listen } = source;
  const [table, dispatch] = useReducer(reduce, initial);
  const [loadError, setLoadError] = useState<AckError | undefined>(undefined);
  // Only the newest load may land: an older answer would undo events heard since.
  const loadSeq = useRef(0);

  const reload = useCallback(() => {
    const seq = ++loadSeq.current;
    dispatch({ type: 'load-start' });
    load(api).then(
      (data) => {
        if (seq !== loadSeq.current) return;
        setLoadError(undefined);
        dispatch(done(data));
      },
      (error: unknown) => {
        if (seq !== loadSeq.current) return;
        setLoadError(apiAckError(error));
        dispatch({ type: 'load-failed' });
      },
    );
  }, [api, load, done]);

  const apply = useCallback((event: Event) => dispatch({ type: 'event', event }), []);

  useEffect(() => {
    const unlisten = listen(socket, apply);
    socket.on('connect', reload);
    reload();
    return () => {
      loadSeq.current += 1;
      unlisten();
      socket.off('connect', reload);
    };
  }, [socket, reload, apply, listen]);

  return { table, loadError, reload, apply };
}
