import { z } from 'zod';

/**
 * Citizens, the TVs they link, what they consent to, and the audit trail.
 * A citizen is known by the identity provider's subject; Madoguchi keeps only a display name.
 */

/** What a citizen may allow, one purpose at a time. */
export const CONSENT_PURPOSES = ['profile', 'wallet', 'childcare', 'servicesHousehold'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);

export interface ConsentState {
  purpose: ConsentPurpose;
  granted: boolean;
  /** When it last changed; null when never decided (not granted). */
  updatedAt: string | null;
}

/** A person registered on a TV, as the TV shows them. */
export interface HouseholdMember {
  citizenId: string;
  displayName: string;
  linkedAt: string;
  /** 'self' (signed in on a phone) or 'staff' (linked by an officer during a call). */
  linkedBy: 'self' | 'staff';
}

// ── RFC 8628 device authorization (HTTP, Bearer device token) ───────────────────────────────

/** `POST /api/v1/device/authorize` answer (RFC 8628 §3.2). */
export interface DeviceAuthorizationResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  /** Seconds. */
  expires_in: number;
  /** Seconds between polls. */
  interval: number;
}

export const deviceTokenRequestSchema = z.strictObject({
  grant_type: z.literal('urn:ietf:params:oauth:grant-type:device_code'),
  device_code: z.string().min(1).max(200),
});

/** `POST /api/v1/device/token` success: the citizen now linked to this TV. */
export interface DeviceTokenResponse {
  citizen: { citizenId: string; displayName: string };
}

/** RFC 8628 §3.5 errors, answered with HTTP 400 and `{ error }`. */
export type DeviceTokenError =
  'authorization_pending' | 'slow_down' | 'access_denied' | 'expired_token' | 'invalid_grant';

// ── the device channel ──────────────────────────────────────────────────────────────────────

export const citizenRefSchema = z.strictObject({ citizenId: z.string().min(1).max(64) });

export const consentSetSchema = z.strictObject({
  citizenId: z.string().min(1).max(64),
  purpose: consentPurposeSchema,
  granted: z.boolean(),
});
export type ConsentSet = z.infer<typeof consentSetSchema>;

// ── staff: who is on the TV, assisted linking, the citizen panel ───────────────────────────

/** The officer's identity check before linking a TV for a citizen without a smartphone. */
export const IDENTITY_CHECKS = ['name', 'birthDate', 'address', 'photoId'] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];

export const citizenSearchSchema = z.strictObject({
  consultationId: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type CitizenSearch = z.infer<typeof citizenSearchSchema>;

/** A directory entry as an officer sees it while checking identity. */
export interface DirectoryCitizen {
  /** Opaque reference for linking (the provider's subject is never shown). */
  ref: string;
  name: string;
  birthDate: string;
  /** Town only (大村市○○町): enough to tell people with one name apart. */
  area: string;
}

export const assistedLinkSchema = z.strictObject({
  consultationId: z.string().min(1).max(64),
  ref: z.string().min(1).max(200),
  /** Every check must be ticked. */
  checks: z.strictObject({
    name: z.literal(true),
    birthDate: z.literal(true),
    address: z.literal(true),
    photoId: z.boolean(),
  }),
});
export type AssistedLink = z.infer<typeof assistedLinkSchema>;

/** What an officer may see of one citizen on the TV in the call: only what was consented. */
export interface CitizenPanel {
  citizenId: string;
  /** Shown only with the `profile` consent; otherwise null. */
  profile: {
    name: string;
    birthDate: string;
    household: { name: string; relation: string; birthDate: string }[];
    children: { name: string; birthDate: string }[];
  } | null;
  consents: ConsentState[];
}

// ── audit (admin) ───────────────────────────────────────────────────────────────────────────

export interface AuditEntry {
  seq: number;
  at: string;
  /** `staff:<id>`, `device:<id>`, `citizen:<id>` or `system`. */
  actor: string;
  action: string;
  /** Whose data: a citizen id, or null. */
  subject: string | null;
  /** The reason: the consultation the officer was in, or null. */
  consultationId: string | null;
  details: Record<string, unknown>;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** The first row whose hash or link does not match, when the chain is broken. */
  firstBroken: { seq: number; reason: 'hash' | 'link' | 'sequence' } | null;
}

export interface AssistedLinkView {
  at: string;
  staffId: string;
  staffName: string;
  deviceId: string;
  citizenId: string;
  consultationId: string;
  checks: Record<IdentityCheck, boolean>;
}

// ── the My Number is never collected ───────────────────────────────────────────────────────

/**
 * True when `text` holds a 12-digit number (spaces or hyphens allowed between digits) whose
 * last digit is a valid My Number check digit (番号法施行令 第8条).
 */
export function containsMyNumber(text: string): boolean {
  const candidates = text.match(/\d(?:[\s-]?\d){11,}/g) ?? [];
  return candidates.some((candidate) => {
    const digits = candidate.replace(/[\s-]/g, '');
    for (let start = 0; start + 12 <= digits.length; start += 1) {
      if (isMyNumber(digits.slice(start, start + 12))) return true;
    }
    return false;
  });
}

export function isMyNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) {
    const p = Number(digits[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

/** Free text a person types (notes, requests): refused when it holds a My Number. */
export const freeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !containsMyNumber(text), { message: 'MY_NUMBER_REFUSED' });
