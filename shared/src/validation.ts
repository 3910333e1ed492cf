import type { z } from 'zod';
import { errorAck, type AckError } from './errors.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: AckError };

/** Parse an untrusted payload; on failure name the wrong fields, never echo the values. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, value: result.data };
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
  // A My Number in free text gets its own code, so people are told exactly what to remove.
  const myNumber = result.error.issues.some((issue) => issue.message === 'MY_NUMBER_REFUSED');
  return { ok: false, error: errorAck(myNumber ? 'MY_NUMBER_REFUSED' : 'PAYLOAD_INVALID', fields).error };
}
