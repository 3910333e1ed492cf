import type { SlotView } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { addDays, ageParts, aidDates, findSlot, groupSlotsByDay, settleChoice, slotRange } from './slots';

const slot = (id: string, startsAt: string, remaining = 2): SlotView => ({
  id,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
  place: '大村市 保健センター',
  remaining,
});

// 2025-06-02 09:00 in Japan.
const NOW = Date.parse('2025-06-02T00:00:00Z');

describe('days', () => {
  it('adds days across months and years', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('asks for four weeks of slots from today', () => {
    expect(slotRange('2025-06-02')).toEqual({ from: '2025-06-02', to: '2025-06-29' });
  });

  it('offers two weeks of mutual-aid dates from today', () => {
    const dates = aidDates('2025-06-30');
    expect(dates).toHaveLength(14);
    expect(dates[0]).toBe('2025-06-30');
    expect(dates[1]).toBe('2025-07-01');
    expect(aidDates('nonsense')).toEqual([]);
  });
});

describe('slot grouping', () => {
  it('groups by the Japan day, soonest first, and counts the free ones', () => {
    const days = groupSlotsByDay(
      [
        slot('s3', '2025-06-03T05:00:00Z'),
        slot('s1', '2025-06-02T01:00:00Z', 0),
        slot('s2', '2025-06-02T02:00:00Z'),
        // 2025-06-03 23:30 UTC is 06-04 08:30 in Japan.
        slot('s4', '2025-06-03T23:30:00Z'),
      ],
      NOW,
    );
    expect(days.map((d) => [d.date, d.slots.map((s) => s.id), d.available])).toEqual([
      ['2025-06-02', ['s1', 's2'], 1],
      ['2025-06-03', ['s3'], 1],
      ['2025-06-04', ['s4'], 1],
    ]);
  });

  it('leaves out slots already begun and broken ones', () => {
    const days = groupSlotsByDay(
      [slot('past', '2025-06-01T23:00:00Z'), { ...slot('bad', '2025-06-03T00:00:00Z'), startsAt: 'x' }],
      NOW,
    );
    expect(days).toEqual([]);
  });

  it('keeps a valid choice and moves an invalid one to the first free time', () => {
    const days = groupSlotsByDay(
      [
        slot('a1', '2025-06-02T01:00:00Z', 0),
        slot('a2', '2025-06-02T02:00:00Z'),
        slot('b1', '2025-06-05T01:00:00Z'),
        slot('b2', '2025-06-05T02:00:00Z'),
        slot('c1', '2025-06-06T01:00:00Z', 0),
      ],
      NOW,
    );
    expect(settleChoice(days, { date: '2025-06-05', slotId: 'b2', childId: 'k' })).toEqual({
      date: '2025-06-05',
      slotId: 'b2',
      childId: 'k',
    });
    // The chosen time filled up: the first free one that day.
    expect(settleChoice(days, { date: '2025-06-02', slotId: 'a1', childId: '' }).slotId).toBe('a2');
    // A full day: the first day with places.
    expect(settleChoice(days, { date: '2025-06-06', slotId: 'c1', childId: '' })).toEqual({
      date: '2025-06-02',
      slotId: 'a2',
      childId: '',
    });
    // Nothing chosen yet.
    expect(settleChoice(days, { date: '', slotId: '', childId: '' }).slotId).toBe('a2');
    // Nothing bookable.
    expect(settleChoice([], { date: '2025-06-02', slotId: 'a2', childId: '' })).toEqual({
      date: '',
      slotId: '',
      childId: '',
    });
    expect(findSlot(days, 'b1')?.id).toBe('b1');
    expect(findSlot(days, 'zz')).toBeUndefined();
  });
});

describe('ages', () => {
  it('splits months into years and months', () => {
    expect(ageParts(0)).toEqual({ years: 0, months: 0 });
    expect(ageParts(11)).toEqual({ years: 0, months: 11 });
    expect(ageParts(27)).toEqual({ years: 2, months: 3 });
    expect(ageParts(-3)).toEqual({ years: 0, months: 0 });
    expect(ageParts(Number.NaN)).toEqual({ years: 0, months: 0 });
  });
});
