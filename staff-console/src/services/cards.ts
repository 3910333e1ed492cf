import { containsMyNumber, type TvCard } from '@madoguchi/shared';
import { isCardImage } from './image';

/** The limits of `tvCardSchema`. */
export const CARD_TITLE_MAX = 100;
export const CARD_BODY_MAX = 600;
export const CARD_QR_MAX = 500;

export const COMPOSED_KINDS = ['text', 'image', 'qr'] as const;
export type ComposedKind = (typeof COMPOSED_KINDS)[number];

export interface CardDraft {
  kind: ComposedKind;
  title: string;
  body: string;
  /** The prepared image's data URL, '' before one is chosen. */
  image: string;
  qr: string;
}

export const EMPTY_DRAFT: CardDraft = { kind: 'text', title: '', body: '', image: '', qr: '' };

export type CardField = 'title' | 'body' | 'image' | 'qr';
export type CardProblem = 'missing' | 'tooLong' | 'myNumber' | 'invalid';

/**
 * What is wrong with each field of the card being written, or an empty object. A My Number is
 * never sent: the server's own check runs here first (it would answer MY_NUMBER_REFUSED).
 */
export function cardProblems(draft: CardDraft): Partial<Record<CardField, CardProblem>> {
  const problems: Partial<Record<CardField, CardProblem>> = {};
  const text = (field: CardField, value: string, max: number, required: boolean) => {
    if (containsMyNumber(value)) problems[field] = 'myNumber';
    else if (value.length > max) problems[field] = 'tooLong';
    else if (required && value.trim() === '') problems[field] = 'missing';
  };
  text('title', draft.title, CARD_TITLE_MAX, true);
  if (draft.kind === 'text') text('body', draft.body, CARD_BODY_MAX, false);
  if (draft.kind === 'qr') text('qr', draft.qr, CARD_QR_MAX, true);
  if (draft.kind === 'image') {
    if (draft.image === '') problems.image = 'missing';
    else if (!isCardImage(draft.image)) problems.image = 'invalid';
  }
  return problems;
}

/** The card to send, or null while the draft has a problem. */
export function toTvCard(draft: CardDraft): TvCard | null {
  if (Object.keys(cardProblems(draft)).length > 0) return null;
  const title = draft.title.trim();
  if (draft.kind === 'text') return { kind: 'text', title, body: draft.body.trim() };
  if (draft.kind === 'image') return { kind: 'image', title, image: draft.image };
  return { kind: 'qr', title, content: draft.qr.trim() };
}

/** An information card (title and body from the childcare partner) as a text card, when it fits. */
export function infoTextCard(title: string, body: string): TvCard | null {
  const card: CardDraft = { ...EMPTY_DRAFT, kind: 'text', title, body };
  return toTvCard(card);
}
