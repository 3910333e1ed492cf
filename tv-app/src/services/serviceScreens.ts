import { errorKey, type ErrorCode, type Language } from '@madoguchi/shared';
import type { ServiceKey } from './CityServices';
import { MAX_CHOICES, speechOf } from './counterModel';
import type { ScreenDialog, ScreenLine } from './counterScreens';
import type { Texts } from './hoursModel';

/**
 * The service screens (お知らせ, 地域通貨, 地域共助, 子育て) as data: a title that says where the
 * viewer is, lines to read, at most six choices, maybe a question or a QR code. Pages draw it;
 * tests read it.
 */

export interface ServiceChoice {
  id: string;
  label: string;
  /** Shown on the right of the row (a date, an amount, a status). */
  value?: string;
  /** Spoken when focused; the number, label and value by default. */
  speech?: string;
}

export interface ServiceScreenSpec {
  title: string;
  lines: ScreenLine[];
  choices: ServiceChoice[];
  /** Number keys pick the n-th choice. */
  numbered: boolean;
  hint: string | null;
  dialog: ScreenDialog | null;
  /** A QR code beside the lines: its content, or null while there is none to show (expired). */
  qr: { content: string | null } | null;
  /** This list is one page of several: left/right (or the paging row) turn pages. */
  paging: { page: number; pages: number } | null;
}

export type { ScreenLine };

export const PAGE_CHOICE = 'page:next';

/** What every screen's texts depend on besides its own state. */
export interface SpecContext {
  texts: Texts;
  language: Language;
  /** Text size: how much of a long text one screen holds. */
  textScale: number;
  /** Today in Japan (`YYYY-MM-DD`): あした, 期限, the next days. */
  today: string;
  /** Now, in milliseconds since the epoch (the app's clock): countdowns. */
  now: number;
}

export function emptySpec(title: string): ServiceScreenSpec {
  return { title, lines: [], choices: [], numbered: false, hint: null, dialog: null, qr: null, paging: null };
}

export function line(text: string, style: ScreenLine['style'] = 'body'): ScreenLine {
  return { text, style };
}

/** `地域通貨 クーポン`: the service, then where in it. */
export function titleOf(texts: Texts, service: ServiceKey, part?: string): string {
  const name = texts.t(`tvApp.services.names.${service}`);
  return part ? texts.t('tvApp.services.titlePart', { service: name, part }) : name;
}

/** One page of a longer list: pages hold `room` items, one less when a paging row is needed. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  room = MAX_CHOICES,
): { items: T[]; page: number; pages: number } {
  const size = Math.max(1, room);
  if (items.length <= size) return { items: [...items], page: 0, pages: 1 };
  const perPage = Math.max(1, size - 1);
  const pages = Math.ceil(items.length / perPage);
  const current = ((page % pages) + pages) % pages;
  return { items: items.slice(current * perPage, (current + 1) * perPage), page: current, pages };
}

/** Numbers the choices (1…), says them with their number, and adds the number-key hint. */
export function numbered(spec: ServiceScreenSpec, texts: Texts): ServiceScreenSpec {
  spec.numbered = true;
  spec.hint = spec.hint ?? texts.t('tvApp.services.numberHint');
  spec.choices = spec.choices.map((choice, index) => ({
    ...choice,
    speech: texts.t('tvApp.services.choiceSpeech', {
      number: index + 1,
      label: choice.speech ?? speechOf([choice.label, choice.value]),
    }),
  }));
  return spec;
}

/**
 * A list longer than a screen: this page's items, then a row to the next page (from the last
 * page, back to the first), then the rows every page has (`fixed`). Numbered.
 */
export function pagedChoices(
  spec: ServiceScreenSpec,
  texts: Texts,
  items: readonly ServiceChoice[],
  page: number,
  fixed: readonly ServiceChoice[] = [],
): ServiceScreenSpec {
  const current = pageOf(items, page, MAX_CHOICES - fixed.length);
  spec.choices = [...current.items];
  if (current.pages > 1) {
    const next = current.page + 1 < current.pages ? current.page + 2 : 1;
    const key = next === 1 ? 'tvApp.services.firstPage' : 'tvApp.services.nextPage';
    spec.choices.push({ id: PAGE_CHOICE, label: texts.t(key, { page: next, pages: current.pages }) });
    spec.paging = { page: current.page + 1, pages: current.pages };
    spec.lines.push(line(texts.t('tvApp.services.pageLine', spec.paging), 'note'));
  }
  spec.choices.push(...fixed);
  return numbered(spec, texts);
}

