import { z } from 'zod';
import { isoDate } from './common.js';

/**
 * 地域共助 mutual aid: neighbours ask for help from templates and offer it; completing a request
 * grants points to the helper through the currency API. Auth: `X-Api-Key`. Writes take an
 * `Idempotency-Key`.
 */

export const AID_TEMPLATES = ['shopping', 'garden', 'ride', 'smartphone'] as const;
export const aidTemplateSchema = z.enum(AID_TEMPLATES);

export const aidRequestSchema = z.object({
  id: z.string(),
  template: aidTemplateSchema,
  /** Town (町) only. */
  area: z.string(),
  date: isoDate,
  period: z.enum(['morning', 'afternoon']),
  status: z.enum(['open', 'offered', 'accepted', 'completed', 'cancelled']),
  /** True when the asking citizen is the one the request is fetched for. */
  mine: z.boolean(),
  /** True when that citizen offered to help. */
  offeredByMe: z.boolean(),
  /** Points the helper receives on completion. */
  points: z.number().int().min(0),
});
export type AidRequest = z.infer<typeof aidRequestSchema>;

/** GET /v1/requests?subject=&area= (open ones nearby) or ?subject=&mine=true */
export const aidRequestListSchema = z.object({ requests: z.array(aidRequestSchema) });

/** POST /v1/requests (Idempotency-Key) */
export const aidCreateSchema = z.object({
  subject: z.string(),
  template: aidTemplateSchema,
  area: z.string().min(1).max(100),
  date: isoDate,
  period: z.enum(['morning', 'afternoon']),
});
export const aidRequestResponseSchema = z.object({ request: aidRequestSchema });

/** POST /v1/requests/{id}/offers, /accept, /complete, /cancel — body `{ subject }`. */
export const aidActionSchema = z.object({ subject: z.string() });
