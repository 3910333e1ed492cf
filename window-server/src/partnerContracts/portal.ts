import { z } from 'zod';
import { isoDateTime, partnerTextSchema } from './common.js';

/** おむすび。 portal: public notices and personalised recommendations. Auth: `X-Api-Key`. */

export const noticeSchema = z.object({
  id: z.string(),
  title: partnerTextSchema,
  body: partnerTextSchema,
  category: z.enum(['life', 'health', 'childcare', 'disaster', 'event']),
  publishedAt: isoDateTime,
  /** Urgent notices (disaster) are shown first. */
  urgent: z.boolean(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** GET /v1/notices?limit= — newest first, only published and not expired ones. */
export const noticeListSchema = z.object({ notices: z.array(noticeSchema) });

/** GET /v1/notices/{id} */
export const noticeResponseSchema = z.object({ notice: noticeSchema });

export const recommendationSchema = z.object({
  id: z.string(),
  title: partnerTextSchema,
  body: partnerTextSchema,
  /** Why this person sees it, in plain words. */
  reason: partnerTextSchema,
});

/** GET /v1/recommendations?subject= — uses the household information the citizen allowed. */
export const recommendationListSchema = z.object({ recommendations: z.array(recommendationSchema) });
