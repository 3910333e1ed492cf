import type { Lifecycle, LifecycleEvent } from './Platform.js';

/** A lifecycle whose events are raised by hand: Node, tests, boxes without page visibility. */
export class ManualLifecycle implements Lifecycle {
  private readonly listeners = new Map<LifecycleEvent, Set<() => void>>();
  private suspended = false;

  on(event: LifecycleEvent, listener: () => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Raises `suspend` once, however many hide signals arrive. */
  suspend(): void {
    if (this.suspended) return;
    this.suspended = true;
    this.emit('suspend');
  }

  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.emit('resume');
  }

  private emit(event: LifecycleEvent): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener();
      } catch (error) {
        // One broken listener must not keep the others from hearing about standby.
        console.error('lifecycle listener failed', error);
      }
    }
  }
}

/** Page visibility: a hidden page or one going into the back/forward cache is suspended. */
export class BrowserLifecycle extends ManualLifecycle {
  constructor(win: Window) {
    super();
    const doc = win.document;
    doc.addEventListener('visibilitychange', () => {
      if (doc.visibilityState === 'hidden') this.suspend();
      else this.resume();
    });
    win.addEventListener('pagehide', () => this.suspend());
    win.addEventListener('pageshow', () => this.resume());
  }
}
