import type {
  CallbackSlot,
  CallEndReason,
  CounterInfo,
  Language,
  MyQueueEntry,
  OpeningStatus,
  SurveySubmit,
} from '@madoguchi/shared';
import { SURVEY_QUESTIONS } from '@madoguchi/shared';
import type { CallSessionState } from '@madoguchi/stb-bridge/call';
import { clockTime, formatDate, type Texts } from './hoursModel';

/**
 * The video counter's pure logic: which screen to show for the TV's state, and the texts for
 * the queue, call-back times and the survey. No Lightning, no DOM, no socket.
 */

/** Where a call stands on this TV ('connecting' until media flows the first time). */
export type CallStatus = 'ringing' | 'connecting' | 'active' | 'onHold' | 'ended';

/** Answered or accepted and not over: a call back still ringing is not live yet. */
export function isLiveCall(call: { status: CallStatus } | null): boolean {
  return call !== null && call.status !== 'ringing' && call.status !== 'ended';
}

export type CounterView =
  | 'loading'
  | 'failed'
  | 'topics'
  | 'callbackTopics'
  | 'waiting'
  | 'closed'
  | 'slots'
  | 'confirmCallback'
  | 'booked'
  | 'call'
  | 'ended'
  | 'survey'
  | 'thanks';

/** Steps the viewer took on this screen that the server does not know about (yet). */
export type LocalStep =
  | { step: 'start' }
  | { step: 'callbackTopics' }
  | { step: 'slots'; topic: string }
  | { step: 'confirm'; topic: string; slot: CallbackSlot }
  | { step: 'ended'; reason: CallEndReason }
  | { step: 'thanks' };

export type InfoState = 'idle' | 'loading' | 'loaded' | 'failed';

/** What the screen choice depends on. */
export interface CounterSituation {
  infoState: InfoState;
  info: CounterInfo | null;
  entry: MyQueueEntry | null;
  callStatus: CallStatus | null;
  surveyFor: string | null;
}

/**
 * The screen for the TV's state. A live call wins over everything, then what the viewer just
 * finished (thanks, the survey, why the call ended), then the steps of a call-back booking,
 * then the citizen's place (waiting or booked), and only then the start of the counter.
 */
export function chooseView(situation: CounterSituation, local: LocalStep): CounterView {
  const { callStatus, entry } = situation;
  if (callStatus === 'connecting' || callStatus === 'active' || callStatus === 'onHold') return 'call';
  if (local.step === 'thanks') return 'thanks';
  if (situation.surveyFor) return 'survey';
  if (local.step === 'ended') return 'ended';
  if (local.step === 'slots') return 'slots';
  if (local.step === 'confirm') return 'confirmCallback';
  if (entry?.kind === 'callback') return 'booked';
  if (entry) return 'waiting';
  if (local.step === 'callbackTopics') return 'callbackTopics';
  if (situation.infoState !== 'loaded' || !situation.info) {
    return situation.infoState === 'failed' ? 'failed' : 'loading';
  }
  return situation.info.opening.openNow ? 'topics' : 'closed';
}

// Speech -------------------------------------------------------------------------------------

const ENDS_SENTENCE = /[。．.!?！？…」）)]$/;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Texts said one after another, each ending as a sentence (a pause), never with "。。". */
export function speechOf(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part, index, all) => {
      const text = part.trim();
      if (index === all.length - 1 || ENDS_SENTENCE.test(text)) return text;
      return JAPANESE.test(text) ? `${text}。` : `${text}.`;
    })
    .join(' ');
}

// Queue texts --------------------------------------------------------------------------------

export function positionText(texts: Texts, position: number | null): string {
  if (position === null || position < 1) return texts.t('tvApp.counter.positionUnknown');
  if (position === 1) return texts.t('tvApp.counter.positionNext');
  return texts.t('tvApp.counter.position', { position });
}

export function etaText(texts: Texts, minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return texts.t('tvApp.counter.etaUnknown');
  const rounded = Math.round(minutes);
  if (rounded < 1) return texts.t('tvApp.counter.etaSoon');
  return texts.t('tvApp.counter.eta', { minutes: rounded });
}

/** Said when the place in line changed; null when nothing the viewer hears about changed. */
export function queueChangeSpeech(
  texts: Texts,
  previous: MyQueueEntry | null,
  next: MyQueueEntry | null,
): string | null {
  if (!next || next.kind !== 'walkIn' || next.status !== 'waiting') return null;
  const eta = (entry: MyQueueEntry | null) =>
    entry?.etaMinutes === null || entry?.etaMinutes === undefined ? null : Math.round(entry.etaMinutes);
  const samePlace =
    previous?.entryId === next.entryId &&
    previous.status === next.status &&
    previous.position === next.position &&
    eta(previous) === eta(next);
  if (samePlace) return null;
  return speechOf([positionText(texts, next.position), etaText(texts, next.etaMinutes)]);
}

/** A call as the viewer hears about it. */
export interface CallMoment {
  status: CallStatus;
  sessionState: CallSessionState | null;
}

