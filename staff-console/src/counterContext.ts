import type { AckError, CounterSnapshot } from '@madoguchi/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CallController } from './call/CallController';

/** The live counter and this officer's call, shared by the counter and supervisor pages. */
export interface CounterContextValue {
  snapshot: CounterSnapshot | null;
  snapshotError: AckError | null;
  resync: () => void;
  call: CallController;
}

export const CounterContext = createContext<CounterContextValue | null>(null);

export function useCounter(): CounterContextValue {
  const value = useContext(CounterContext);
  if (!value) throw new Error('useCounter outside a signed-in page');
  return value;
}
