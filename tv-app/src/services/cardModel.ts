import type { TvCardShown } from '@madoguchi/shared';
import { speechOf } from './counterModel';
import type { ScreenLine } from './counterScreens';
import type { Texts } from './hoursModel';
import { dayLabel, jstParts, textPages } from './serviceFormat';

/** A card from an officer, as the overlay draws and says it. */
export interface CardView {
  /** Who sent it: 「山田から」. */
  from: string;
  title: string;
  /** Text under the title (a text card's body is paged: this is the page on screen). */
  lines: ScreenLine[];
  image: string | null;
  qr: string | null;
  /** Pages of a long text card (1 for the others). */
  pages: number;
  hint: string;
  speech: string;
}

/** A card's body holds this much text on one page at a text size. */
export function cardCharsPerPage(textScale: number): number {
  if (textScale >= 1.5) return 120;
  if (textScale >= 1.25) return 180;
  return 260;
}

export function cardView(
  texts: Texts,
  card: TvCardShown,
  context: { today: string; textScale: number; page: number; waiting: number },
): CardView {
  const from = card.from ? texts.t('tvApp.card.from', { name: card.from }) : '';
  const closeHint = texts.t('tvApp.card.close');
  const view: CardView = {
    from,
    // A booking card is titled here, in the viewer's language.
    title: card.kind === 'booking' ? texts.t('tvApp.card.bookingTitle') : card.title,
    lines: [],
    image: null,
    qr: null,
    pages: 1,
    hint: closeHint,
    speech: '',
  };
  switch (card.kind) {
    case 'text': {
      const pages = textPages(card.body, cardCharsPerPage(context.textScale));
      const page = Math.min(Math.max(0, context.page), pages.length - 1);
      view.pages = pages.length;
      view.lines = [{ text: pages[page] ?? '', style: 'body' }];
      if (pages.length > 1) {
        view.hint = `${texts.t('tvApp.services.textPage', { page: page + 1, pages: pages.length })}\u3000${closeHint}`;
      }
      view.speech = speechOf([card.title, pages[page], from]);
      break;
    }
    case 'image':
      view.image = card.image;
      view.speech = speechOf([card.title, texts.t('tvApp.card.imageSpeech'), from]);
      break;
    case 'qr':
      view.qr = card.content;
      // A short address is written out too, for someone who would rather type it.
      if (card.content.length <= 80) view.lines = [{ text: card.content, style: 'strong' }];
      view.speech = speechOf([card.title, texts.t('tvApp.card.qrSpeech'), from]);
      break;
    case 'booking': {
      const { booking } = card;
      const parts = jstParts(booking.startsAt);
      const date = parts ? dayLabel(texts, parts.date, context.today) : '';
      view.lines = [
        { text: texts.t('tvApp.card.bookingDate', { date }), style: 'headline' },
        { text: texts.t('tvApp.card.bookingTime', { time: parts?.time ?? '' }), style: 'headline' },
        { text: texts.t('tvApp.card.bookingPlace', { place: booking.place }), style: 'strong' },
      ];
      if (booking.status === 'cancelled') {
        view.lines.push({ text: texts.t('tvApp.card.bookingCancelled'), style: 'notice' });
      }
      view.speech = speechOf([view.title, ...view.lines.map((line) => line.text), from]);
      break;
    }
  }
  if (context.waiting > 0)
    view.hint = `${view.hint}${texts.t('tvApp.card.waiting', { count: context.waiting })}`;
  return view;
}
