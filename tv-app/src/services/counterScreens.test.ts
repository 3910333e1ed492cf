import type { CounterInfo, MyQueueEntry } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { SURVEY_START } from './counterModel';
import { counterScreen, sendingText, type ScreenInput } from './counterScreens';
import { Translator } from './Translator';

const INFO: CounterInfo = {
  topics: [
    { id: 'childcare', label: { ja: '子育て', en: 'Childcare' } },
    { id: 'currency', label: { ja: '地域通貨', en: 'Local currency' } },
  ],
  opening: {
    openNow: false,
    nextOpening: '2025-11-26T08:30:00+09:00',
    closesAt: null,
    days: [],
  },
  callbackSlots: [{ date: '2025-11-26', period: 'morning', relativeDay: 'tomorrow' }],
};

const WAITING: MyQueueEntry = {
  entryId: 'e1',
  topic: 'childcare',
  kind: 'walkIn',
  status: 'waiting',
  position: 3,
  etaMinutes: 5,
  joinedAt: '2025-11-25T10:00:00+09:00',
  callback: null,
};

let ja: Translator;

beforeAll(async () => {
  ja = await Translator.create('ja');
});

function input(patch: Partial<ScreenInput>): ScreenInput {
  return {
    view: 'topics',
    info: INFO,
    entry: null,
    call: null,
    media: null,
    local: { step: 'start' },
    language: 'ja',
    contact: 'お電話でも ご相談 いただけます',
    busy: false,
    notice: null,
    dialog: null,
    survey: SURVEY_START,
    thanksSeconds: 10,
    ...patch,
  };
}

describe('counterScreen', () => {
  it('waiting: the place in line large, the estimate, and at most a few choices', () => {
    const spec = counterScreen(input({ view: 'waiting', entry: WAITING }), ja);
    expect(spec.title).toBe('ビデオ窓口　順番待ち');
    expect(spec.lines[0]).toEqual({ text: 'あなたの順番は 3番目です', style: 'hero' });
    expect(spec.lines[1]?.text).toBe('待ち時間の めやすは 約5分です');
    expect(spec.choices.map((choice) => choice.id)).toEqual(['askCallback', 'cancelWaiting']);
  });

  it('closed: when it opens next, and the call-back offer', () => {
    const spec = counterScreen(input({ view: 'closed' }), ja);
    expect(spec.lines.map((line) => line.text)).toContain('次に あくのは 11月26日（水） 8:30 です');
    expect(spec.choices.map((choice) => choice.id)).toEqual(['requestCallback', 'seeHours']);
  });

  it('topics: numbered, spoken with their number, never more than six', () => {
    const spec = counterScreen(input({ view: 'topics' }), ja);
    expect(spec.numbered).toBe(true);
    expect(spec.choices[1]).toEqual({ id: 'topic:currency', label: '地域通貨', speech: '2番、地域通貨' });
  });

  it('a question dialog over the screen, and a busy screen offers nothing twice', () => {
    const asking = counterScreen(input({ view: 'waiting', entry: WAITING, dialog: 'cancelWaiting' }), ja);
    expect(asking.dialog?.question).toBe('順番待ちを やめますか？');
    expect(asking.dialog?.choices.map((choice) => choice.id)).toEqual(['confirmDialog', 'closeDialog']);
    const busy = counterScreen(input({ view: 'topics', busy: true }), ja);
    expect(busy.choices).toEqual([]);
    expect(busy.lines.at(-1)?.text).toBe('受け付けています…');
  });

  it('the call: the officer, what the TV sends, a card instead of the video when there is none', () => {
    const call = { topic: 'childcare', officerName: '山田', status: 'active' as const };
    const media = {
      sessionState: 'connected' as const,
      localReady: true,
      sending: { audio: true, video: false },
      peerVideo: true,
      failed: false,
    };
    const live = counterScreen(input({ view: 'call', call, media }), ja).call!;
    expect(live.placeholder).toBeNull();
    expect(live.status[0]).toBe('担当：山田（子育て）');
    expect(live.status[1]).toContain('声だけで');
    expect(live.selfView).toBe(false);

    const held = counterScreen(input({ view: 'call', call: { ...call, status: 'onHold' }, media }), ja).call!;
    expect(held.placeholder).toEqual(['保留中', 'しばらく お待ちください']);

    const again = counterScreen(
      input({ view: 'call', call, media: { ...media, sessionState: 'reconnecting' } }),
      ja,
    );
    expect(again.call!.status[0]).toContain('映像を つなぎ直しています');
    expect(again.call!.warning).toBe(true);
  });

  it('says plainly what a TV without camera or microphone sends', () => {
    expect(sendingText(ja, { audio: true, video: true })).toBe('このテレビの カメラと マイクを 使っています');
    expect(sendingText(ja, { audio: false, video: false })).toContain('受けるだけ');
  });

  it('the survey: one question, 1–5 and skip, the scale’s meaning written out', () => {
    const spec = counterScreen(input({ view: 'survey', survey: { index: 1, answers: [4] } }), ja);
    expect(spec.layout).toBe('scale');
    expect(spec.lines.map((line) => line.text)).toEqual([
      '質問 2／3',
      'ご用件は 解決しましたか',
      '1は「そう思わない」、5は「そう思う」です',
    ]);
    expect(spec.choices.map((choice) => choice.id)).toEqual([
      'answer:1',
      'answer:2',
      'answer:3',
      'answer:4',
      'answer:5',
      'skip',
    ]);
    expect(spec.choices[2]?.speech).toBe('3、どちらとも いえない');
  });
});
