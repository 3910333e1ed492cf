import { epochMs } from '@madoguchi/shared';
import { useEffect, useState } from 'preact/hooks';
import { useClock } from './clock';

/** The time now, renewed every `intervalMs`, for waiting times that tick on screen. */
export function useNow(intervalMs = 1000): number {
  const clock = useClock();
  const [now, setNow] = useState(() => epochMs(clock));
  useEffect(() => {
    const timer = setInterval(() => setNow(epochMs(clock)), intervalMs);
    return () => clearInterval(timer);
  }, [clock, intervalMs]);
  return now;
}
