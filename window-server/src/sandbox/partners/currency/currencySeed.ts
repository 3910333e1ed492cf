import { demoCitizensIn } from '../../demoCitizens.js';
import type { DemoCity, DemoSet } from '../../demoCity.js';
import type { Transaction } from '../../../partnerContracts/index.js';
import { neighboursIn } from '../neighbours.js';
import { daysAgo } from '../time.js';
import type { Ledger } from './Ledger.js';

/**
 * Demo ledger: every demo citizen and neighbour has an account. The histories end at the
 * balances the demo script uses (demo-0001 3,200, demo-0002 1,500, demo-0003 5,000, demo-0004
 * 800, demo-0005 0: in 大村市 田中 一郎, 田中 花子, 佐藤 美咲, 鈴木 健, 鈴木 あゆみ); the shops are
 * made up but the kinds of spending are ordinary for the city. The grants name the city the
 * ledger serves (`city`, its Japanese name); the shops are its demo set's.
 */

type Posting = [daysAgo: number, amount: number, kind: Transaction['kind'], description: string];
type Histories = (city: string) => Record<string, Posting[]>;

/** 大村市's shops, as the demo script and the tests know them. */
const omuraHistories: Histories = (city) => ({
  'demo-0001': [
    [40, 2000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
    [33, -480, 'payment', '西本町 ふれあい商店'],
    [28, 300, 'mutualAid', '地域共助のお礼（買い物の手伝い）'],
    [21, -650, 'payment', '大村湾 さかな市場'],
    [14, 3000, 'grant', `敬老ポイント 付与（${city}）`],
    [10, -720, 'payment', '大村駅前 みどり薬局'],
    [5, -350, 'payment', 'コミュニティバス 回数券'],
    [2, 100, 'refund', '返金（西本町 ふれあい商店）'],
  ],
  'demo-0002': [
    [30, 2000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
    [12, -380, 'payment', '西本町 ふれあい商店'],
    [4, -120, 'payment', '玖島 ベーカリー'],
  ],
  'demo-0003': [
    [45, 3000, 'grant', `子育て世帯応援ポイント（${city}）`],
    [30, -1200, 'payment', '久原 こども服の店'],
    [20, 3000, 'coupon', '子育てクーポン 利用（おむつ・ミルク）'],
    [19, -2600, 'payment', 'ドラッグストア 久原店'],
    [7, 2800, 'grant', `しあわせ循環ポイント 付与（${city}）`],
  ],
  'demo-0004': [
    [25, 1000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
    [9, -200, 'payment', '竹松駅前 パン工房'],
  ],
  'demo-0005': [],
});

/** みなと市's: the same amounts on the same days, at the harbour town's shops. */
const minatoHistories: Histories = (city) => ({
  'demo-0001': [
    [40, 2000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
    [33, -480, 'payment', '港町 ふれあい商店'],
    [28, 300, 'mutualAid', '地域共助のお礼（買い物の手伝い）'],
    [21, -650, 'payment', 'みなと朝市'],
    [14, 3000, 'grant', `敬老ポイント 付与（${city}）`],
    [10, -720, 'payment', 'みなと駅前 みどり薬局'],
    [5, -350, 'payment', 'コミュニティバス 回数券'],
    [2, 100, 'refund', '返金（港町 ふれあい商店）'],
  ],
  'demo-0002': [
    [30, 2000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
    [12, -380, 'payment', '港町 ふれあい商店'],
    [4, -120, 'payment', '灯台通り ベーカリー'],
  ],
  'demo-0003': [
    [45, 3000, 'grant', `子育て世帯応援ポイント（${city}）`],
    [30, -1200, 'payment', '汐見 こども服の店'],
    [20, 3000, 'coupon', '子育てクーポン 利用（おむつ・ミルク）'],
    [19, -2600, 'payment', 'ドラッグストア 汐見店'],
    [7, 2800, 'grant', `しあわせ循環ポイント 付与（${city}）`],
  ],
  'demo-0004': [
    [25, 1000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
    [9, -200, 'payment', '浜風台 パン工房'],
  ],
  'demo-0005': [],
});

const HISTORIES: Record<DemoSet, Histories> = { omura: omuraHistories, minato: minatoHistories };

/** Mutual-aid helpers start with a little history so their wallets are not empty. */
const neighbourHistoryIn = (city: string): Posting[] => [
  [20, 500, 'grant', `しあわせ循環ポイント 付与（${city}）`],
];

export function seedCurrency(ledger: Ledger, now: Date, city: DemoCity): void {
  const opened = daysAgo(now, 60);
  const histories = HISTORIES[city.set](city.name.ja);
  for (const citizen of demoCitizensIn(city.set)) {
    ledger.openAccount(citizen.subject, opened);
    for (const [days, amount, kind, description] of histories[citizen.subject] ?? []) {
      ledger.post(citizen.subject, amount, kind, description, daysAgo(now, days));
    }
  }
  for (const neighbour of neighboursIn(city.set)) {
    ledger.openAccount(neighbour.subject, opened);
    for (const [days, amount, kind, description] of neighbourHistoryIn(city.name.ja)) {
      ledger.post(neighbour.subject, amount, kind, description, daysAgo(now, days));
    }
  }
  ledger.addCoupon('demo-0003', {
    id: 'cpn-0001',
    title: '子育てクーポン（出産子育て応援交付金）',
    value: 5000,
    expiresAt: new Date(now.getTime() + 90 * 86_400_000),
    usedAt: null,
  });
  ledger.addCoupon('demo-0003', {
    id: 'cpn-0002',
    title: '子育てクーポン（おむつ・ミルク）',
    value: 3000,
    expiresAt: new Date(now.getTime() + 30 * 86_400_000),
    usedAt: daysAgo(now, 20),
  });
}
