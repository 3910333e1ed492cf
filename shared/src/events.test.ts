import { describe, expect, it, vi } from 'vitest';
import { TypedEmitter, type ListenerErrorReporter } from './events.js';

type Events = { state: [state: string]; closed: [] };

/** Exposes the protected parts, as a subclass would use them. */
class Emitter extends TypedEmitter<Events> {
  emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    this.safeEmit(event, ...args);
  }

  clear(): void {
    this.removeAllListeners();
  }
}

describe('the typed emitter', () => {
  it('calls every listener in the order they were added', () => {
    const emitter = new Emitter();
    const heard: string[] = [];
    emitter.on('state', (state) => heard.push(`a:${state}`));
    emitter.on('state', (state) => heard.push(`b:${state}`));
    emitter.emit('state', 'online');
    emitter.emit('closed');
    expect(heard).toEqual(['a:online', 'b:online']);
  });

  it('runs the other listeners when one throws, and reports it with the event', () => {
    const report = vi.fn<ListenerErrorReporter>();
    const emitter = new Emitter(report);
    const boom = new Error('boom');
    const after = vi.fn();
    emitter.on('state', () => {
      throw boom;
    });
    emitter.on('state', after);
    expect(() => emitter.emit('state', 'online')).not.toThrow();
    expect(after).toHaveBeenCalledWith('online');
    expect(report).toHaveBeenCalledExactlyOnceWith(boom, 'state');
  });

  it('reports to console.error by default, and survives a reporter that throws', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const quiet = new Emitter();
      quiet.on('closed', () => {
        throw new Error('boom');
      });
      quiet.emit('closed');
      expect(consoleError).toHaveBeenCalledOnce();
    } finally {
      consoleError.mockRestore();
    }
    const broken = new Emitter(() => {
      throw new Error('the reporter failed');
    });
    const after = vi.fn();
    broken.on('closed', () => {
      throw new Error('boom');
    });
    broken.on('closed', after);
    expect(() => broken.emit('closed')).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
  });

  it('stops calling a listener once unsubscribed, and unsubscribing twice is harmless', () => {
    const emitter = new Emitter();
    const listener = vi.fn();
    const off = emitter.on('state', listener);
    emitter.emit('state', 'a');
    off();
    off();
    emitter.emit('state', 'b');
    expect(listener).toHaveBeenCalledExactlyOnceWith('a');
    expect(emitter.listenerCount('state')).toBe(0);
  });

  it('treats each on() as its own subscription, the same function twice too', () => {
    const emitter = new Emitter();
    const listener = vi.fn();
    const offFirst = emitter.on('closed', listener);
    emitter.on('closed', listener);
    emitter.emit('closed');
    expect(listener).toHaveBeenCalledTimes(2);
    offFirst();
    emitter.emit('closed');
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('calls the listeners registered when the emit started', () => {
    const emitter = new Emitter();
    const heard: string[] = [];
    const late = (state: string) => heard.push(`late:${state}`);
    let offSecond = (): void => undefined;
    emitter.on('state', (state) => {
      heard.push(`first:${state}`);
      emitter.on('state', late);
      offSecond();
    });
    offSecond = emitter.on('state', (state) => heard.push(`second:${state}`));
    emitter.emit('state', 'one');
    // Added during the emit: first heard on the next one. Removed during it: still heard this one.
    expect(heard).toEqual(['first:one', 'second:one']);
    heard.length = 0;
    emitter.emit('state', 'two');
    expect(heard).toEqual(['first:two', 'late:two']);
  });

  it('forgets every listener on removeAllListeners, and knows no inherited event names', () => {
    const emitter = new Emitter();
    const listener = vi.fn();
    emitter.on('state', listener);
    emitter.clear();
    emitter.emit('state', 'a');
    expect(listener).not.toHaveBeenCalled();
    const odd = new (class extends TypedEmitter<{ toString: [] }> {
      fire(): void {
        this.safeEmit('toString');
      }
    })();
    expect(odd.listenerCount('toString')).toBe(0);
    expect(() => odd.fire()).not.toThrow();
  });
});
