import type { CounterInfo, MyQueueEntry, OpeningStatus } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SURVEY_START,
  answerSurvey,
  bookedSlotLabel,
  callChangeSpeech,
  chooseView,
  closedLines,
  etaText,
  positionText,
  queueChangeSpeech,
  slotLabel,
  speechOf,
  surveyBack,
  surveyPayload,
  topicLabel,
  visibleSlots,
  type CounterSituation,
} from './counterModel';
import { Translator } from './Translator';

const OPEN: OpeningStatus = {
  openNow: true,
  nextOpening: null,
  closesAt: '2025-11-25T17:15:00+09:00',
  days: [],
};

const CLOSED_ON_HOLIDAY: OpeningStatus = {
  openNow: false,
  nextOpening: '2025-11-25T08:30:00+09:00',
  closesAt: null,
  days: [
    {
      date: '2025-11-24',
      weekday: 1,
      opensAt: null,
      closesAt: null,
      holidayName: { ja: '勤労感謝の日 振替休日', en: 'Labour Thanksgiving Day (observed)' },
      closedByTenant: false,
    },
  ],
};

const INFO: CounterInfo = {
  topics: [
    { id: 'childcare', label: { ja: '子育て', en: 'Childcare' } },
    { id: 'procedures', label: { ja: '手続き・その他', en: 'Procedures and other' } },
  ],
  opening: OPEN,
  callbackSlots: [
    { date: '2025-11-25', period: 'afternoon', relativeDay: 'today' },
    { date: '2025-11-26', period: 'morning', relativeDay: 'tomorrow' },
    { date: '2025-11-27', period: 'morning', relativeDay: null },
  ],
};

function walkIn(position: number | null, etaMinutes: number | null): MyQueueEntry {
  return {
    entryId: 'e1',
    topic: 'childcare',
    kind: 'walkIn',
    status: 'waiting',
    position,
    etaMinutes,
    joinedAt: '2025-11-25T10:00:00+09:00',
    callback: null,
  };
}

const CALLBACK: MyQueueEntry = {
  entryId: 'e2',
  topic: 'procedures',
  kind: 'callback',
  status: 'callbackRequested',
  position: null,
  etaMinutes: null,
  joinedAt: '2025-11-25T10:00:00+09:00',
  callback: { date: '2025-11-26', period: 'morning' },
};

let ja: Translator;
let en: Translator;
let easy: Translator;

beforeAll(async () => {
  ja = await Translator.create('ja');
  en = await Translator.create('en');
  easy = await Translator.create('ja-easy');
});

function situation(patch: Partial<CounterSituation>): CounterSituation {
  return { infoState: 'loaded', info: INFO, entry: null, callStatus: null, surveyFor: null, ...patch };
}

describe('chooseView', () => {
  const start = { step: 'start' } as const;

  it('offers the topics when open, and the closed screen otherwise', () => {
    expect(chooseView(situation({}), start)).toBe('topics');
    const closed = { ...INFO, opening: CLOSED_ON_HOLIDAY };
    expect(chooseView(situation({ info: closed }), start)).toBe('closed');
    expect(chooseView(situation({ info: closed }), { step: 'callbackTopics' })).toBe('callbackTopics');
  });

  it('says it is loading, or that it failed, until the counter is known', () => {
    expect(chooseView(situation({ infoState: 'loading', info: null }), start)).toBe('loading');
    expect(chooseView(situation({ infoState: 'idle', info: null }), start)).toBe('loading');
    expect(chooseView(situation({ infoState: 'failed', info: null }), start)).toBe('failed');
  });

  it('shows the place in line, or the booked call back, from the server state', () => {
    expect(chooseView(situation({ entry: walkIn(3, 5) }), start)).toBe('waiting');
    expect(chooseView(situation({ entry: CALLBACK }), start)).toBe('booked');
    // Even before the counter info arrives (a reload in the middle of a wait).
    expect(chooseView(situation({ infoState: 'loading', info: null, entry: walkIn(2, 3) }), start)).toBe(
      'waiting',
    );
  });

  it('lets a waiting citizen choose a call back time instead', () => {
    const entry = walkIn(3, 5);
    expect(chooseView(situation({ entry }), { step: 'slots', topic: 'childcare' })).toBe('slots');
    const slot = INFO.callbackSlots[0]!;
    expect(chooseView(situation({ entry }), { step: 'confirm', topic: 'childcare', slot })).toBe(
      'confirmCallback',
    );
  });

  it('puts a live call above everything, and a survey owed above the steps', () => {
    for (const callStatus of ['connecting', 'active', 'onHold'] as const) {
      expect(chooseView(situation({ callStatus, surveyFor: 'c0' }), { step: 'thanks' })).toBe('call');
    }
    // Ringing is an overlay over whatever screen is on.
    expect(chooseView(situation({ callStatus: 'ringing', entry: CALLBACK }), start)).toBe('booked');
    expect(chooseView(situation({ callStatus: 'ended', surveyFor: 'c1' }), start)).toBe('survey');
    expect(chooseView(situation({ callStatus: 'ended', surveyFor: 'c1' }), { step: 'thanks' })).toBe(
      'thanks',
    );
    expect(chooseView(situation({ callStatus: 'ended' }), { step: 'ended', reason: 'disconnected' })).toBe(
      'ended',
    );
  });
});

