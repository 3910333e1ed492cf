import {
  MAX_REPORTED_ERRORS,
  epochMs,
  REPORT_INTERVAL_MS,
  scrubErrorText,
  type DeviceErrorReport,
  type DeviceMemory,
  type Clock,
  type DeviceReport,
} from '@madoguchi/shared';

/** Without errors, memory alone is worth a report this often (in milliseconds). */
export const QUIET_REPORT_EVERY_MS = 15 * 60_000;

export interface FleetReporterOptions {
  /** `DeviceChannel.report`: rejects while off line or when the server refuses. */
  send: (report: DeviceReport) => Promise<void>;
  online: () => boolean;
  memory: () => DeviceMemory | null;
  /** Milliseconds since the epoch (tests). */
  now?: () => number;
}

interface BrowserMemory {
  usedJSHeapSize?: unknown;
  totalJSHeapSize?: unknown;
  jsHeapSizeLimit?: unknown;
}

const wholeBytes = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;

/** `performance.memory` (Chromium) and `navigator.deviceMemory` where the browser has them. */
export function readMemory(win: Pick<Window, 'performance' | 'navigator'>): DeviceMemory | null {
  const heap = (win.performance as { memory?: BrowserMemory } | undefined)?.memory;
  const deviceGb = (win.navigator as { deviceMemory?: unknown } | undefined)?.deviceMemory;
  const memory: DeviceMemory = {};
  const used = wholeBytes(heap?.usedJSHeapSize);
  const total = wholeBytes(heap?.totalJSHeapSize);
  const limit = wholeBytes(heap?.jsHeapSizeLimit);
  if (used !== undefined) memory.usedJsHeap = used;
  if (total !== undefined) memory.totalJsHeap = total;
  if (limit !== undefined) memory.jsHeapLimit = limit;
  if (typeof deviceGb === 'number' && Number.isFinite(deviceGb) && deviceGb >= 0 && deviceGb <= 1024) {
    memory.deviceGb = deviceGb;
  }
  return Object.keys(memory).length > 0 ? memory : null;
}

/** What an unhandled rejection says, whatever was thrown. */
function reasonText(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  if (typeof reason === 'string') return reason;
  return 'unhandled rejection';
}

/**
 * Script errors on this TV, batched for the cable operator's fleet view: at most one report a
 * minute, the last ten errors kept meanwhile, URLs without their query strings, nothing about
 * who is watching. Without errors, a report (memory) goes out at the first connection and then
 * every quarter of an hour.
 */
export class FleetReporter {
  private errors: DeviceErrorReport[] = [];
  private lastSentAt: number | undefined;
  private sending = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: FleetReporterOptions) {
    this.now = options.now ?? (() => epochMs());
  }

  get pending(): readonly DeviceErrorReport[] {
    return this.errors;
  }

  /** Keeps one error for the next report (the oldest go beyond ten). */
  add(message: string, source?: string): void {
    const text = scrubErrorText(message);
    if (!text) return;
    const error: DeviceErrorReport = { at: new Date(this.now()).toISOString(), message: text };
    const where = source ? scrubErrorText(source) : '';
    if (where) error.source = where;
    this.errors = [...this.errors, error].slice(-MAX_REPORTED_ERRORS);
  }

  /** Listens to the window's script errors and unhandled rejections; returns the way to stop. */
  listen(win: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const onError = (event: Event) => {
      const error = event as ErrorEvent;
      const where = error.filename ? `${error.filename}:${error.lineno ?? 0}:${error.colno ?? 0}` : undefined;
      this.add(error.message || 'script error', where);
    };
    const onRejection = (event: Event) => {
      this.add(reasonText((event as PromiseRejectionEvent).reason), 'promise');
    };
    win.addEventListener('error', onError);
    win.addEventListener('unhandledrejection', onRejection);
    return () => {
      win.removeEventListener('error', onError);
      win.removeEventListener('unhandledrejection', onRejection);
    };
  }

  /** Checks once a minute whether a report is due. */
  start(): void {
    this.timer ??= setInterval(() => void this.flush(), REPORT_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Sends a report when one is due and allowed: on line, a minute since the last, and errors
   * waiting (or the first report, or a quiet quarter of an hour). Errors sent are dropped; a
   * refused report keeps them for the next one.
   */
  async flush(): Promise<boolean> {
    if (this.sending || !this.options.online()) return false;
    const now = this.now();
    const since = this.lastSentAt === undefined ? Infinity : now - this.lastSentAt;
    if (since < REPORT_INTERVAL_MS) return false;
    if (this.errors.length === 0 && since < QUIET_REPORT_EVERY_MS) return false;
    const errors = this.errors;
    this.errors = [];
    this.sending = true;
    this.lastSentAt = now;
    try {
      await this.options.send({ memory: this.options.memory(), errors });
      return true;
    } catch {
      this.errors = [...errors, ...this.errors].slice(-MAX_REPORTED_ERRORS);
      return false;
    } finally {
      this.sending = false;
    }
  }
}

/** The part of the device channel reports need. */
export interface ReportChannel {
  readonly state: string;
  report(report: DeviceReport): Promise<void>;
  on(event: 'state', listener: (state: string) => void): () => void;
}

/** Reports this TV's health for as long as the app runs: errors from now on, memory, once a minute at most. */
export function reportFleetHealth(channel: ReportChannel, win: Window, clock: Clock): FleetReporter {
  const reporter = new FleetReporter({
    send: (report) => channel.report(report),
    online: () => channel.state === 'online',
    memory: () => readMemory(win),
    now: () => epochMs(clock),
  });
  reporter.listen(win);
  reporter.start();
  channel.on('state', (state) => {
    if (state === 'online') void reporter.flush();
  });
  return reporter;
}
