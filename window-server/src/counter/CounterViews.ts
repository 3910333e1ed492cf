import type {
  CallJoinInfo,
  MyCall,
  OpenQueueStatus,
  ConsultationView,
  CounterSnapshot,
  MyQueueEntry,
  OfficerStatus,
  OfficerView,
  QueueEntryView,
  StaffAccount,
} from '@madoguchi/shared';
import type { Clock } from '../core/clock.js';
import type { StaffAuth } from '../staff/index.js';
import type { Tenant } from '../tenants/index.js';
import { addDays, localDateOf, zonedInstant } from '../core/zonedTime.js';
import type { CounterFigures } from './CounterFigures.js';
import type { ConsultationRecord, CounterStore, QueueEntryRecord } from './CounterStore.js';

/** How many recent calls the waiting-time estimate averages. */
const RECENT_CALLS = 20;

/** Officers with a console open, and whether they take calls. */
export class OfficerRoster {
  private readonly sockets = new Map<string, number>();
  private readonly away = new Set<string>();

  connected(staffId: string): void {
    this.sockets.set(staffId, (this.sockets.get(staffId) ?? 0) + 1);
  }

  disconnected(staffId: string): void {
    const left = (this.sockets.get(staffId) ?? 1) - 1;
    if (left > 0) this.sockets.set(staffId, left);
    else this.sockets.delete(staffId);
  }

  setAway(staffId: string, away: boolean): void {
    if (away) this.away.add(staffId);
    else this.away.delete(staffId);
  }

  isOnline(staffId: string): boolean {
    return this.sockets.has(staffId);
  }

  isAway(staffId: string): boolean {
    return this.away.has(staffId);
  }

  /** Officers who can take calls now or soon (connected and not away). */
  serving(): number {
    return [...this.sockets.keys()].filter((id) => !this.away.has(id)).length;
  }
}

export interface CounterViewsDeps {
  store: CounterStore;
  figures: CounterFigures;
  tenant: Tenant;
  staff: StaffAuth;
  roster: OfficerRoster;
  clock: Clock;
  /** Serving time assumed before there is any history, in minutes. */
  defaultServeMinutes: number;
}

/** What the counter looks like to a TV and to officers, computed from the rows. */
export class CounterViews {
  private readonly store: CounterStore;
  private readonly figures: CounterFigures;
  private readonly tenant: Tenant;
  private readonly staff: StaffAuth;
  private readonly roster: OfficerRoster;
  private readonly clock: Clock;
  private readonly defaultServeMinutes: number;

  constructor(deps: CounterViewsDeps) {
    this.store = deps.store;
    this.figures = deps.figures;
    this.tenant = deps.tenant;
    this.staff = deps.staff;
    this.roster = deps.roster;
    this.clock = deps.clock;
    this.defaultServeMinutes = deps.defaultServeMinutes;
  }

  /** The call a TV is in: an ended one still reads as answered until the TV hears it ended. */
  async myCall(consultation: ConsultationRecord, join: CallJoinInfo | null): Promise<MyCall> {
    return {
      consultationId: consultation.id,
      status: consultation.status === 'ended' ? 'active' : consultation.status,
      topic: consultation.topic,
      officerName: (await this.staff.account(consultation.staffId))?.displayName ?? '',
      join,
    };
  }

  /** In `store`'s transaction when given, so a reply is read with the change it reports. */
  async myEntry(deviceId: string, store: CounterStore = this.store): Promise<MyQueueEntry | null> {
    const entry = await store.openEntryOf(deviceId);
    if (!entry) return null;
    if (entry.status !== 'waiting') return this.tvEntry(entry, null, []);
    const [open, recent] = await Promise.all([store.openEntries(), store.recentServeSeconds(RECENT_CALLS)]);
    return this.tvEntry(entry, positionOf(entry, open), recent);
  }

  /**
   * Many TVs' places from one read of the queue: the push after a change costs two queries
   * however many TVs wait, not two per TV (on PostgreSQL each is a round trip).
   */
  async myEntries(deviceIds: Iterable<string>): Promise<Map<string, MyQueueEntry | null>> {
    const [open, recent] = await Promise.all([
      this.store.openEntries(),
      this.store.recentServeSeconds(RECENT_CALLS),
    ]);
    const byDevice = new Map(open.map((entry) => [entry.deviceId, entry]));
    const positions = positionsOf(open);
    const views = new Map<string, MyQueueEntry | null>();
    for (const deviceId of deviceIds) {
      const entry = byDevice.get(deviceId);
      views.set(deviceId, entry ? this.tvEntry(entry, positions.get(entry.id) ?? null, recent) : null);
    }
    return views;
  }

  /** An open entry as its TV sees it; a waiting one has its place and an estimate. */
  private tvEntry(entry: QueueEntryRecord, position: number | null, recent: number[]): MyQueueEntry {
    const base = {
      entryId: entry.id,
      topic: entry.topic,
      kind: entry.kind,
      joinedAt: entry.joinedAt,
      callback: entry.callback ? { date: entry.callback.date, period: entry.callback.period } : null,
    };
    if (entry.status !== 'waiting' || position === null) {
      // Open entries only (the store's SQL filters on OPEN_QUEUE_STATUSES).
      return { ...base, status: entry.status as OpenQueueStatus, position: null, etaMinutes: null };
    }
    return { ...base, status: 'waiting', position, etaMinutes: this.etaMinutes(position, recent) };
  }

