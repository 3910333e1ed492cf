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
  myCall(consultation: ConsultationRecord, join: CallJoinInfo | null): MyCall {
    return {
      consultationId: consultation.id,
      status: consultation.status === 'ended' ? 'active' : consultation.status,
      topic: consultation.topic,
      officerName: this.staff.account(consultation.staffId)?.displayName ?? '',
      join,
    };
  }

  myEntry(deviceId: string): MyQueueEntry | null {
    const entry = this.store.openEntryOf(deviceId);
    if (!entry) return null;
    const base = {
      entryId: entry.id,
      topic: entry.topic,
      kind: entry.kind,
      joinedAt: entry.joinedAt,
      callback: entry.callback ? { date: entry.callback.date, period: entry.callback.period } : null,
    };
    if (entry.status !== 'waiting') {
      // openEntryOf only returns open entries (its SQL filters on OPEN_QUEUE_STATUSES).
      return { ...base, status: entry.status as OpenQueueStatus, position: null, etaMinutes: null };
    }
    const position = this.positionOf(entry);
    return { ...base, status: 'waiting', position, etaMinutes: this.etaMinutes(position) };
  }

  /** 1 = next: first come first served within the topic (a transfer keeps its time). */
  private positionOf(entry: QueueEntryRecord): number {
    const ahead = this.store
      .openEntries()
      .filter((other) => other.status === 'waiting' && other.topic === entry.topic)
      .findIndex((other) => other.id === entry.id);
    return ahead + 1;
  }

  /** From recent serving times, shared among the officers who take calls. */
  private etaMinutes(position: number): number {
    const recent = this.store.recentServeSeconds(RECENT_CALLS);
    const serveMinutes =
      recent.length > 0
        ? recent.reduce((sum, s) => sum + s, 0) / recent.length / 60
        : this.defaultServeMinutes;
    return Math.max(1, Math.ceil((position * serveMinutes) / Math.max(1, this.roster.serving())));
  }

  snapshot(version: number): CounterSnapshot {
    const open = this.store.openEntries();
    const consultations = this.store.openConsultations();
    const now = this.clock.now();
    return {
      version,
      topics: this.tenant.file.counter.topics,
      openNow: this.tenant.calendar.isOpen(now),
      waiting: open.filter((e) => e.status === 'waiting').map((e) => this.entryView(e)),
      callbacks: open
        .filter((e) => e.status === 'callbackRequested' || e.status === 'ringing')
        .map((e) => this.entryView(e)),
      // Ended calls still waiting for their outcome stay listed, so the officer can record it.
      consultations: [...consultations, ...this.store.unrecordedConsultations()].map((c) =>
        this.consultation(c),
      ),
      officers: this.officers(consultations),
      today: this.today(now),
    };
  }

  consultation(record: ConsultationRecord): ConsultationView {
    const entry = this.store.entry(record.entryId);
    return {
      consultationId: record.id,
      entryId: record.entryId,
      topic: record.topic,
      deviceId: record.deviceId,
      staffId: record.staffId,
      staffName: this.staff.account(record.staffId)?.displayName ?? '',
      status: record.status,
      startedAt: record.startedAt,
      camera: entry?.camera ?? false,
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

  private officers(consultations: ConsultationRecord[]): OfficerView[] {
    return (
      this.staff
        .listAccounts()
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
  private today(now: Date): CounterSnapshot['today'] {
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
