import type { DeviceReport } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { FleetReporter, QUIET_REPORT_EVERY_MS, readMemory } from './fleetReport';

function setUp(options: { fail?: boolean } = {}) {
  let now = Date.parse('2025-04-01T00:00:00.000Z');
  let online = true;
  const sent: DeviceReport[] = [];
  const reporter = new FleetReporter({
    send: (report) => {
      if (options.fail) return Promise.reject(new Error('RATE_LIMITED'));
      sent.push(report);
      return Promise.resolve();
    },
    online: () => online,
    memory: () => ({ deviceGb: 2 }),
    now: () => now,
  });
  return {
    reporter,
    sent,
    advance: (ms: number) => (now += ms),
    setOnline: (value: boolean) => (online = value),
  };
}

/** Just enough of a window to dispatch its error events. */
class FakeWindow {
  private readonly listeners = new Map<string, Set<(event: Event) => void>>();

  addEventListener(type: string, listener: (event: Event) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  dispatch(type: string, event: object): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event as Event);
  }
}

describe('FleetReporter', () => {
  it('sends a first report at once, then at most one a minute, errors batched', async () => {
    const { reporter, sent, advance } = setUp();
    expect(await reporter.flush()).toBe(true);
    expect(sent).toEqual([{ memory: { deviceGb: 2 }, errors: [] }]);

    reporter.add('first');
    advance(10_000);
    reporter.add('second');
    expect(await reporter.flush()).toBe(false);
    advance(50_000);
    expect(await reporter.flush()).toBe(true);
    expect(sent[1]?.errors.map((error) => error.message)).toEqual(['first', 'second']);
    expect(reporter.pending).toEqual([]);
  });

  it('without errors, reports memory only every quarter of an hour', async () => {
    const { reporter, sent, advance } = setUp();
    await reporter.flush();
    advance(5 * 60_000);
    expect(await reporter.flush()).toBe(false);
    advance(QUIET_REPORT_EVERY_MS);
    expect(await reporter.flush()).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it('keeps the last ten errors while off line or refused', async () => {
    const { reporter, sent, setOnline, advance } = setUp();
    setOnline(false);
    for (let n = 0; n < 12; n++) reporter.add(`error ${n}`);
    expect(await reporter.flush()).toBe(false);
    expect(reporter.pending.map((error) => error.message)).toEqual(
      Array.from({ length: 10 }, (_, n) => `error ${n + 2}`),
    );
    setOnline(true);
    advance(1);
    expect(await reporter.flush()).toBe(true);
    expect(sent[0]?.errors).toHaveLength(10);

    const refused = setUp({ fail: true });
    refused.reporter.add('kept');
    expect(await refused.reporter.flush()).toBe(false);
    expect(refused.reporter.pending.map((error) => error.message)).toEqual(['kept']);
  });

  it('collects script errors and rejections, without query strings', () => {
    const { reporter } = setUp();
    const win = new FakeWindow();
    const stop = reporter.listen(win as unknown as Window);
    win.dispatch('error', {
      message: 'TypeError: x is undefined',
      filename: 'http://city.example/tv/hbbtv/assets/index.js?code=WXYZ-1234',
      lineno: 12,
      colno: 7,
    });
    win.dispatch('unhandledrejection', { reason: new Error('see http://a.example/p?token=abc') });
    win.dispatch('unhandledrejection', { reason: 42 });
    stop();
    win.dispatch('error', { message: 'after stop' });
    expect(reporter.pending.map(({ message, source }) => ({ message, source }))).toEqual([
      { message: 'TypeError: x is undefined', source: 'http://city.example/tv/hbbtv/assets/index.js:12:7' },
      { message: 'Error: see http://a.example/p', source: 'promise' },
      { message: 'unhandled rejection', source: 'promise' },
    ]);
  });
});

describe('readMemory', () => {
  it('reads what the browser has, and null when it has nothing', () => {
    const win = {
      performance: { memory: { usedJSHeapSize: 1000.4, totalJSHeapSize: 2000, jsHeapSizeLimit: 4000 } },
      navigator: { deviceMemory: 0.5 },
    } as unknown as Window;
    expect(readMemory(win)).toEqual({
      usedJsHeap: 1000,
      totalJsHeap: 2000,
      jsHeapLimit: 4000,
      deviceGb: 0.5,
    });
    expect(readMemory({ performance: {}, navigator: {} } as unknown as Window)).toBeNull();
  });
});