  /** From recent serving times, shared among the officers who take calls. */
  private etaMinutes(position: number, recent: number[]): number {
    const serveMinutes =
      recent.length > 0
        ? recent.reduce((sum, s) => sum + s, 0) / recent.length / 60
        : this.defaultServeMinutes;
    return Math.max(1, Math.ceil((position * serveMinutes) / Math.max(1, this.roster.serving())));
  }

  async snapshot(version: number): Promise<CounterSnapshot> {
    const now = this.clock.now();
    const [open, consultations, unrecorded, accounts, today] = await Promise.all([
      this.store.openEntries(),
      this.store.openConsultations(),
      this.store.unrecordedConsultations(),
      this.staff.listAccounts(),
      this.today(now),
    ]);
    const names = new Map(accounts.map((account) => [account.id, account.displayName]));
    const cameras = new Map(open.map((entry) => [entry.id, entry.camera]));
    // Ended calls still waiting for their outcome stay listed, so the officer can record it.
    const listed = [...consultations, ...unrecorded];
    const views = await Promise.all(listed.map((c) => this.consultation(c, { names, cameras })));
    return {
      version,
      topics: this.tenant.file.counter.topics,
      openNow: this.tenant.calendar.isOpen(now),
      waiting: open.filter((e) => e.status === 'waiting').map((e) => this.entryView(e)),
      callbacks: open
        .filter((e) => e.status === 'callbackRequested' || e.status === 'ringing')
        .map((e) => this.entryView(e)),
      consultations: views,
      officers: this.officers(consultations, accounts),
      today,
    };
  }

  /** `known` saves the lookups a snapshot has already made (officers' names, open entries' cameras). */
  async consultation(
    record: ConsultationRecord,
    known: { names?: Map<string, string>; cameras?: Map<string, boolean> } = {},
  ): Promise<ConsultationView> {
    const camera =
      known.cameras?.get(record.entryId) ?? (await this.store.entry(record.entryId))?.camera ?? false;
    const staffName =
      known.names?.get(record.staffId) ?? (await this.staff.account(record.staffId))?.displayName ?? '';
    return {
      consultationId: record.id,
      entryId: record.entryId,
      topic: record.topic,
      deviceId: record.deviceId,
      staffId: record.staffId,
      staffName,
      status: record.status,
      startedAt: record.startedAt,
      camera,
    };
  }

  private entryView(entry: QueueEntryRecord): QueueEntryView {
    return {
      entryId: entry.id,
      topic: entry.topic,
      kind: entry.kind,
      status: entry.status,
      joinedAt: entry.joinedAt,
      deviceId: entry.deviceId,
      camera: entry.camera,
      assignedStaffId: entry.assignedStaffId,
      transferred: entry.transferred,
      callback: entry.callback,
    };
  }

  private officers(consultations: ConsultationRecord[], accounts: StaffAccount[]): OfficerView[] {
    return (
      accounts
        // The cable operator's engineers take no calls.
        .filter((account) => !account.disabled && account.role !== 'operator')
        .map((account) => {
          let status: OfficerStatus = 'offline';
          if (consultations.some((c) => c.staffId === account.id)) status = 'inCall';
          else if (this.roster.isOnline(account.id))
            status = this.roster.isAway(account.id) ? 'away' : 'available';
          return { staffId: account.id, displayName: account.displayName, status };
        })
    );
  }

  /** Midnight to midnight in the tenant's time zone. */
  private today(now: Date): Promise<CounterSnapshot['today']> {
    const zone = this.tenant.file.timeZone;
    const date = localDateOf(now, zone);
    const from = zonedInstant(date, '00:00', zone);
    const to = zonedInstant(addDays(date, 1), '00:00', zone);
    return this.figures.figures(
      from,
      to,
      this.tenant.file.counter.topics.map((t) => t.id),
    );
  }
}

/** 1 = next: first come first served within the topic (a transfer keeps its time). */
/** Every waiting entry's place in its topic's line, in one pass over the queue. */
function positionsOf(open: readonly QueueEntryRecord[]): Map<string, number> {
  const lineLength = new Map<string, number>();
  const positions = new Map<string, number>();
  for (const entry of open) {
    if (entry.status !== 'waiting') continue;
    const place = (lineLength.get(entry.topic) ?? 0) + 1;
    lineLength.set(entry.topic, place);
    positions.set(entry.id, place);
  }
  return positions;
}

function positionOf(entry: QueueEntryRecord, open: readonly QueueEntryRecord[]): number {
  const ahead = open
    .filter((other) => other.status === 'waiting' && other.topic === entry.topic)
    .findIndex((other) => other.id === entry.id);
  return ahead + 1;
}
