import { useEffect, useMemo, useState } from 'preact/hooks';
import { useConsole } from './context';
import { ServiceRead, type ServiceReadState } from './services/serviceRead';
import type { StaffSocket } from './socket';
import { request, type StaffPayload, type StaffReply } from './staffRequest';

type ServiceReadEvent = 'citizen:wallet' | 'citizen:childcare';
type CitizenRef = StaffPayload<ServiceReadEvent>;

// A map over the event names, so indexing it with a generic event keeps that event's reply.
const READS: {
  [E in ServiceReadEvent]: (socket: StaffSocket, ref: CitizenRef) => Promise<StaffReply<E>>;
} = {
  'citizen:wallet': (socket, ref) => request(socket, 'citizen:wallet', ref),
  'citizen:childcare': (socket, ref) => request(socket, 'citizen:childcare', ref),
};

/**
 * One consent-gated read for one citizen in this call (`citizen:wallet`, `citizen:childcare`):
 * read when the consent is granted, hidden the moment it is not. Mount it per citizen (keyed),
 * so nothing read for one person is ever drawn for another.
 */
export function useServiceRead<E extends ServiceReadEvent>(
  event: E,
  consultationId: string,
  citizenId: string,
  granted: boolean,
): { state: ServiceReadState<StaffReply<E>>; reload: () => void } {
  const { socket } = useConsole();
  const read = useMemo(() => {
    const readOne = READS[event];
    return new ServiceRead(() => readOne(socket, { consultationId, citizenId }));
  }, [socket, event, consultationId, citizenId]);
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
