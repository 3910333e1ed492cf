import type { InfoCard } from '../../../partnerContracts/index.js';

/**
 * What the childcare concierge tells a family for a child's age in months (0–72, birth to
 * school). Plain, short Japanese a parent can read on a TV; the city's real pages give the
 * exact dates and places. A card is shown when ageFromMonths ≤ age ≤ ageToMonths.
 */
export const INFO_CARDS: readonly InfoCard[] = [
  {
    id: 'info-newborn-visit',
    title: 'こんにちは赤ちゃん訪問',
    body: '生後4か月ごろまでに、保健師や助産師がご自宅を訪ねます。赤ちゃんの体重をはかり、授乳や睡眠、お母さんの体調の相談にのります。訪問の日は電話で決めます。',
    ageFromMonths: 0,
    ageToMonths: 4,
  },
  {
    id: 'info-vaccination-infant',
    title: '予防接種（赤ちゃんの時期）',
    body: '生後2か月から、ロタウイルス、B型肝炎、小児用肺炎球菌、五種混合などの予防接種が始まります。BCGは1歳になる前に受けます。母子健康手帳と予診票を持って、かかりつけの小児科で予約してください。',
    ageFromMonths: 0,
    ageToMonths: 11,
  },
  {
    id: 'info-checkup-4m',
    title: '乳児健診（3〜4か月児健診）',
    body: '保健センターで集団健診があります。身長・体重、首のすわり、股関節などを診ます。案内は郵便で届きます。母子健康手帳とバスタオルを持ってきてください。',
    ageFromMonths: 3,
    ageToMonths: 5,
  },
  {
    id: 'info-weaning',
    title: '離乳食',
    body: '生後5〜6か月ごろ、なめらかにすりつぶしたおかゆをひとさじから始めます。あせらず、赤ちゃんのペースで進めましょう。離乳食の進め方は、母子健康相談や離乳食教室で栄養士に聞けます。',
    ageFromMonths: 5,
    ageToMonths: 18,
  },
  {
    id: 'info-checkup-10m',
    title: '乳児健診（9〜10か月児健診）',
    body: '市内の小児科で受ける健診です。受診票は母子健康手帳の別冊にあります。はいはいやつかまり立ち、食事のようすを診てもらえます。',
    ageFromMonths: 9,
    ageToMonths: 11,
  },
  {
    id: 'info-safety',
    title: '家の中の事故を防ぐ',
    body: '動けるようになると、誤飲、やけど、ベランダや階段からの転落が増えます。たばこ、薬、電池、ボタン電池は手の届かない場所へ。お風呂の残り湯は抜いておきましょう。',
    ageFromMonths: 5,
    ageToMonths: 36,
  },
  {
    id: 'info-vaccination-1y',
    title: '1歳になったら受ける予防接種',
    body: '1歳になったらすぐに、MR（麻しん・風しん）第1期と水ぼうそうの予防接種を受けましょう。小児用肺炎球菌と五種混合の追加の接種もあります。受ける時期は予診票で確かめてください。',
    ageFromMonths: 12,
    ageToMonths: 24,
  },
  {
    id: 'info-checkup-18m',
    title: '1歳6か月児健診',
    body: '保健センターで集団健診があります。歩くようす、ことば、歯の健診があり、育児の相談もできます。案内は郵便で届きます。',
    ageFromMonths: 17,
    ageToMonths: 23,
  },
  {
    id: 'info-teeth',
    title: 'むし歯予防',
    body: '歯が生えたら、ガーゼや歯ブラシで歯みがきを始めましょう。仕上げみがきは保護者がします。フッ化物の塗布は、歯科医院で受けられます。',
    ageFromMonths: 6,
    ageToMonths: 72,
  },
  {
    id: 'info-checkup-3y',
    title: '3歳児健診',
    body: '保健センターで集団健診があります。目（視力・屈折）と耳（聴力）の検査、尿検査、歯の健診があります。家で行う目と耳の検査の用紙が、案内といっしょに届きます。',
    ageFromMonths: 36,
    ageToMonths: 47,
  },
  {
    id: 'info-support-centre',
    title: '子育て支援センター',
    body: '就学前のお子さんと保護者が、いっしょに遊べる場所です。保育士に子育ての悩みを相談でき、ほかの親子とも知り合えます。無料で、予約はいりません。',
    ageFromMonths: 0,
    ageToMonths: 72,
  },
  {
    id: 'info-health-consultation',
    title: '母子健康相談',
    body: 'こども家庭センターで、保健師や栄養士に相談できます。身長・体重をはかり、授乳、離乳食、発達、ことばの心配などを聞きます。このテレビから予約できます。',
    ageFromMonths: 0,
    ageToMonths: 72,
  },
  {
    id: 'info-nursery',
    title: '保育園・認定こども園の申し込み',
    body: '保護者が働いているときなどに利用できます。4月から入る場合は、前の年の秋に申し込みます。空きがあれば、年度の途中からも入れます。申し込みは市役所の窓口でできます。',
    ageFromMonths: 0,
    ageToMonths: 60,
  },
  {
    id: 'info-kindergarten',
    title: '幼稚園（3歳から）',
    body: '幼稚園は3歳から入れます。入園の申し込みは、入る前の年の秋ごろに各幼稚園で受け付けます。3歳から5歳のクラスの利用料は、幼児教育・保育の無償化で無料になります。',
    ageFromMonths: 30,
    ageToMonths: 60,
  },
  {
    id: 'info-school-entry',
    title: '小学校入学の準備',
    body: '入学前の1年間に、MR（麻しん・風しん）第2期の予防接種を受けましょう。秋に就学時健康診断があり、案内が郵便で届きます。',
    ageFromMonths: 60,
    ageToMonths: 72,
  },
  {
    id: 'info-after-school',
    title: '放課後児童クラブ（学童保育）',
    body: '保護者が働いているときなどに、小学生が放課後を過ごせる場所です。4月から使う場合は、前の年の冬に申し込みます。空きがあれば、年度の途中からも使えます。',
    ageFromMonths: 72,
    ageToMonths: 144,
  },
];

export function cardsForAge(ageMonths: number): InfoCard[] {
  return INFO_CARDS.filter((card) => card.ageFromMonths <= ageMonths && ageMonths <= card.ageToMonths);
}