describe('speechOf', () => {
  it('ends each text as a sentence once, in the text’s own script', () => {
    expect(
      speechOf(['質問 1／3', 'ご用件は 解決しましたか', null, 'おわり。', '3、どちらとも いえない']),
    ).toBe('質問 1／3。 ご用件は 解決しましたか。 おわり。 3、どちらとも いえない');
    expect(speechOf(['Question 1 of 3', 'Was it resolved?', '  ', 'Agree'])).toBe(
      'Question 1 of 3. Was it resolved? Agree',
    );
  });
});

describe('queue texts', () => {
  it('says the place in line the way the issue asks', () => {
    expect(positionText(ja, 3)).toBe('あなたの順番は 3番目です');
    expect(positionText(ja, 1)).toBe('次が あなたの番です');
    expect(positionText(ja, null)).toBe('順番を 確かめています…');
    expect(positionText(en, 4)).toBe('You are number 4 in line');
    expect(positionText(easy, 2)).toBe('あなたの じゅんばんは 2ばんめ です');
  });

  it('rounds the estimate to whole minutes, says "soon" under one, and admits not knowing', () => {
    expect(etaText(ja, 4.6)).toBe('待ち時間の めやすは 約5分です');
    expect(etaText(ja, 0.4)).toBe('まもなく 係員に つながります');
    expect(etaText(ja, null)).toBe('待ち時間の めやすは まだ わかりません');
    expect(etaText(en, 12)).toBe('Estimated wait: about 12 min');
  });

  it('speaks a change of place or estimate, and stays quiet otherwise', () => {
    expect(queueChangeSpeech(ja, walkIn(3, 6), walkIn(2, 4))).toBe(
      'あなたの順番は 2番目です。 待ち時間の めやすは 約4分です',
    );
    expect(queueChangeSpeech(ja, walkIn(2, 4), walkIn(2, 4.2))).toBeNull();
    expect(queueChangeSpeech(ja, walkIn(2, 4), walkIn(2, 3))).not.toBeNull();
    expect(queueChangeSpeech(ja, walkIn(2, 4), null)).toBeNull();
    expect(queueChangeSpeech(ja, null, CALLBACK)).toBeNull();
    expect(queueChangeSpeech(ja, null, walkIn(5, 10))).toContain('5番目');
  });
});

describe('callChangeSpeech', () => {
  it('says when the officer is there, on hold and back, and when the video reconnects', () => {
    const connecting = { status: 'connecting', sessionState: 'connecting' } as const;
    const active = { status: 'active', sessionState: 'connected' } as const;
    const held = { status: 'onHold', sessionState: 'connected' } as const;
    const reconnecting = { status: 'active', sessionState: 'reconnecting' } as const;
    expect(callChangeSpeech(ja, connecting, active)).toBe('係員と つながりました');
    expect(callChangeSpeech(ja, active, held)).toBe('保留中。 しばらく お待ちください');
    expect(callChangeSpeech(ja, held, held)).toBeNull();
    expect(callChangeSpeech(ja, held, active)).toBe('保留が 終わりました');
    expect(callChangeSpeech(ja, active, reconnecting)).toBe('映像を つなぎ直しています…');
    expect(callChangeSpeech(ja, reconnecting, active)).toBe('係員と つながりました');
    expect(callChangeSpeech(ja, active, active)).toBeNull();
    expect(callChangeSpeech(ja, null, active)).toBeNull();
  });
});

