import { z } from 'zod';
import { isoDateTime } from './common.js';

/**
 * ゆでぴ community currency: balance, history, coupons, points; a ledger that never goes below
 * zero. Auth: OAuth 2.0 client credentials (`POST /oauth/token`), then `Authorization: Bearer`.
 * Writes take an `Idempotency-Key` header: the same key gives the same answer, once.
 */

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  /** Seconds. */
  expires_in: z.number().int().positive(),
});

/** GET /v1/accounts/{subject}/balance */
export const balanceSchema = z.object({
  subject: z.string(),
  /** Points (1 point = 1 円 at shops). */
  balance: z.number().int().min(0),
  updatedAt: isoDateTime,
});
export type Balance = z.infer<typeof balanceSchema>;

export const transactionSchema = z.object({
  id: z.string(),
  at: isoDateTime,
  /** Positive: received; negative: spent. */
  amount: z.number().int(),
  kind: z.enum(['payment', 'grant', 'coupon', 'mutualAid', 'refund']),
  description: z.string(),
  balanceAfter: z.number().int().min(0),
});
export type Transaction = z.infer<typeof transactionSchema>;

/** GET /v1/accounts/{subject}/transactions?limit= — newest first. */
export const transactionListSchema = z.object({ transactions: z.array(transactionSchema) });

export const couponSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Points the coupon is worth. */
  value: z.number().int().positive(),
  expiresAt: isoDateTime,
  usedAt: isoDateTime.nullable(),
});
export type Coupon = z.infer<typeof couponSchema>;

/** GET /v1/accounts/{subject}/coupons */
export const couponListSchema = z.object({ coupons: z.array(couponSchema) });

/** POST /v1/accounts/{subject}/grants (Idempotency-Key) */
export const grantRequestSchema = z.object({
  amount: z.number().int().positive().max(100000),
  kind: z.enum(['grant', 'mutualAid', 'coupon']),
  description: z.string().min(1).max(200),
});
export const grantResponseSchema = z.object({ transaction: transactionSchema });

/** POST /v1/accounts/{subject}/payments (Idempotency-Key); 409 INSUFFICIENT_FUNDS below zero. */
export const paymentRequestSchema = z.object({
  amount: z.number().int().positive().max(100000),
  description: z.string().min(1).max(200),
});
export const paymentResponseSchema = z.object({ transaction: transactionSchema });

/** POST /v1/accounts/{subject}/pay-codes — a short-lived code a shop scans to take a payment. */
export const payCodeSchema = z.object({
  code: z.string(),
  expiresAt: isoDateTime,
});
