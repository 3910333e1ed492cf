import type { CounterSnapshot } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { initialSnapshotState, isNewer, reduceSnapshot, type SnapshotState } from './snapshot';

const snap = (version: number) => ({ version, waiting: [] }) as unknown as CounterSnapshot;

function feed(state: SnapshotState, ...versions: (number | 'connect')[]): SnapshotState {
  return versions.reduce<SnapshotState>(
    (current, item) =>
      reduceSnapshot(
        current,
        item === 'connect' ? { type: 'connected' } : { type: 'received', snapshot: snap(item) },
      ),
    state,
  );
}

describe('counter snapshots by version', () => {
  it('takes the first one and then only newer ones', () => {
    const state = feed(initialSnapshotState, 3, 5, 4, 5);
    expect(state.snapshot?.version).toBe(5);
    expect(state.version).toBe(5);
    expect(isNewer(state, snap(6))).toBe(true);
    expect(isNewer(state, snap(5))).toBe(false);
  });

  it('returns the same state for a stale one, so nothing re-renders', () => {
    const state = feed(initialSnapshotState, 7);
    expect(reduceSnapshot(state, { type: 'received', snapshot: snap(2) })).toBe(state);
  });

  it('keeps showing the old counter across a reconnection, then takes whatever the server says', () => {
    const before = feed(initialSnapshotState, 40);
    const reconnected = reduceSnapshot(before, { type: 'connected' });
    expect(reconnected.snapshot?.version).toBe(40);
    // A restarted server counts from 1 again: its snapshot still replaces the old one.
    const after = feed(reconnected, 2, 1, 3);
    expect(after.snapshot?.version).toBe(3);
  });

  it('does not change state when connecting twice', () => {
    const once = reduceSnapshot(initialSnapshotState, { type: 'connected' });
    expect(once).toBe(initialSnapshotState);
  });
});
