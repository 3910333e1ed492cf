import { localisedTextSchema, serviceIdSchema, tenantColoursSchema, topicIdSchema } from '@madoguchi/shared';
import { z } from 'zod';

/** HH:MM; 24:00 closes a day that runs to midnight. */
const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time like 08:30');
const period = z
  .tuple([clockTime, clockTime])
  .refine(([open, close]) => open < close, 'opens before it closes');
const day = z.array(period).max(4);

/** A tenant (a city) as its JSON file describes it. */
export const tenantFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  displayName: localisedTextSchema,
  /** IANA time zone of the counter's hours, e.g. Asia/Tokyo. */
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Tokyo'),
  colours: tenantColoursSchema,
  contact: z.strictObject({
    phone: z.string().regex(/^[0-9-]{6,20}$/),
    office: localisedTextSchema,
  }),
  businessHours: z.strictObject({
    weekly: z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }),
    closedOnPublicHolidays: z.boolean(),
    /** The city's own closed days every year, MM-DD (年末年始). */
    closedDates: z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date like 12-29')),
  }),
  /** The video counter: what a citizen may talk about (at most six choices on a TV screen). */
  counter: z.strictObject({
    topics: z
      .array(z.strictObject({ id: topicIdSchema, label: localisedTextSchema }))
      .min(1)
      .max(6)
      .refine((topics) => new Set(topics.map((t) => t.id)).size === topics.length, 'topic ids must differ'),
  }),
  /** TV sign-in codes: consonants (BCDF-GHJK) by default, or digits for remotes without letters. */
  identity: z
    .strictObject({ userCodeAlphabet: z.enum(['letters', 'digits']) })
    .default({ userCodeAlphabet: 'letters' }),
  /** Services in Home order; only built ones are shown. */
  services: z.array(serviceIdSchema).min(1),
});

export type TenantFile = z.infer<typeof tenantFileSchema>;
export type WeekdayKey = keyof TenantFile['businessHours']['weekly'];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
