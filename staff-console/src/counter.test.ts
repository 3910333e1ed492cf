import type { CounterSnapshot, QueueEntryView, Topic } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  formatCallbackDate,
  formatClock,
  formatDuration,
  groupQueue,
  hasAcceptable,
  liveConsultationOf,
  mayAccept,
  myConsultations,
  officerStatus,
  sortCallbacks,
  sortOfficers,
  tokyoDate,
  topicLabel,
  waitingSeconds,
} from './counter';

const topics: Topic[] = [
  { id: 'childcare', label: { ja: '子育て', en: 'Childcare' } },
  { id: 'currency', label: { ja: '地域通貨', en: 'Local currency' } },
];

function entry(
  id: string,
  topic: string,
  joinedAt: string,
  extra: Partial<QueueEntryView> = {},
): QueueEntryView {
  return {
    entryId: id,
    topic,
    kind: 'walkIn',
    status: 'waiting',
    joinedAt,
    deviceId: `dev_${id}`,
    camera: true,
    assignedStaffId: null,
    transferred: false,
    callback: null,
    ...extra,
  };
}

describe('the queue by topic', () => {
  it('keeps the city’s topic order, longest waiting first, and empty topics too', () => {
    const groups = groupQueue(
      topics,
      [
        entry('b', 'childcare', '2025-04-01T01:05:00Z'),
        entry('a', 'childcare', '2025-04-01T01:00:00Z'),
        entry('c', 'childcare', '2025-04-01T01:00:00Z'),
      ],
      'ja',
    );
    expect(groups.map((g) => [g.topic, g.label, g.entries.map((e) => e.entryId)])).toEqual([
      ['childcare', '子育て', ['a', 'c', 'b']],
      ['currency', '地域通貨', []],
    ]);
  });

  it('keeps a transferred entry at its original time and shows entries of unknown topics last', () => {
    const groups = groupQueue(
      topics,
      [
        entry('new', 'currency', '2025-04-01T01:10:00Z'),
        entry('moved', 'currency', '2025-04-01T00:50:00Z', { transferred: true }),
        entry('odd', 'gone', '2025-04-01T01:00:00Z'),
      ],
      'en',
    );
    expect(groups[1]?.entries.map((e) => e.entryId)).toEqual(['moved', 'new']);
    expect(groups[2]).toMatchObject({ topic: 'gone', label: null });
    expect(groups[0]?.label).toBe('Childcare');
  });

  it('labels topics in the console’s language, or by id when unknown', () => {
    expect(topicLabel(topics, 'currency', 'en')).toBe('Local currency');
    expect(topicLabel(topics, 'nope', 'ja')).toBe('nope');
  });

  it('lets an officer accept waiting entries unless they are kept for someone else', () => {
    const free = entry('a', 'childcare', '2025-04-01T01:00:00Z');
    const mine = entry('b', 'childcare', '2025-04-01T01:00:00Z', { assignedStaffId: 'stf_me' });
    const theirs = entry('c', 'currency', '2025-04-01T01:00:00Z', { assignedStaffId: 'stf_other' });
    const serving = entry('d', 'currency', '2025-04-01T01:00:00Z', { status: 'serving' });
    expect([free, mine, theirs, serving].map((e) => mayAccept(e, 'stf_me'))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(hasAcceptable([theirs, serving], 'stf_me')).toBe(false);
    expect(hasAcceptable([free, theirs], 'stf_me', 'currency')).toBe(false);
    expect(hasAcceptable([free, theirs], 'stf_me', 'childcare')).toBe(true);
  });
});

describe('waiting times', () => {
  const joined = '2025-04-01T01:00:00.000Z';
  const at = (seconds: number) => Date.parse(joined) + seconds * 1000;

  it('counts whole seconds and never goes below zero', () => {
    expect(waitingSeconds(joined, at(75.9))).toBe(75);
    expect(waitingSeconds(joined, at(-3))).toBe(0);
    expect(waitingSeconds('garbage', at(10))).toBe(0);
  });

  it('formats as mm:ss, with hours when it comes to that', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(75)).toBe('01:15');
    expect(formatDuration(59 * 60 + 59)).toBe('59:59');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(89.6)).toBe('01:30');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('shows clock times in Japan time', () => {
    expect(formatClock('2025-04-01T00:05:00Z')).toBe('09:05');
    expect(formatClock('nope')).toBe('—');
  });
});

describe('call backs', () => {
  const cb = (id: string, date: string, period: 'morning' | 'afternoon', joinedAt = '2025-03-30T01:00:00Z') =>
    entry(id, 'childcare', joinedAt, {
      kind: 'callback',
      status: 'callbackRequested',
      callback: { date, period, attempts: 0 },
    });

  it('sorts by requested day, morning before afternoon, then by request time', () => {
    const sorted = sortCallbacks([
      cb('pm', '2025-04-01', 'afternoon'),
      cb('late', '2025-04-02', 'morning'),
      cb('am2', '2025-04-01', 'morning', '2025-03-31T01:00:00Z'),
      cb('am1', '2025-04-01', 'morning', '2025-03-30T01:00:00Z'),
    ]);
    expect(sorted.map((e) => e.entryId)).toEqual(['am1', 'am2', 'pm', 'late']);
  });

  it('writes the requested day the way each language reads it', () => {
    expect(formatCallbackDate('2025-04-01', 'ja')).toBe('4/1（火）');
    expect(formatCallbackDate('2025-04-01', 'en')).toBe('Tue 1 Apr');
    expect(formatCallbackDate('bad', 'en')).toBe('bad');
  });

  it('knows what day it is in Japan', () => {
    expect(tokyoDate(Date.parse('2025-03-31T15:30:00Z'))).toBe('2025-04-01');
    expect(tokyoDate(Date.parse('2025-03-31T14:30:00Z'))).toBe('2025-03-31');
    expect(tokyoDate(Number.NaN)).toBe('');
  });
});

describe('officers and their consultations', () => {
  const snapshot = {
    consultations: [
      { consultationId: 'c1', staffId: 'stf_me', status: 'ended' },
      { consultationId: 'c2', staffId: 'stf_me', status: 'active' },
      { consultationId: 'c3', staffId: 'stf_other', status: 'onHold' },
    ],
    officers: [
      { staffId: 'stf_me', displayName: '佐藤', status: 'inCall' },
      { staffId: 'stf_z', displayName: '田中', status: 'offline' },
      { staffId: 'stf_a', displayName: '伊藤', status: 'available' },
      { staffId: 'stf_b', displayName: '青木', status: 'available' },
    ],
  } as unknown as CounterSnapshot;

  it('finds this officer’s consultations and status', () => {
    expect(myConsultations(snapshot, 'stf_me').map((c) => c.consultationId)).toEqual(['c1', 'c2']);
    expect(myConsultations(null, 'stf_me')).toEqual([]);
    expect(officerStatus(snapshot, 'stf_a')).toBe('available');
    expect(officerStatus(snapshot, 'nobody')).toBeNull();
  });

  it('takes the live consultation, not one waiting for its outcome', () => {
    expect(liveConsultationOf(snapshot.consultations, 'stf_me')?.consultationId).toBe('c2');
    expect(liveConsultationOf(snapshot.consultations, 'stf_a')).toBeUndefined();
  });

  it('lists officers in a call first, then available, away, offline', () => {
    expect(sortOfficers(snapshot.officers).map((o) => o.staffId)).toEqual([
      'stf_me',
      'stf_a',
      'stf_b',
      'stf_z',
    ]);
  });
});
