import type { BookingView } from '@madoguchi/shared';
import { formatDate, type Texts } from './hoursModel';
import { jstParts } from './serviceFormat';

export interface ReminderLine {
  /** On screen, short: 「あした 10:00から 母子健康相談（保健センター）」. */
  text: string;
  /** Said in full, with the date. */
  speech: string;
}

/** Home's reminder the day before a 母子健康相談 (the server sends it only then). */
export function reminderLine(texts: Texts, booking: Pick<BookingView, 'startsAt' | 'place'>): ReminderLine {
  const parts = jstParts(booking.startsAt);
  const time = parts?.time ?? '';
  const date = parts ? formatDate(texts, parts.date) : '';
  return {
    text: texts.t('tvApp.homeServices.reminder', { time, place: booking.place }),
    speech: texts.t('tvApp.homeServices.reminderSpeech', { date, time, place: booking.place }),
  };
}
