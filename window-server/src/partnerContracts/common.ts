import { z } from 'zod';

/**
 * Partner APIs as window-server consumes them. These zod schemas are the contract: the OpenAPI
 * 3.1 files in docs/api/partners/ describe the same shapes (a test checks they agree), the
 * gateway validates every partner response with them, and the sandbox partners answer with them.
 */

export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

/** Every partner's error body. */
export const partnerErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type PartnerError = z.infer<typeof partnerErrorSchema>;

/** Both languages of a text a partner publishes; English may be missing. */
export const partnerTextSchema = z.object({ ja: z.string(), en: z.string().optional() });
