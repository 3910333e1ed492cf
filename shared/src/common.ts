import { z } from 'zod';

/** Requests that carry nothing still send `{}` (and nothing else). */
export const emptyPayloadSchema = z.strictObject({});
export type EmptyPayload = z.infer<typeof emptyPayloadSchema>;

/** The reply of a request that only says it was done. */
export type EmptyAck = Record<string, never>;
