import { epochMs, systemClock, type AckError, type CitizenPanel, type Clock } from '@madoguchi/shared';
import { toAckError, type StaffListener, type StaffRequester } from './staffRequest';

export interface CitizenPanelData {
  linkedCount: number;
  citizens: CitizenPanel[];
}

export interface CitizenPanelState {
  consultationId: string | null;
  /** The last answer; null before the first one, after an error and while the socket is down. */
  panel: CitizenPanelData | null;
  loading: boolean;
  error: AckError | null;
  /** The socket is down: what the citizens consent to may change unseen, so nothing is shown. */
  offline: boolean;
  /** When the panel shown was read (ms since the epoch). */
  loadedAt: number | null;
}

export interface CitizenPanelDeps {
  /** A request on the /staff socket; rejects with the server's error. */
  request: StaffRequester;
  /** Listens to an event of the /staff socket; returns the function that stops listening. */
  listen: StaffListener;
  /** Where `loadedAt` is read from; the system's clock by default. */
  clock?: Clock;
}

const EMPTY: CitizenPanelState = {
  consultationId: null,
  panel: null,
  loading: false,
  error: null,
  offline: false,
  loadedAt: null,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer is untrusted: a malformed one is a server fault, not an empty TV. */
export function readPanel(answer: unknown): CitizenPanelData {
  if (!isRecord(answer) || !Array.isArray(answer.citizens)) throw new Error('malformed citizen:panel');
  const citizens = answer.citizens.filter(
    (c): c is CitizenPanel => isRecord(c) && typeof c.citizenId === 'string' && Array.isArray(c.consents),
  );
  const linkedCount = typeof answer.linkedCount === 'number' ? answer.linkedCount : citizens.length;
  return { linkedCount: Math.max(linkedCount, citizens.length), citizens };
}

/**
 * Who is registered on the TV in this officer's call, and what each of them lets the officer
 * see. Read when the call connects (again after a reconnection) and on every `citizen:changed`
 * for this consultation; the newest answer wins. While the socket is down, or when a read
 * fails, nothing is shown: a revoked consent must never leave its data on screen.
 */
export class CitizenPanelLoader {
  private state: CitizenPanelState = EMPTY;
  private readonly subscribers = new Set<() => void>();
  private readonly offs: (() => void)[];
  private seq = 0;
  private connected = false;
  /** The call has connected once: changes are followed from then on, hold and reconnection included. */
  private following = false;
  private disposed = false;

  constructor(private readonly deps: CitizenPanelDeps) {
    this.offs = [
      deps.listen('citizen:changed', (payload) => {
        if (this.following && isRecord(payload) && payload.consultationId === this.state.consultationId) {
          void this.refresh();
        }
      }),
      deps.listen('disconnect', () => {
        // Pushes cannot reach us now; hide what a consent change might have taken away.
        this.seq += 1;
        this.update({ panel: null, loading: false, offline: true, loadedAt: null });
      }),
      deps.listen('connect', () => {
        // Back (or a first answer that never came): what changed meanwhile was not pushed to us.
        if (this.state.offline) this.update({ offline: false });
        if (this.following) void this.refresh();
      }),
    ];
  }

  get current(): CitizenPanelState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Follows the call: a new consultation starts empty; each time it connects, read the panel. */
  track(consultationId: string | null, connected: boolean): void {
    if (consultationId !== this.state.consultationId) {
      this.seq += 1;
      this.connected = false;
      this.following = false;
      this.update({ ...EMPTY, consultationId, offline: this.state.offline });
    }
    const connecting = connected && !this.connected;
    this.connected = connected;
    if (connecting && consultationId) {
      this.following = true;
      void this.refresh();
    }
  }

  async refresh(): Promise<void> {
    const consultationId = this.state.consultationId;
    if (!consultationId || this.disposed) return;
    this.seq += 1;
    const seq = this.seq;
    this.update({ loading: true });
    let panel: CitizenPanelData;
    try {
      panel = readPanel(await this.deps.request('citizen:panel', { consultationId }));
    } catch (error) {
      if (seq !== this.seq) return;
      this.update({ panel: null, loading: false, error: toAckError(error), loadedAt: null });
      return;
    }
    if (seq !== this.seq) return;
    const now = epochMs(this.deps.clock ?? systemClock);
    this.update({ panel, loading: false, error: null, offline: false, loadedAt: now });
  }

  dispose(): void {
    this.disposed = true;
    this.seq += 1;
    for (const off of this.offs.splice(0)) off();
    this.subscribers.clear();
  }

  private update(patch: Partial<CitizenPanelState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const subscriber of this.subscribers) subscriber();
  }
}
