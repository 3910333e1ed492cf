import type { CitizenPanel } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { CitizenPanelLoader, readPanel, type CitizenPanelData } from './citizenPanel';
import { RequestError } from './staffRequest';

type Listener = (payload: never) => void;

interface Pending {
  event: string;
  payload: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function harness() {
  const listeners = new Map<string, Set<Listener>>();
  const pending: Pending[] = [];
  const loader = new CitizenPanelLoader({
    request: <T>(event: string, payload: unknown) =>
      new Promise<T>((resolve, reject) => {
        pending.push({ event, payload, resolve: resolve as (value: unknown) => void, reject });
      }),
    listen: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    clock: { now: () => new Date(1_000) },
  });
  const emit = (event: string, payload?: unknown) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { loader, pending, emit, flush, listeners };
}

const consented: CitizenPanel = {
  citizenId: 'cit_1',
  profile: { name: '大村 花子', birthDate: '1985-04-01', household: [], children: [] },
  consents: [{ purpose: 'profile', granted: true, updatedAt: '2025-04-01T00:00:00Z' }],
};
const revoked: CitizenPanel = {
  citizenId: 'cit_1',
  profile: null,
  consents: [{ purpose: 'profile', granted: false, updatedAt: '2025-04-01T00:01:00Z' }],
};
const panel = (...citizens: CitizenPanel[]): CitizenPanelData => ({ linkedCount: citizens.length, citizens });

describe('the citizen panel', () => {
  it('is read when the call connects, not before', async () => {
    const { loader, pending, flush } = harness();
    loader.track('c1', false);
    expect(pending).toHaveLength(0);
    loader.track('c1', true);
    expect(pending).toEqual([
      expect.objectContaining({ event: 'citizen:panel', payload: { consultationId: 'c1' } }),
    ]);
    expect(loader.current.loading).toBe(true);
    pending[0]?.resolve(panel(consented));
    await flush();
    expect(loader.current).toMatchObject({
      panel: panel(consented),
      loading: false,
      error: null,
      loadedAt: 1_000,
    });
    // Staying connected does not read it again.
    loader.track('c1', true);
    expect(pending).toHaveLength(1);
  });

  it('is read again on citizen:changed for this call only, and after a reconnection', async () => {
    const { loader, pending, emit, flush } = harness();
    emit('citizen:changed', { consultationId: 'c1' });
    expect(pending).toHaveLength(0);
    loader.track('c1', true);
    pending[0]?.resolve(panel(consented));
    await flush();
    emit('citizen:changed', { consultationId: 'other' });
    expect(pending).toHaveLength(1);
    emit('citizen:changed', { consultationId: 'c1' });
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(panel(revoked));
    await flush();
    expect(loader.current.panel?.citizens[0]?.profile).toBeNull();
    // On hold or reconnecting the changes are still followed.
    loader.track('c1', false);
    emit('citizen:changed', { consultationId: 'c1' });
    expect(pending).toHaveLength(3);
    loader.track('c1', true);
    expect(pending).toHaveLength(4);
  });

  it('keeps the newest answer when two cross', async () => {
    const { loader, pending, emit, flush } = harness();
    loader.track('c1', true);
    emit('citizen:changed', { consultationId: 'c1' });
    pending[1]?.resolve(panel(revoked));
    await flush();
    pending[0]?.resolve(panel(consented));
    await flush();
    expect(loader.current.panel).toEqual(panel(revoked));
  });

  it('hides everything after a failed read and while the socket is down', async () => {
    const { loader, pending, emit, flush } = harness();
    loader.track('c1', true);
    pending[0]?.resolve(panel(consented));
    await flush();
    emit('citizen:changed', { consultationId: 'c1' });
    pending[1]?.reject(
      new RequestError({ code: 'SERVER_UNREACHABLE', message: 'errors.SERVER_UNREACHABLE' }),
    );
    await flush();
    expect(loader.current.panel).toBeNull();
    expect(loader.current.error?.code).toBe('SERVER_UNREACHABLE');

    emit('citizen:changed', { consultationId: 'c1' });
    pending[2]?.resolve(panel(consented));
    await flush();
    expect(loader.current.panel).not.toBeNull();
    emit('disconnect');
    expect(loader.current).toMatchObject({ panel: null, offline: true });
    emit('connect');
    expect(loader.current.offline).toBe(false);
    expect(pending).toHaveLength(4);
    pending[3]?.resolve(panel(revoked));
    await flush();
    expect(loader.current.panel).toEqual(panel(revoked));
  });

  it('starts empty for another consultation and drops the old answer', async () => {
    const { loader, pending, flush } = harness();
    loader.track('c1', true);
    loader.track('c2', false);
    pending[0]?.resolve(panel(consented));
    await flush();
    expect(loader.current).toMatchObject({ consultationId: 'c2', panel: null });
  });

  it('stops listening when disposed', () => {
    const { loader, listeners } = harness();
    loader.dispose();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });

  it('treats a malformed answer as a fault and ignores malformed rows', () => {
    expect(() => readPanel(null)).toThrow();
    expect(() => readPanel({ linkedCount: 1 })).toThrow();
    expect(readPanel({ citizens: [consented, { nope: true }] })).toEqual({
      linkedCount: 1,
      citizens: [consented],
    });
    expect(readPanel({ linkedCount: 3, citizens: [] }).linkedCount).toBe(3);
  });
});
