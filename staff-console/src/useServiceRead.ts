import { useEffect, useMemo, useState } from 'preact/hooks';
import { useConsole } from './context';
import { ServiceRead, type ServiceReadState } from './services/serviceRead';
import { request } from './staffRequest';

/**
 * One consent-gated read for one citizen in this call (`citizen:wallet`, `citizen:childcare`):
 * read when the consent is granted, hidden the moment it is not. Mount it per citizen (keyed),
 * so nothing read for one person is ever drawn for another.
 */
export function useServiceRead<T>(
  event: 'citizen:wallet' | 'citizen:childcare',
  consultationId: string,
  citizenId: string,
  granted: boolean,
): { state: ServiceReadState<T>; reload: () => void } {
  const { socket } = useConsole();
  const read = useMemo(
    () => new ServiceRead<T>(() => request<T>(socket, event, { consultationId, citizenId })),
    [socket, event, consultationId, citizenId],
  );
  const [state, setState] = useState(read.current);
  useEffect(() => {
    setState(read.current);
    const off = read.subscribe(() => setState(read.current));
    return () => {
      off();
      read.dispose();
    };
  }, [read]);
  useEffect(() => {
    read.track(granted);
  }, [read, granted]);
  return useMemo(() => ({ state, reload: () => void read.reload() }), [state, read]);
}
