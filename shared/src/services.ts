import { z } from 'zod';
import { freeText } from './identity.js';

/**
 * The city's services as window-server offers them to the TV (HTTP as the TV, under
 * /api/v1/services) and to officers in a call (/staff). window-server forwards to the partner
 * systems through its gateway; these are its own shapes, not the partners'.
 */

const id = z.string().min(1).max(100);

export interface LocalisedPartnerText {
  ja: string;
  en: string | null;
}

export interface NoticeView {
  id: string;
  title: LocalisedPartnerText;
  body: LocalisedPartnerText;
  category: 'life' | 'health' | 'childcare' | 'disaster' | 'event';
  publishedAt: string;
  urgent: boolean;
  /** This TV opened it already. */
  read: boolean;
}

export interface RecommendationView {
  id: string;
  title: LocalisedPartnerText;
  body: LocalisedPartnerText;
  reason: LocalisedPartnerText;
}

export interface WalletView {
  balance: number;
  updatedAt: string;
  transactions: {
    id: string;
    at: string;
    amount: number;
    kind: 'payment' | 'grant' | 'coupon' | 'mutualAid' | 'refund';
    description: string;
  }[];
  coupons: { id: string; title: string; value: number; expiresAt: string; usedAt: string | null }[];
}

export const AID_TEMPLATE_IDS = ['shopping', 'garden', 'ride', 'smartphone'] as const;
export type AidTemplateId = (typeof AID_TEMPLATE_IDS)[number];

export interface AidRequestView {
  id: string;
  template: AidTemplateId;
  area: string;
  date: string;
  period: 'morning' | 'afternoon';
  status: 'open' | 'offered' | 'accepted' | 'completed' | 'cancelled';
  mine: boolean;
  offeredByMe: boolean;
  points: number;
}

export interface ChildView {
  id: string;
  name: string;
  birthDate: string;
  /** Whole months today, for the information cards. */
  ageMonths: number;
  cards: { id: string; title: string; body: string }[];
}

export interface SlotView {
  id: string;
  startsAt: string;
  endsAt: string;
  place: string;
  /** Places left. */
  remaining: number;
}

export interface BookingView {
  id: string;
  slotId: string;
  startsAt: string;
  place: string;
  childId: string | null;
  status: 'booked' | 'cancelled';
}

export interface ChildcareView {
  children: ChildView[];
  bookings: BookingView[];
}

/** What Home shows besides its tiles. */
export interface HomeSummary {
  unreadNotices: number;
  /** A 母子健康相談 booked for tomorrow: the reminder card. */
  reminder: BookingView | null;
}

/** Which partner a service message is about (for "the wallet cannot be reached now"). */
export const PARTNERS = ['portal', 'currency', 'mutualAid', 'childcare'] as const;
export type PartnerName = (typeof PARTNERS)[number];

export interface PartnerHealth {
  partner: PartnerName;
  /** closed: working; open: failing, calls refused at once; halfOpen: trying again. */
  breaker: 'closed' | 'open' | 'halfOpen';
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

// ── requests (TV HTTP bodies and staff socket payloads) ─────────────────────────────────────

export const citizenQuerySchema = z.strictObject({ citizenId: id });

export const aidCreateRequestSchema = z.strictObject({
  citizenId: id,
  template: z.enum(AID_TEMPLATE_IDS),
  date: z.iso.date(),
  period: z.enum(['morning', 'afternoon']),
});

export const AID_ACTIONS = ['offer', 'accept', 'complete', 'cancel'] as const;
export const aidActionRequestSchema = z.strictObject({ citizenId: id });

export const slotQuerySchema = z.strictObject({ citizenId: id, from: z.iso.date(), to: z.iso.date() });

export const bookingCreateRequestSchema = z.strictObject({
  citizenId: id,
  slotId: id,
  childId: id.nullable(),
});

export const bookingChangeRequestSchema = z.strictObject({ citizenId: id, slotId: id });

/** `Idempotency-Key` for writes: the TV makes one per confirmation screen, so OK twice books once. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/);

// ── cards and remote assist (officer → TV during a call) ────────────────────────────────────

export const TV_ROUTES = [
  'home',
  'notices',
  'wallet',
  'mutualAid',
  'childcare',
  'hours',
  'settings',
  'household',
] as const;
export type TvRoute = (typeof TV_ROUTES)[number];

export const tvCardSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('text'),
    title: freeText(100).pipe(z.string().min(1)),
    body: freeText(600),
  }),
  z.strictObject({
    kind: z.literal('image'),
    title: freeText(100).pipe(z.string().min(1)),
    /** A small PNG or JPEG as a data URL (the socket message limit keeps it under ~45 KB). */
    image: z
      .string()
      .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/)
      .max(48_000),
  }),
  z.strictObject({
    kind: z.literal('qr'),
    title: freeText(100).pipe(z.string().min(1)),
    /** What the QR code holds: a web address or a short text. */
    content: freeText(500).pipe(z.string().min(1)),
  }),
  z.strictObject({ kind: z.literal('booking'), bookingId: id, citizenId: id }),
]);
export type TvCard = z.infer<typeof tvCardSchema>;

/** A card as the TV receives it (a booking card carries the booking itself). */
export type TvCardShown =
  | (Exclude<TvCard, { kind: 'booking' }> & { cardId: string; from: string })
  /** The TV titles it in the viewer's language. */
  | { kind: 'booking'; cardId: string; from: string; booking: BookingView };

export const staffCitizenRefSchema = z.strictObject({ consultationId: id, citizenId: id });

export const staffBookSchema = z.strictObject({
  consultationId: id,
  citizenId: id,
  slotId: id,
  childId: id.nullable(),
  idempotencyKey: idempotencyKeySchema,
});

export const staffSlotsSchema = z.strictObject({
  consultationId: id,
  citizenId: id,
  from: z.iso.date(),
  to: z.iso.date(),
});

export const staffAidRequestSchema = z.strictObject({
  consultationId: id,
  citizenId: id,
  template: z.enum(AID_TEMPLATE_IDS),
  date: z.iso.date(),
  period: z.enum(['morning', 'afternoon']),
  idempotencyKey: idempotencyKeySchema,
});

export const tvCardRequestSchema = z.strictObject({ consultationId: id, card: tvCardSchema });
export const tvNavigateSchema = z.strictObject({ consultationId: id, route: z.enum(TV_ROUTES) });