/** Said when the call changes in a way the viewer cannot miss seeing: connected, hold, reconnecting. */
export function callChangeSpeech(
  texts: Texts,
  previous: CallMoment | null,
  next: CallMoment | null,
): string | null {
  if (!previous || !next) return null;
  const t = (key: string) => texts.t(`tvApp.counter.call.${key}`);
  if (next.status === 'onHold')
    return previous.status === 'onHold' ? null : speechOf([t('onHold'), t('onHoldBody')]);
  if (next.status !== 'active') return null;
  if (previous.status === 'onHold') return t('resumed');
  if (previous.status === 'connecting') return t('connected');
  if (next.sessionState === 'reconnecting' && previous.sessionState !== 'reconnecting')
    return t('reconnecting');
  if (previous.sessionState === 'reconnecting' && next.sessionState === 'connected') return t('connected');
  return null;
}

// Topics and call-back times -----------------------------------------------------------------

export function topicLabel(info: CounterInfo | null, topicId: string, language: Language): string {
  const topic = info?.topics.find((candidate) => candidate.id === topicId);
  if (!topic) return topicId;
  return language === 'en' ? topic.label.en : topic.label.ja;
}

/** `today`/`tomorrow`, else the date as the Hours screen writes it, then morning or afternoon. */
export function slotLabel(texts: Texts, slot: Pick<CallbackSlot, 'date' | 'period' | 'relativeDay'>): string {
  const day =
    slot.relativeDay === 'today'
      ? texts.t('tvApp.counter.today')
      : slot.relativeDay === 'tomorrow'
        ? texts.t('tvApp.counter.tomorrow')
        : formatDate(texts, slot.date);
  return texts.t('tvApp.counter.slot', { day, period: texts.t(`tvApp.counter.periods.${slot.period}`) });
}

/** A booked call back, knowing today's date (the entry carries no relative day). */
export function bookedSlotLabel(
  texts: Texts,
  callback: { date: string; period: CallbackSlot['period'] },
  slots: readonly CallbackSlot[],
  today: string | null,
): string {
  const known = slots.find((slot) => slot.date === callback.date && slot.period === callback.period);
  const relativeDay =
    known?.relativeDay ??
    (today === callback.date ? 'today' : today && nextDate(today) === callback.date ? 'tomorrow' : null);
  return slotLabel(texts, { ...callback, relativeDay });
}

function nextDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** At most six choices on a screen (TV-UX.md). */
export const MAX_CHOICES = 6;

export function visibleSlots(slots: readonly CallbackSlot[]): CallbackSlot[] {
  return slots.slice(0, MAX_CHOICES);
}

export function slotId(slot: Pick<CallbackSlot, 'date' | 'period'>): string {
  return `${slot.date}:${slot.period}`;
}

// Opening ------------------------------------------------------------------------------------

/** Closed now: why (a holiday today), and when it opens next, written like the Hours screen. */
export function closedLines(texts: Texts, opening: OpeningStatus, language: Language): string[] {
  const lines = [texts.t('tvApp.counter.closedNow')];
  const today = opening.days[0];
  if (today?.holidayName) {
    const holiday = language === 'en' ? today.holidayName.en : today.holidayName.ja;
    lines.push(texts.t('tvApp.counter.holidayToday', { holiday }));
  }
  if (opening.nextOpening) {
    const date = formatDate(texts, opening.nextOpening.slice(0, 10));
    const when = texts.t('tvApp.dateTime', { date, time: clockTime(opening.nextOpening) });
    lines.push(texts.t('hours.nextOpening', { when }));
  }
  return lines;
}

export function openLine(texts: Texts, opening: OpeningStatus): string | null {
  if (!opening.openNow || !opening.closesAt) return null;
  return texts.t('tvApp.counter.openNow', { time: clockTime(opening.closesAt) });
}

// Survey -------------------------------------------------------------------------------------

export type SurveyAnswer = 1 | 2 | 3 | 4 | 5;
export const SURVEY_LENGTH = SURVEY_QUESTIONS.length;

export interface SurveyProgress {
  /** The question on screen, 0-based. */
  index: number;
  /** One per question answered so far; null for a skipped one. */
  answers: (SurveyAnswer | null)[];
}

export const SURVEY_START: SurveyProgress = { index: 0, answers: [] };

export function isSurveyAnswer(value: number): value is SurveyAnswer {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Answer (or skip, with null) the question on screen; `done` once the last one is answered. */
export function answerSurvey(
  progress: SurveyProgress,
  answer: SurveyAnswer | null,
): { progress: SurveyProgress; done: boolean } {
  const answers = [...progress.answers.slice(0, progress.index), answer];
  const index = progress.index + 1;
  return { progress: { index, answers }, done: index >= SURVEY_LENGTH };
}

/** Back: the previous question again (its answer kept until it is answered anew). */
export function surveyBack(progress: SurveyProgress): SurveyProgress {
  return progress.index === 0 ? progress : { ...progress, index: progress.index - 1 };
}

/** What is sent: three answers, null for each question skipped or not reached (all null: skipped). */
export function surveyPayload(
  consultationId: string,
  answers: readonly (SurveyAnswer | null)[],
): SurveySubmit {
  const at = (index: number) => answers[index] ?? null;
  return { consultationId, answers: [at(0), at(1), at(2)] };
}
