import type { CounterInfo, Language, MyQueueEntry } from '@madoguchi/shared';
import { SURVEY_QUESTIONS } from '@madoguchi/shared';
import type { CallSessionState } from '@madoguchi/stb-bridge/call';
import {
  SURVEY_LENGTH,
  bookedSlotLabel,
  closedLines,
  etaText,
  openLine,
  positionText,
  slotId,
  slotLabel,
  topicLabel,
  visibleSlots,
  type CallStatus,
  type CounterView,
  type LocalStep,
  type SurveyProgress,
} from './counterModel';
import type { Texts } from './hoursModel';

/**
 * Every video-counter screen as data: title, lines, at most six choices, a question dialog.
 * The page draws it; tests read it. One idea per screen (TV-UX.md).
 */

export interface ScreenLine {
  text: string;
  /**
   * hero: your place in line, very large; headline: the one thing to read; strong: bold body;
   * note: smaller; notice: what just happened (an error, a hand-over), bold in the focus colour.
   */
  style: 'hero' | 'headline' | 'strong' | 'body' | 'note' | 'notice';
}

export interface ScreenChoice {
  id: string;
  label: string;
  /** Spoken when focused; the label by default. */
  speech?: string;
}

export interface ScreenDialog {
  question: string;
  choices: ScreenChoice[];
  hint: string;
}

export type DialogKind = 'cancelWaiting' | 'cancelCallback' | 'endCall';

export interface CallScreenSpec {
  /** Shown in place of the officer's video (connecting, on hold, no camera); null: the video. */
  placeholder: string[] | null;
  /** The thin line under the video: the officer, then what the TV sends and how to end. */
  status: [string, string];
  /** The second line without the key hint, when the whole one does not fit (large text). */
  statusShort: string;
  /** The status says something is wrong (reconnecting). */
  warning: boolean;
  selfView: boolean;
}

export interface ScreenSpec {
  view: CounterView;
  title: string;
  lines: ScreenLine[];
  choices: ScreenChoice[];
  /** rows: a numbered list; scale: the survey's 1–5 side by side. */
  layout: 'rows' | 'scale';
  /** Number keys pick the n-th choice. */
  numbered: boolean;
  hint: string | null;
  dialog: ScreenDialog | null;
  call: CallScreenSpec | null;
}

export interface CallSnapshot {
  topic: string;
  officerName: string;
  status: CallStatus;
}

export interface MediaSnapshot {
  sessionState: CallSessionState | null;
  /** The camera and microphone were asked for: `sending` is known. */
  localReady: boolean;
  sending: { audio: boolean; video: boolean };
  peerVideo: boolean;
  failed: boolean;
}

export interface ScreenInput {
  view: CounterView;
  info: CounterInfo | null;
  entry: MyQueueEntry | null;
  call: CallSnapshot | null;
  media: MediaSnapshot | null;
  local: LocalStep;
  language: Language;
  /** The city's telephone line (the Hours screen's text). */
  contact: string;
  /** A request is under way: say so instead of offering choices twice. */
  busy: boolean;
  /** One line about what just happened (an error, a hand-over). */
  notice: string | null;
  dialog: DialogKind | null;
  survey: SurveyProgress;
  thanksSeconds: number;
}

const k = (key: string) => `tvApp.counter.${key}`;

export function counterScreen(input: ScreenInput, texts: Texts): ScreenSpec {
  const spec: ScreenSpec = {
    view: input.view,
    title: texts.t(k(`titles.${input.view}`)),
    lines: [],
    choices: [],
    layout: 'rows',
    numbered: false,
    hint: null,
    dialog: input.dialog ? dialogOf(input.dialog, texts) : null,
    call: null,
  };
  fill(spec, input, texts);
  if (input.notice) spec.lines.unshift({ text: input.notice, style: 'notice' });
  // A request still under way when the screen moved on (the call ended first) is no longer news.
  if (input.busy && !['call', 'survey', 'thanks', 'ended'].includes(input.view)) {
    spec.lines.push({ text: texts.t(k('busy')), style: 'strong' });
    spec.choices = [];
  }
  return spec;
}

