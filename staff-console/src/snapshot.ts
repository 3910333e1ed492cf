import type { CounterSnapshot } from '@madoguchi/shared';

/**
 * The counter as this console last heard it. Versions only grow within one connection; a new
 * connection may meet a restarted server whose versions begin again, so each (re)connection
 * starts a new run and takes the first snapshot it hears, whatever its number.
 */
export interface SnapshotState {
  snapshot: CounterSnapshot | null;
  /** The version taken last on this connection; null right after (re)connecting. */
  version: number | null;
}

export type SnapshotAction = { type: 'connected' } | { type: 'received'; snapshot: CounterSnapshot };

export const initialSnapshotState: SnapshotState = { snapshot: null, version: null };

/** Whether a snapshot heard now replaces the one on screen. */
export function isNewer(state: SnapshotState, snapshot: CounterSnapshot): boolean {
  return state.version === null || snapshot.version > state.version;
}

export function reduceSnapshot(state: SnapshotState, action: SnapshotAction): SnapshotState {
  if (action.type === 'connected') {
    // Keep showing the old counter until the new one arrives; only the version run restarts.
    return state.version === null ? state : { ...state, version: null };
  }
  if (!isNewer(state, action.snapshot)) return state;
  return { snapshot: action.snapshot, version: action.snapshot.version };
}
