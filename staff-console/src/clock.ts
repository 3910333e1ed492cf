import { epochMs, systemClock, type Clock } from '@madoguchi/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { tokyoDate } from './counter';

/** Where the console reads the time: the system's unless a test provides a fixed one. */
export const ClockContext = createContext<Clock>(systemClock);

export function useClock(): Clock {
  return useContext(ClockContext);
}

/** Today in Japan time (YYYY-MM-DD), the day the city counts in. */
export function useToday(): string {
  return tokyoDate(epochMs(useClock()));
}
