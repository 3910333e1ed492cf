import type { StaffSessionInfo } from '@madoguchi/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api';
import type { StaffSocket } from './socket';

/** What every signed-in page may use. */
export interface ConsoleContextValue {
  api: ApiClient;
  session: StaffSessionInfo;
  socket: StaffSocket;
  /** Whether live updates are flowing (the /staff socket is connected). */
  live: boolean;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside a signed-in page');
  return value;
}
