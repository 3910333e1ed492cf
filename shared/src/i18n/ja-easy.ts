import type { Resources } from './ja.js';
import { ja } from './ja.js';

/**
 * やさしい日本語: short sentences, common words, kanji with simple alternatives. Only the
 * texts citizens see on the TV differ; staff screens stay in plain Japanese.
 */
export const jaEasy: Resources = {
  ...ja,
  app: {
    name: 'まどぐち',
    tenantGreeting: '{{city}}の テレビまどぐち',
  },
  legend: {
    blue: 'よみあげ',
    red: 'やめる',
    green: 'ひとと はなす',
    yellow: 'じを おおきく',
  },
  banner: {
    offline: 'いま つながりません。まって ください。',
    reconnected: 'つながりました',
  },
  firstStart: {
    title: 'ようこそ',
    body: 'この テレビで しやくしょの まどぐちが つかえます。',
    start: 'はじめる',
    registering: 'じゅんびを しています',
    revoked: 'この テレビは つかえなく なりました。もう いちど はじめて ください。',
    failed: 'うまく いきませんでした。あとで もう いちど して ください。',
  },
  home: {
    title: 'ホーム',
    hint: 'すうじの ボタンでも えらべます',
  },
  services: {
    videoCounter: 'ビデオで そうだん',
    notices: 'おしらせ',
    wallet: 'ちいきの おかね',
    mutualAid: 'たすけあい',
    childcare: 'こそだて',
    hours: 'まどぐちの じかん',
    guide: 'リモコンの つかいかた',
    settings: 'せってい',
  },
  settings: {
    title: 'せってい',
    textSize: 'じの おおきさ',
    textSizeValue: {
      '1': 'ふつう',
      '1.25': 'おおきい',
      '1.5': 'とても おおきい',
    },
    speech: 'よみあげ',
    speechOn: 'する',
    speechOff: 'しない',
    speechRate: 'よみあげの はやさ',
    speechRateValue: {
      '0.8': 'ゆっくり',
      '1': 'ふつう',
      '1.25': 'はやい',
    },
    speechVolume: 'よみあげの おと',
    speechVolumeValue: {
      '0.5': 'ちいさい',
      '0.75': 'ふつう',
      '1': 'おおきい',
    },
    language: 'ことば',
    languageValue: {
      ja: '日本語',
      en: 'English',
      'ja-easy': 'やさしい日本語',
    },
    hint: 'うえと したで えらびます。ひだりと みぎで かえます',
    saved: 'かえました',
    saveFailed: 'かえられませんでした',
  },
  hours: {
    title: 'まどぐちの じかん',
    openNow: 'いま まどぐちは あいています。{{time}} まで',
    closedNow: 'いま まどぐちは しまっています',
    nextOpening: 'つぎに あくのは {{when}} です',
    closed: 'やすみ',
    closedByTenant: 'やすみ（ねんまつ ねんし）',
    dayLine: '{{date}}　{{open}}から {{close}}まで',
    contact: 'でんわでも そうだん できます: {{phone}}（{{office}}）',
  },
  guide: {
    title: 'リモコンの つかいかた',
    arrows: 'やじるしの ボタンで えらびます',
    ok: 'けっていの ボタンで ひらきます',
    back: 'もどるの ボタンで もどります',
    numbers: 'すうじの ボタンで その ばんごうを ひらきます',
    colours: 'いろの ボタンは がめんの したに かいて あります',
    data: 'dの ボタンで ホームに もどります',
  },
  speech: {
    screen: '{{title}}の がめんです。',
    focused: '{{label}}',
    selected: '{{label}}、{{value}}',
  },
  counter: {
    ...ja.counter,
    survey: {
      easyToTalk: 'はなしやすかったですか',
      resolved: 'ようじは おわりましたか',
      useAgain: 'また つかいたいですか',
    },
  },
  errors: {
    ...ja.errors,
    SERVER_UNREACHABLE: 'いま つながりません。',
    DATABASE_UNAVAILABLE: 'いま うまく いきません。すこし まってから もういちど してください。',
    INTERNAL: 'うまく いきませんでした。あとで もう いちど して ください。',
    DEVICE_TOKEN_INVALID: 'この テレビが みつかりません。もう いちど はじめて ください。',
    DEVICE_TOKEN_REVOKED: 'この テレビは つかえなく なりました。もう いちど はじめて ください。',
  },
};
