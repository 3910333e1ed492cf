/**
 * One typed event emitter for the server and the clients (mediasoup's safeEmit): events are a
 * map of tuples, and a listener that throws is reported and never stops the others. No Node
 * `events` import, so it runs in browsers and set-top boxes as it does in window-server.
 */

/** Events as a map of argument tuples, e.g. `{ state: [state: string]; closed: [] }`. */
export type EventTuples<Events> = { [K in keyof Events]: unknown[] };

type Listener<Args extends unknown[]> = (...args: Args) => void;
type ListenerSets<Events extends EventTuples<Events>> = { [K in keyof Events]?: Set<Listener<Events[K]>> };

/** Told what a listener threw and on which event. */
export type ListenerErrorReporter = (error: unknown, event: string) => void;

const reportToConsole: ListenerErrorReporter = (error, event) => {
  console.error(`listener of "${event}" failed`, error);
};

/**
 * Listeners run in the order they were added. An emit calls the listeners registered when it
 * starts: one added meanwhile first hears the next emit, one removed meanwhile still hears this one
 * (as Node's EventEmitter does). Every `on()` is its own subscription, the same function twice too.
 */
export class TypedEmitter<Events extends EventTuples<Events>> {
  // No prototype, so an event called e.g. `toString` finds no inherited value. Private fields (#),
  // so no subclass member can clash with them.
  #listeners: ListenerSets<Events> = Object.create(null);
  readonly #onListenerError: ListenerErrorReporter;

  /** `onListenerError` is told about each throwing listener; by default console.error. */
  constructor(onListenerError: ListenerErrorReporter = reportToConsole) {
    this.#onListenerError = onListenerError;
  }

  /** Returns the function that removes this listener (calling it again does nothing). */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const set = this.#listeners[event] ?? new Set<Listener<Events[K]>>();
    this.#listeners[event] = set;
    // A wrapper of its own, so adding one function twice makes two subscriptions.
    const subscription: Listener<Events[K]> = (...args) => listener(...args);
    set.add(subscription);
    return () => {
      set.delete(subscription);
    };
  }

  /** How many listeners the event has now. */
  listenerCount(event: keyof Events): number {
    return this.#listeners[event]?.size ?? 0;
  }

  protected safeEmit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.#listeners[event];
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        this.#report(error, event);
      }
    }
  }

  protected removeAllListeners(): void {
    this.#listeners = Object.create(null);
  }

  #report(error: unknown, event: keyof Events): void {
    try {
      this.#onListenerError(error, String(event));
    } catch {
      // A reporter that fails must not break the emit either.
    }
  }
}