describe('topics and call-back times', () => {
  it('labels topics in the viewer’s language, and unknown ones by id', () => {
    expect(topicLabel(INFO, 'childcare', 'ja')).toBe('子育て');
    expect(topicLabel(INFO, 'childcare', 'ja-easy')).toBe('子育て');
    expect(topicLabel(INFO, 'childcare', 'en')).toBe('Childcare');
    expect(topicLabel(INFO, 'gone', 'ja')).toBe('gone');
  });

  it('writes today and tomorrow as words, other days as dates', () => {
    const [today, tomorrow, later] = INFO.callbackSlots as [never, never, never];
    expect(slotLabel(ja, today)).toBe('きょうの 午後');
    expect(slotLabel(ja, tomorrow)).toBe('あしたの 午前');
    expect(slotLabel(ja, later)).toBe('11月27日（木）の 午前');
    expect(slotLabel(en, later)).toBe('Thu 27 Nov morning');
    expect(slotLabel(easy, tomorrow)).toBe('あしたの ごぜん');
  });

  it('finds the day of a booked call back even when it is no longer offered', () => {
    expect(bookedSlotLabel(ja, { date: '2025-11-26', period: 'morning' }, INFO.callbackSlots, null)).toBe(
      'あしたの 午前',
    );
    expect(bookedSlotLabel(ja, { date: '2025-11-26', period: 'afternoon' }, [], '2025-11-25')).toBe(
      'あしたの 午後',
    );
    expect(bookedSlotLabel(ja, { date: '2025-12-01', period: 'morning' }, [], '2025-11-30')).toBe(
      'あしたの 午前',
    );
    expect(bookedSlotLabel(ja, { date: '2025-11-28', period: 'morning' }, [], '2025-11-25')).toBe(
      '11月28日（金）の 午前',
    );
  });

  it('never offers more than six times', () => {
    const many = Array.from({ length: 9 }, (_, day) => ({
      date: `2025-12-${String(day + 1).padStart(2, '0')}`,
      period: 'morning' as const,
      relativeDay: null,
    }));
    expect(visibleSlots(many)).toHaveLength(6);
  });
});

describe('closed lines', () => {
  it('says why it is closed today and when it opens, like the Hours screen', () => {
    expect(closedLines(ja, CLOSED_ON_HOLIDAY, 'ja')).toEqual([
      'いま ビデオ窓口は しまっています',
      'きょうは 勤労感謝の日 振替休日で お休みです',
      '次に あくのは 11月25日（火） 8:30 です',
    ]);
    expect(closedLines(en, CLOSED_ON_HOLIDAY, 'en')[2]).toBe('It opens next on Tue 25 Nov, 8:30');
  });
});

describe('survey', () => {
  it('walks through three questions, each answered or skipped', () => {
    let step = answerSurvey(SURVEY_START, 4);
    expect(step).toEqual({ progress: { index: 1, answers: [4] }, done: false });
    step = answerSurvey(step.progress, null);
    expect(step.done).toBe(false);
    step = answerSurvey(step.progress, 5);
    expect(step).toEqual({ progress: { index: 3, answers: [4, null, 5] }, done: true });
    expect(surveyPayload('c1', step.progress.answers)).toEqual({
      consultationId: 'c1',
      answers: [4, null, 5],
    });
  });

  it('goes back a question and replaces its answer', () => {
    const second = answerSurvey(answerSurvey(SURVEY_START, 2).progress, 3).progress;
    const back = surveyBack(second);
    expect(back.index).toBe(1);
    expect(answerSurvey(back, 1).progress.answers).toEqual([2, 1]);
    expect(surveyBack(SURVEY_START)).toBe(SURVEY_START);
  });

  it('sends all null when the whole survey is skipped', () => {
    expect(surveyPayload('c2', [])).toEqual({ consultationId: 'c2', answers: [null, null, null] });
  });
});