function fill(spec: ScreenSpec, input: ScreenInput, texts: Texts): void {
  const { info, entry, language } = input;
  const topic = (id: string) => topicLabel(info, id, language);
  const line = (text: string, style: ScreenLine['style'] = 'body') => spec.lines.push({ text, style });
  switch (input.view) {
    case 'loading':
      line(texts.t(k('loading')));
      return;
    case 'failed':
      line(texts.t(k('failed')), 'strong');
      line(input.contact);
      spec.choices = [{ id: 'retry', label: texts.t('tvApp.retry') }];
      return;
    case 'topics':
    case 'callbackTopics': {
      const open = info ? openLine(texts, info.opening) : null;
      if (open && input.view === 'topics') line(open, 'note');
      line(texts.t(k(input.view === 'topics' ? 'chooseTopic' : 'chooseCallbackTopic')), 'strong');
      spec.choices = (info?.topics ?? [])
        .slice(0, 6)
        .map((t) => ({ id: `topic:${t.id}`, label: topic(t.id) }));
      numbered(spec, texts);
      return;
    }
    case 'waiting': {
      if (!entry) return;
      if (entry.status === 'serving' || entry.status === 'ringing') {
        line(texts.t(k('serving')), 'headline');
        line(texts.t(k('topic'), { topic: topic(entry.topic) }));
        return;
      }
      line(positionText(texts, entry.position), 'hero');
      line(etaText(texts, entry.etaMinutes), 'strong');
      line(texts.t(k('topic'), { topic: topic(entry.topic) }));
      line(texts.t(k('waitingNote')), 'note');
      spec.choices = [
        ...(info?.callbackSlots.length ? [{ id: 'askCallback', label: texts.t(k('askCallback')) }] : []),
        { id: 'cancelWaiting', label: texts.t(k('cancelWaiting')) },
      ];
      return;
    }
    case 'closed': {
      if (!info) return;
      const [first, ...rest] = closedLines(texts, info.opening, language);
      if (first) line(first, 'headline');
      for (const text of rest) line(text, 'strong');
      const canBook = info.callbackSlots.length > 0;
      line(texts.t(k(canBook ? 'callbackOffer' : 'noCallbackSlots')));
      line(input.contact, 'note');
      spec.choices = [
        ...(canBook ? [{ id: 'requestCallback', label: texts.t(k('requestCallback')) }] : []),
        { id: 'seeHours', label: texts.t(k('seeHours')) },
      ];
      return;
    }
    case 'slots':
      line(texts.t(k('chooseSlot')), 'strong');
      if (input.local.step === 'slots')
        line(texts.t(k('topic'), { topic: topic(input.local.topic) }), 'note');
      spec.choices = visibleSlots(info?.callbackSlots ?? []).map((slot) => ({
        id: `slot:${slotId(slot)}`,
        label: slotLabel(texts, slot),
      }));
      numbered(spec, texts);
      return;
    case 'confirmCallback': {
      if (input.local.step !== 'confirm') return;
      line(texts.t(k('confirmCallback'), { slot: slotLabel(texts, input.local.slot) }), 'headline');
      line(texts.t(k('topic'), { topic: topic(input.local.topic) }));
      line(texts.t(k('confirmQuestion')), 'strong');
      spec.choices = [
        { id: 'confirmCallback', label: texts.t(k('confirmYes')) },
        { id: 'back', label: texts.t(k('confirmNo')) },
      ];
      return;
    }
    case 'booked': {
      if (!entry?.callback) return;
      const today = info?.opening.days[0]?.date ?? null;
      const slot = bookedSlotLabel(texts, entry.callback, info?.callbackSlots ?? [], today);
      line(texts.t(k('booked'), { slot }), 'headline');
      line(texts.t(k('topic'), { topic: topic(entry.topic) }));
      line(texts.t(k('bookedNote')), 'note');
      spec.choices = [
        { id: 'home', label: texts.t(k('goHome')) },
        { id: 'cancelCallback', label: texts.t(k('cancelCallback')) },
      ];
      return;
    }
    case 'call':
      spec.call = callSpec(input, texts);
      return;
    case 'ended': {
      const reason = input.local.step === 'ended' ? input.local.reason : 'completed';
      line(texts.t(k(`endReason.${reason}`)), 'headline');
      line(texts.t(k('endedNote')));
      spec.choices = [{ id: 'home', label: texts.t(k('goHome')) }];
      return;
    }
    case 'survey':
      surveySpec(spec, input.survey, texts);
      return;
    case 'thanks':
      line(texts.t(k('thanks')), 'headline');
      line(texts.t(k('thanksHome'), { seconds: input.thanksSeconds }), 'note');
      spec.choices = [{ id: 'home', label: texts.t(k('goHome')) }];
      return;
  }
}

