import { DEMO_TOWNS, type DemoSet } from '../../demoCity.js';
import { addDays, daysAgo, jstDate } from '../time.js';
import type { AidStore, AidRow } from './AidStore.js';

type Seed = Pick<AidRow, 'requester' | 'template' | 'town' | 'period'> & {
  /** Days from the first start; negative for history. */
  inDays: number;
  status?: AidRow['status'];
  helper?: string;
};

/**
 * Open requests in each demo town, one request of demo-0001 (大村市's 田中 一郎) with an offer
 * waiting for him to accept, and the finished request his 300 points in the wallet history came
 * from. The towns are the demo set's (DEMO_TOWNS).
 */
const seedsIn = (set: DemoSet): readonly Seed[] => {
  const { elders, parent, family } = DEMO_TOWNS[set];
  return [
    { requester: 'citizen-1001', template: 'shopping', town: elders, period: 'morning', inDays: 2 },
    { requester: 'citizen-1002', template: 'smartphone', town: elders, period: 'afternoon', inDays: 4 },
    {
      requester: 'demo-0001',
      template: 'garden',
      town: elders,
      period: 'morning',
      inDays: 5,
      status: 'offered',
      helper: 'citizen-1003',
    },
    {
      requester: 'citizen-1001',
      template: 'shopping',
      town: elders,
      period: 'morning',
      inDays: -28,
      status: 'completed',
      helper: 'demo-0001',
    },
    { requester: 'citizen-1011', template: 'ride', town: parent, period: 'morning', inDays: 3 },
    { requester: 'citizen-1012', template: 'shopping', town: parent, period: 'afternoon', inDays: 1 },
    { requester: 'citizen-1021', template: 'garden', town: family, period: 'afternoon', inDays: 2 },
    { requester: 'citizen-1022', template: 'smartphone', town: family, period: 'morning', inDays: 6 },
  ];
};

export function seedMutualAid(store: AidStore, now: Date, set: DemoSet): void {
  const today = jstDate(now);
  for (const seed of seedsIn(set)) {
    const { inDays, ...request } = seed;
    store.create({
      ...request,
      date: addDays(today, inDays),
      at: inDays < 0 ? daysAgo(now, -inDays + 3) : daysAgo(now, 1),
    });
  }
}
