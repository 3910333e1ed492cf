import type { Notice } from '../../../partnerContracts/index.js';

/**
 * The portal's demo content: five current notices of the kinds おむすび。 publishes, one
 * expired notice (it must not be listed), and recommendations for each demo citizen with the
 * plain reason a citizen is shown. Times are relative to the first start.
 */

export interface SeedNotice extends Omit<Notice, 'publishedAt'> {
  publishedHoursAgo: number;
  expiresInHours: number | null;
}

export const SEED_NOTICES: readonly SeedNotice[] = [
  {
    id: 'ntc-0001',
    category: 'disaster',
    urgent: true,
    publishedHoursAgo: 2,
    expiresInHours: null,
    title: { ja: '大雨に関する情報', en: 'Heavy rain information' },
    body: {
      ja: '大村市に大雨警報が出ています。川や用水路、がけには近づかないでください。避難所の開設状況は、市のホームページと防災行政無線でお知らせします。危ないと感じたら、早めに避難してください。',
      en: 'A heavy rain warning is in effect for Omura. Stay away from rivers, irrigation channels and slopes. Open evacuation shelters are announced on the city website and the disaster radio. If you feel unsafe, evacuate early.',
    },
  },
  {
    id: 'ntc-0002',
    category: 'health',
    urgent: false,
    publishedHoursAgo: 3 * 24,
    expiresInHours: null,
    title: { ja: '特定健診・がん検診を受けましょう', en: 'Get your health check and cancer screening' },
    body: {
      ja: '40歳以上の方に、特定健診の受診券をお送りしています。受診券と保険証（マイナ保険証）を持って、市内の医療機関で受けてください。今年度の受診期限が近づいています。',
      en: 'Residents aged 40 and over have been sent a health check voucher. Take it with your health insurance card to a clinic in the city. The deadline for this fiscal year is approaching.',
    },
  },
  {
    id: 'ntc-0003',
    category: 'childcare',
    urgent: false,
    publishedHoursAgo: 5 * 24,
    expiresInHours: null,
    title: {
      ja: '親子ふれあいひろば（子育て支援センター）',
      en: 'Parent and child play time (childcare support centre)',
    },
    body: {
      ja: '0歳から就学前のお子さんと保護者の方が、いっしょに遊べるひろばです。保育士に子育ての相談もできます。予約はいりません。参加は無料です。',
      en: 'A play space for children up to school age and their parents. Childcare workers are there to talk with you. No booking needed; free of charge.',
    },
  },
  {
    id: 'ntc-0004',
    category: 'event',
    urgent: false,
    publishedHoursAgo: 7 * 24,
    expiresInHours: null,
    title: { ja: '地域のつどい「いきいき健康体操」', en: 'Community gathering: easy exercise class' },
    body: {
      ja: '各地区の公民館で、いすに座ってできる健康体操の教室を開きます。動きやすい服装で、飲み物を持ってお越しください。どなたでも参加できます。',
      en: 'Chair exercise classes at the community centre in each district. Wear comfortable clothes and bring something to drink. Everyone is welcome.',
    },
  },
  {
    id: 'ntc-0005',
    category: 'life',
    urgent: false,
    publishedHoursAgo: 10 * 24,
    expiresInHours: null,
    title: { ja: '年末年始のごみ収集日が変わります', en: 'Changes to waste collection over the New Year' },
    body: {
      ja: '12月31日から1月3日まで、ごみの収集はお休みです。1月4日から、いつもの曜日で収集します。お休みの前の収集日に出せなかったごみは、収集が始まってから出してください。',
      en: 'There is no waste collection from 31 December to 3 January. Collection restarts on 4 January on the usual days. Please keep any waste until collection restarts.',
    },
  },
  {
    id: 'ntc-0000',
    category: 'event',
    urgent: false,
    publishedHoursAgo: 60 * 24,
    expiresInHours: -30 * 24,
    title: { ja: '【終了】夏まつり臨時バスの運行', en: '[Ended] Extra buses for the summer festival' },
    body: {
      ja: '夏まつりの臨時バスの運行は終了しました。',
      en: 'The extra festival buses have ended.',
    },
  },
];

export interface SeedRecommendation {
  id: string;
  /** A demo citizen's subject, or `*` for everyone (also those the portal does not know). */
  subject: string;
  title: { ja: string; en: string };
  body: { ja: string; en: string };
  reason: { ja: string; en: string };
}

