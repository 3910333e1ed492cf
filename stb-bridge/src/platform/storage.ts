import type { KeyValueStorage } from './Platform.js';

export class MemoryStorage implements KeyValueStorage {
  private readonly values = new Map<string, string>();

  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  remove(key: string): void {
    this.values.delete(key);
  }
}

/**
 * localStorage, written through to memory: private modes, full quotas and boxes that forbid
 * storage throw on access, and the app must keep working for this session at least.
 */
export class BrowserStorage implements KeyValueStorage {
  private readonly memory = new MemoryStorage();
  private readonly local: Storage | undefined;

  constructor(win: Window) {
    this.local = localStorageOf(win);
  }

  get(key: string): string | null {
    const remembered = this.memory.get(key);
    if (remembered !== null) return remembered;
    try {
      return this.local?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  set(key: string, value: string): void {
    this.memory.set(key, value);
    try {
      this.local?.setItem(key, value);
    } catch {
      // Kept in memory only (quota or policy); nothing else to do.
    }
  }

  remove(key: string): void {
    this.memory.remove(key);
    try {
      this.local?.removeItem(key);
    } catch {
      // Nothing stored there to remove.
    }
  }
}

function localStorageOf(win: Window): Storage | undefined {
  try {
    // Reading the property itself throws a SecurityError where storage is forbidden.
    return win.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