function numbered(spec: ScreenSpec, texts: Texts): void {
  spec.numbered = true;
  spec.hint = texts.t(k('numberHint'));
  spec.choices = spec.choices.map((choice, index) => ({
    ...choice,
    speech: texts.t(k('choiceSpeech'), { number: index + 1, label: choice.label }),
  }));
}

/** Each question's i18n keys: the question, the yes, the no. */
const DIALOG_KEYS: Record<DialogKind, [question: string, yes: string, no: string]> = {
  cancelWaiting: ['cancelWaitingQuestion', 'cancelWaitingYes', 'keepWaiting'],
  cancelCallback: ['cancelCallbackQuestion', 'cancelCallbackYes', 'keepCallback'],
  endCall: ['call.endQuestion', 'call.endYes', 'call.endNo'],
};

function dialogOf(kind: DialogKind, texts: Texts): ScreenDialog {
  const [question, yes, no] = DIALOG_KEYS[kind];
  return {
    question: texts.t(k(question)),
    choices: [
      { id: 'confirmDialog', label: texts.t(k(yes)) },
      { id: 'closeDialog', label: texts.t(k(no)) },
    ],
    hint: texts.t(k('dialogHint')),
  };
}

/** What the TV sends, said plainly: both, the voice only, or nothing (it only receives). */
export function sendingText(texts: Texts, sending: { audio: boolean; video: boolean }): string {
  if (sending.video) return texts.t(k('call.sendingBoth'));
  if (sending.audio) return texts.t(k('call.audioOnly'));
  return texts.t(k('call.receiveOnly'));
}

function callSpec(input: ScreenInput, texts: Texts): CallScreenSpec {
  const { call, media } = input;
  const sending = media?.sending ?? { audio: false, video: false };
  const officer = texts.t(k('call.officer'), {
    name: call?.officerName ?? '',
    topic: call ? topicLabel(input.info, call.topic, input.language) : '',
  });
  const state = media?.sessionState ?? null;
  const connecting =
    !media || media.failed || state === null || (state === 'connecting' && call?.status !== 'active');
  let placeholder: string[] | null = null;
  if (call?.status === 'onHold') placeholder = [texts.t(k('call.onHold')), texts.t(k('call.onHoldBody'))];
  else if (media?.failed) {
    placeholder = [texts.t(k('call.mediaFailed')), texts.t(k('call.retryHint')), input.contact];
  } else if (connecting) placeholder = [texts.t(k('call.connecting'))];
  else if (media && !media.peerVideo) placeholder = [texts.t(k('call.noPeerVideo'))];
  const reconnecting = state === 'reconnecting';
  const joined = (first: string, second: string) => texts.t(k('call.joined'), { first, second });
  const first = reconnecting ? joined(officer, texts.t(k('call.reconnecting'))) : officer;
  return {
    placeholder,
    status: [
      first,
      media?.localReady
        ? joined(sendingText(texts, sending), texts.t(k('call.endHint')))
        : texts.t(k('call.endHint')),
    ],
    statusShort: media?.localReady ? sendingText(texts, sending) : texts.t(k('call.endHint')),
    warning: reconnecting,
    selfView: sending.video && call?.status !== 'onHold',
  };
}

function surveySpec(spec: ScreenSpec, progress: SurveyProgress, texts: Texts): void {
  const index = Math.min(progress.index, SURVEY_LENGTH - 1);
  const question = SURVEY_QUESTIONS[index] ?? SURVEY_QUESTIONS[0];
  spec.layout = 'scale';
  spec.numbered = true;
  spec.lines = [
    { text: texts.t(k('survey.progress'), { number: index + 1, total: SURVEY_LENGTH }), style: 'body' },
    { text: texts.t(`counter.survey.${question}`), style: 'headline' },
    { text: texts.t(k('survey.ends')), style: 'body' },
  ];
  if (index === 0) spec.lines.unshift({ text: texts.t(k('survey.intro')), style: 'note' });
  spec.choices = [1, 2, 3, 4, 5].map((number) => {
    const label = texts.t(k(`survey.scale.${number}`));
    return {
      id: `answer:${number}`,
      label: String(number),
      speech: texts.t(k('survey.answerSpeech'), { number, label }),
    };
  });
  spec.choices.push({ id: 'skip', label: texts.t(k('survey.skip')) });
  spec.hint = texts.t(k('survey.hint'));
}