/** Suggested to each demo citizen aged 75 and over. */
const HEALTH_CHECK_75: Omit<SeedRecommendation, 'id' | 'subject'> = {
  title: { ja: '後期高齢者健診', en: 'Health check for people aged 75 and over' },
  body: {
    ja: '年に一度の健診は無料で受けられます。かかりつけの医療機関に予約してください。',
    en: 'The yearly health check is free. Book it at your usual clinic.',
  },
  reason: { ja: '75歳以上の方におすすめしています', en: 'Suggested to residents aged 75 and over' },
};
const YOUNG_CHILDREN: SeedRecommendation['reason'] = {
  ja: '小さなお子さんがいるご家庭におすすめしています',
  en: 'Suggested to families with young children',
};

export const SEED_RECOMMENDATIONS: readonly SeedRecommendation[] = [
  {
    id: 'rec-0001',
    subject: 'demo-0001',
    title: { ja: '買い物の手伝いを頼めます', en: 'Ask a neighbour to help with shopping' },
    body: {
      ja: '地域共助で、近所の人に買い物や病院への送り迎えを頼めます。お礼は ゆでぴ のポイントで届きます。',
      en: 'Through mutual aid you can ask neighbours to help with shopping or a ride to the clinic. They are thanked with Yudepi points.',
    },
    reason: {
      ja: '西本町にお住まいで、75歳以上の方におすすめしています',
      en: 'Suggested to residents of Nishihonmachi aged 75 and over',
    },
  },
  { id: 'rec-0002', subject: 'demo-0001', ...HEALTH_CHECK_75 },
  {
    id: 'rec-0003',
    subject: 'demo-0002',
    title: { ja: 'いきいき健康体操', en: 'Easy exercise class' },
    body: {
      ja: '西本町公民館で、いすに座ってできる体操の教室があります。',
      en: 'A chair exercise class at the Nishihonmachi community centre.',
    },
    reason: { ja: 'お住まいの地区で開かれる催しです', en: 'It takes place in your district' },
  },
  { id: 'rec-0004', subject: 'demo-0002', ...HEALTH_CHECK_75 },
  {
    id: 'rec-0005',
    subject: 'demo-0003',
    title: { ja: '子育てクーポンを使いましょう', en: 'Use your childcare coupon' },
    body: {
      ja: '出産・子育て応援のクーポンは、市内の登録店でおむつやミルクなどに使えます。使える期限を確かめてください。',
      en: 'The childcare support coupon can be used for nappies, formula and more at registered shops in the city. Check its expiry date.',
    },
    reason: { ja: '使っていないクーポンがあるためです', en: 'You have a coupon you have not used yet' },
  },
  {
    id: 'rec-0006',
    subject: 'demo-0003',
    title: { ja: '小学校入学の準備', en: 'Getting ready for primary school' },
    body: {
      ja: '入学前の秋に就学時健康診断があります。案内は郵便で届きます。',
      en: 'A health check for new pupils takes place in the autumn before school starts. The invitation comes by post.',
    },
    reason: {
      ja: '来年小学校に入るお子さんがいるためです',
      en: 'A child in your family starts school next year',
    },
  },
  {
    id: 'rec-0007',
    subject: 'demo-0004',
    title: { ja: '母子健康相談を予約できます', en: 'Book a mother and child health consultation' },
    body: {
      ja: '保健師や栄養士に、身長・体重の測定や離乳食の相談ができます。テレビから予約できます。',
      en: 'Public health nurses and dietitians measure your baby and answer questions about weaning. You can book from the TV.',
    },
    reason: YOUNG_CHILDREN,
  },
  {
    id: 'rec-0008',
    subject: 'demo-0005',
    title: { ja: '離乳食教室', en: 'Weaning class' },
    body: {
      ja: '離乳食の進め方を、実際に作りながら学べる教室です。',
      en: 'Learn how to move on with weaning foods by cooking them together.',
    },
    reason: YOUNG_CHILDREN,
  },
  {
    id: 'rec-0009',
    subject: '*',
    title: { ja: 'ゆでぴ で地域のお店を応援', en: 'Support local shops with Yudepi' },
    body: {
      ja: '市内のお店で ゆでぴ のポイントを使うと、地域にお金がめぐります。',
      en: 'Spending Yudepi points in city shops keeps money in the community.',
    },
    reason: { ja: '大村市のみなさんにおすすめしています', en: 'Suggested to everyone in Omura' },
  },
];
