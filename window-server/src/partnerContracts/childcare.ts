import { z } from 'zod';
import { isoDate, isoDateTime } from './common.js';

/**
 * 子育てコンシェルジュ childcare: a family's children, information by age, and 母子健康相談
 * consultation slots with capacity. Auth: `X-Api-Key`. Writes take an `Idempotency-Key`.
 */

export const childSchema = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: isoDate,
});

/** GET /v1/families/{subject}/children */
export const childListSchema = z.object({ children: z.array(childSchema) });

export const infoCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  ageFromMonths: z.number().int().min(0),
  ageToMonths: z.number().int().min(0),
});
export type InfoCard = z.infer<typeof infoCardSchema>;

/** GET /v1/info?ageMonths= */
export const infoCardListSchema = z.object({ cards: z.array(infoCardSchema) });

export const slotSchema = z.object({
  id: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  place: z.string(),
  capacity: z.number().int().positive(),
  booked: z.number().int().min(0),
});
export type Slot = z.infer<typeof slotSchema>;

/** GET /v1/slots?from=&to= — 母子健康相談 */
export const slotListSchema = z.object({ slots: z.array(slotSchema) });

export const bookingSchema = z.object({
  id: z.string(),
  slotId: z.string(),
  startsAt: isoDateTime,
  place: z.string(),
  childId: z.string().nullable(),
  status: z.enum(['booked', 'cancelled']),
});
export type Booking = z.infer<typeof bookingSchema>;

/** GET /v1/families/{subject}/bookings — booked ones, soonest first. */
export const bookingListSchema = z.object({ bookings: z.array(bookingSchema) });

/** POST /v1/families/{subject}/bookings (Idempotency-Key); 409 SLOT_FULL, 409 ALREADY_BOOKED. */
export const bookingCreateSchema = z.object({ slotId: z.string(), childId: z.string().nullable() });
/** PATCH /v1/families/{subject}/bookings/{id} (Idempotency-Key): move to another slot. */
export const bookingChangeSchema = z.object({ slotId: z.string() });
export const bookingResponseSchema = z.object({ booking: bookingSchema });
