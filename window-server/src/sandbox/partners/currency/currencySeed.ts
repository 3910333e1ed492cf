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

/** The places the demo histories spend at: each demo set's own. */
interface Shops {
  corner: string;
  fish: string;
  pharmacy: string;
  bakery: string;
  kidsClothes: string;
  drugstore: string;
  stationBakery: string;
}

const SHOPS: Record<DemoSet, Shops> = {
  /** 大村市's, as the demo script and the tests know them. */
  omura: {
    corner: '西本町 ふれあい商店',
    fish: '大村湾 さかな市場',
    pharmacy: '大村駅前 みどり薬局',
    bakery: '玖島 ベーカリー',
    kidsClothes: '久原 こども服の店',
    drugstore: 'ドラッグストア 久原店',
    stationBakery: '竹松駅前 パン工房',
  },
  /** みなと市's: the harbour town's shops. */
  minato: {
    corner: '港町 ふれあい商店',
    fish: 'みなと朝市',
    pharmacy: 'みなと駅前 みどり薬局',
    bakery: '灯台通り ベーカリー',
    kidsClothes: '汐見 こども服の店',
    drugstore: 'ドラッグストア 汐見店',
    stationBakery: '浜風台 パン工房',
  },
};

/** The same amounts on the same days in every city; the grants name `city`, the shops are `shops`. */
function histories(city: string, shops: Shops): Record<string, Posting[]> {
  return {
    'demo-0001': [
      [40, 2000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
      [33, -480, 'payment', shops.corner],
      [28, 300, 'mutualAid', '地域共助のお礼（買い物の手伝い）'],
      [21, -650, 'payment', shops.fish],
      [14, 3000, 'grant', `敬老ポイント 付与（${city}）`],
      [10, -720, 'payment', shops.pharmacy],
      [5, -350, 'payment', 'コミュニティバス 回数券'],
      [2, 100, 'refund', `返金（${shops.corner}）`],
    ],
    'demo-0002': [
      [30, 2000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
      [12, -380, 'payment', shops.corner],
      [4, -120, 'payment', shops.bakery],
    ],
    'demo-0003': [
      [45, 3000, 'grant', `子育て世帯応援ポイント（${city}）`],
      [30, -1200, 'payment', shops.kidsClothes],
      [20, 3000, 'coupon', '子育てクーポン 利用（おむつ・ミルク）'],
      [19, -2600, 'payment', shops.drugstore],
      [7, 2800, 'grant', `しあわせ循環ポイント 付与（${city}）`],
    ],
    'demo-0004': [
      [25, 1000, 'grant', `しあわせ循環ポイント 付与（${city}）`],
      [9, -200, 'payment', shops.stationBakery],
    ],
    'demo-0005': [],
  };
}

/** Mutual-aid helpers start with a little history so their wallets are not empty. */
const neighbourHistoryIn = (city: string): Posting[] => [
  [20, 500, 'grant', `しあわせ循環ポイント 付与（${city}）`],
];

export function seedCurrency(ledger: Ledger, now: Date, city: DemoCity): void {
  const opened = daysAgo(now, 60);
  const byCitizen = histories(city.name.ja, SHOPS[city.set]);
  for (const citizen of demoCitizensIn(city.set)) {
    ledger.openAccount(citizen.subject, opened);
    for (const [days, amount, kind, description] of byCitizen[citizen.subject] ?? []) {
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
