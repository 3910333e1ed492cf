import {
  isOpenConsultation,
  type CallbackPeriod,
  type ConsultationView,
  type CounterSnapshot,
  type OfficerStatus,
  type QueueEntryView,
  type Topic,
} from '@madoguchi/shared';
import type { ConsoleLanguage } from './i18n';

/** The queue of one topic, longest waiting first. */
export interface QueueGroup {
  topic: string;
  /** Null for a topic the snapshot does not list (the row still shows, under its id). */
  label: string | null;
  entries: QueueEntryView[];
}

export function topicLabel(topics: readonly Topic[], topicId: string, language: ConsoleLanguage): string {
  const topic = topics.find((candidate) => candidate.id === topicId);
  return topic ? topic.label[language] : topicId;
}

/** Longest waiting first; a transferred entry keeps its original time, so it keeps its place. */
export function sortByWaiting(entries: readonly QueueEntryView[]): QueueEntryView[] {
  return [...entries].sort(
    (a, b) => Date.parse(a.joinedAt) - Date.parse(b.joinedAt) || a.entryId.localeCompare(b.entryId),
  );
}

/**
 * Every topic of the counter, in the city's order, each with its waiting citizens; entries of a
 * topic the city no longer lists come last so nobody disappears from the screen.
 */
export function groupQueue(
  topics: readonly Topic[],
  waiting: readonly QueueEntryView[],
  language: ConsoleLanguage,
): QueueGroup[] {
  const groups: QueueGroup[] = topics.map((topic) => ({
    topic: topic.id,
    label: topic.label[language],
    entries: [],
  }));
  for (const entry of sortByWaiting(waiting)) {
    let group = groups.find((candidate) => candidate.topic === entry.topic);
    if (!group) {
      group = { topic: entry.topic, label: null, entries: [] };
      groups.push(group);
    }
    group.entries.push(entry);
  }
  return groups;
}

/** Seconds since `iso`, never negative (the browser's clock may run a little behind the server's). */
export function waitingSeconds(iso: string, nowMs: number): number {
  const since = Date.parse(iso);
  if (Number.isNaN(since)) return 0;
  return Math.max(0, Math.floor((nowMs - since) / 1000));
}

/** 75 → "01:15"; an hour or more → "1:02:05"; null → "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(rest).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Whether this officer may take the entry: it is waiting and not kept for another officer. */
export function mayAccept(entry: QueueEntryView, staffId: string): boolean {
  return entry.status === 'waiting' && (entry.assignedStaffId === null || entry.assignedStaffId === staffId);
}

/** Someone this officer could accept, in one topic or in all of them. */
export function hasAcceptable(entries: readonly QueueEntryView[], staffId: string, topic?: string): boolean {
  return entries.some((entry) => (topic === undefined || entry.topic === topic) && mayAccept(entry, staffId));
}

const PERIOD_ORDER: Record<CallbackPeriod, number> = { morning: 0, afternoon: 1 };

/** Call backs by the day and half-day the citizen asked for, then by when they asked. */
export function sortCallbacks(entries: readonly QueueEntryView[]): QueueEntryView[] {
  return [...entries].sort((a, b) => {
    const ca = a.callback;
    const cb = b.callback;
    if (ca && cb) {
      const byDay = ca.date.localeCompare(cb.date) || PERIOD_ORDER[ca.period] - PERIOD_ORDER[cb.period];
      if (byDay !== 0) return byDay;
    } else if (ca || cb) {
      return ca ? -1 : 1;
    }
    return Date.parse(a.joinedAt) - Date.parse(b.joinedAt) || a.entryId.localeCompare(b.entryId);
  });
}

/** Consultations still open for this officer: ringing, in a call, on hold, or ended without an outcome. */
export function myConsultations(snapshot: CounterSnapshot | null, staffId: string): ConsultationView[] {
  return snapshot?.consultations.filter((consultation) => consultation.staffId === staffId) ?? [];
}

export function officerStatus(snapshot: CounterSnapshot | null, staffId: string): OfficerStatus | null {
  return snapshot?.officers.find((officer) => officer.staffId === staffId)?.status ?? null;
}

/** The consultation an officer is in now, ringing included (not one that ended and waits for its outcome). */
export function liveConsultationOf(
  consultations: readonly ConsultationView[],
  staffId: string,
): ConsultationView | undefined {
  return consultations.find(
    (consultation) => consultation.staffId === staffId && isOpenConsultation(consultation.status),
  );
}

const OFFICER_ORDER: Record<OfficerStatus, number> = { inCall: 0, available: 1, away: 2, offline: 3 };

/** For the supervisor: officers in a call first, then available, away and offline; by name within. */
export function sortOfficers<T extends { status: OfficerStatus; displayName: string }>(
  officers: readonly T[],
): T[] {
  return [...officers].sort(
    (a, b) =>
      OFFICER_ORDER[a.status] - OFFICER_ORDER[b.status] || a.displayName.localeCompare(b.displayName, 'ja'),
  );
}

/** "YYYY-MM-DD" of `nowMs` in Japan time, the day the city's figures are counted in. */
export function tokyoDate(nowMs: number): string {
  if (!Number.isFinite(nowMs)) return '';
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(nowMs));
}

/** A call-back day as the officer reads it: 4/1（火） or Tue 1 Apr. */
export function formatCallbackDate(date: string, language: ConsoleLanguage): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  const format = new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'UTC',
    month: language === 'ja' ? 'numeric' : 'short',
    day: 'numeric',
    weekday: 'short',
  });
  if (language === 'en') return format.format(parsed);
  const parts = Object.fromEntries(format.formatToParts(parsed).map((part) => [part.type, part.value]));
  return `${parts.month}/${parts.day}（${parts.weekday}）`;
}

const CLOCK = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The time of day in Japan time, 09:05; "—" for a broken timestamp. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : CLOCK.format(date);
}