// Failures ------------------------------------------------------------------------------------

/** What the one button under a message does. */
export type ErrorAction = 'retry' | 'choosePerson' | 'signIn' | 'consent' | 'back' | 'slots';

export interface ServiceMessage {
  /** What happened and what to do, in plain words. */
  lines: string[];
  action: ErrorAction;
}

/**
 * An error as the viewer reads it: the service by name, what happened, what to do, and one
 * button. A partner that is down never sounds like the whole TV is broken, and the green key
 * (a person) is always mentioned.
 */
export function serviceMessage(
  texts: Texts,
  service: ServiceKey,
  code: ErrorCode,
  linkedPeople: number,
): ServiceMessage {
  const name = texts.t(`tvApp.services.names.${service}`);
  const t = (key: string) => texts.t(`tvApp.services.${key}`, { service: name });
  switch (code) {
    case 'PARTNER_UNAVAILABLE':
      return { lines: [t('unavailable'), t('tryLater'), t('greenHelp')], action: 'retry' };
    case 'PARTNER_ERROR':
    case 'INTERNAL':
      return { lines: [t('partnerError'), t('tryLater'), t('greenHelp')], action: 'retry' };
    case 'SERVER_UNREACHABLE':
      return { lines: [t('offline'), t('greenHelp')], action: 'retry' };
    case 'SIGN_IN_REQUIRED':
      return personMessage(texts, service, linkedPeople);
    case 'NOT_LINKED':
      return { lines: [t('notLinked')], action: 'choosePerson' };
    case 'CONSENT_REQUIRED':
      return { lines: [texts.t(`tvApp.services.consent.${service}`), t('consentHow')], action: 'consent' };
    case 'SLOT_FULL':
      return { lines: [texts.t(errorKey(code))], action: 'slots' };
    case 'ALREADY_BOOKED':
      return { lines: [texts.t(errorKey(code)), t('seeBookings')], action: 'back' };
    case 'INSUFFICIENT_FUNDS':
      return { lines: [texts.t(errorKey(code))], action: 'back' };
    default:
      return { lines: [t('partnerError'), t('tryLater'), t('greenHelp')], action: 'retry' };
  }
}

/** Nobody is using the TV now: who is it (2+ linked, or signed-out use chosen), or sign in first. */
export function personMessage(texts: Texts, service: ServiceKey, linkedPeople: number): ServiceMessage {
  const name = texts.t(`tvApp.services.names.${service}`);
  if (linkedPeople === 0) {
    return { lines: [texts.t('tvApp.services.needsSignIn', { service: name })], action: 'signIn' };
  }
  return {
    lines: [texts.t('tvApp.services.whoUses'), texts.t('tvApp.services.needsPerson', { service: name })],
    action: 'choosePerson',
  };
}

export function actionLabel(texts: Texts, action: ErrorAction): string {
  return texts.t(`tvApp.services.actions.${action}`);
}

/** The whole screen is a message with its one button. */
export function messageSpec(title: string, message: ServiceMessage, texts: Texts): ServiceScreenSpec {
  const [first, ...rest] = message.lines;
  const spec = emptySpec(title);
  if (first) spec.lines.push(line(first, 'headline'));
  for (const text of rest) spec.lines.push(line(text, 'strong'));
  spec.choices = [{ id: `error:${message.action}`, label: actionLabel(texts, message.action) }];
  return spec;
}

/** Never a spinner without words: what is being loaded, said plainly. */
export function loadingSpec(title: string, texts: Texts, service: ServiceKey): ServiceScreenSpec {
  const spec = emptySpec(title);
  spec.lines.push(
    line(
      texts.t('tvApp.services.loading', { service: texts.t(`tvApp.services.names.${service}`) }),
      'strong',
    ),
  );
  return spec;
}

/** While a request is under way the choices go away: OK pressed twice sends once. */
export function busySpec(spec: ServiceScreenSpec, texts: Texts): ServiceScreenSpec {
  spec.lines.push(line(texts.t('tvApp.services.busy'), 'strong'));
  spec.choices = [];
  spec.dialog = null;
  spec.hint = null;
  return spec;
}

/** A question over the screen: the safe answer first, so OK pressed twice by accident keeps things. */
export function question(texts: Texts, text: string, keep: string, act: string): ScreenDialog {
  return {
    question: text,
    choices: [
      { id: 'dialog:keep', label: keep },
      { id: 'dialog:act', label: act },
    ],
    hint: texts.t('tvApp.services.dialogHint'),
  };
}
