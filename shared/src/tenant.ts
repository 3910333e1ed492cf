import { z } from 'zod';

/**
 * Services a tenant may list for the Home screen. The server shows only those that are both
 * listed by the tenant and built (`BUILT_SERVICES` in window-server).
 */
export const SERVICE_IDS = [
  'videoCounter',
  'notices',
  'wallet',
  'mutualAid',
  'childcare',
  'hours',
  'guide',
  'settings',
] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];
export const serviceIdSchema = z.enum(SERVICE_IDS);

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1a2b3c');

export const tenantColoursSchema = z.strictObject({
  /** Screen background (dark navy, not pure black). */
  background: hexColour,
  /** Tile and card surfaces. */
  surface: hexColour,
  /** Body text on background and surface (contrast ≥ 7:1). */
  text: hexColour,
  /** Focus ring. */
  focus: hexColour,
  /** Brand accent (title bar). */
  accent: hexColour,
});
export type TenantColours = z.infer<typeof tenantColoursSchema>;

export const localisedTextSchema = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });
export type LocalisedText = z.infer<typeof localisedTextSchema>;

/** A city's name: Japanese, English, and やさしい日本語 (in kana, for the easy-Japanese screens). */
export const tenantNameSchema = z.strictObject({
  ja: z.string().min(1),
  en: z.string().min(1),
  jaEasy: z.string().min(1).optional(),
});
export type TenantName = z.infer<typeof tenantNameSchema>;

/** What a TV needs to know about its city. */
export const tenantPublicSchema = z.strictObject({
  id: z.string(),
  displayName: tenantNameSchema,
  colours: tenantColoursSchema,
  services: z.array(serviceIdSchema),
  /** A human by telephone, for when the video counter is closed or not offered. */
  contact: z.strictObject({
    phone: z.string().regex(/^[0-9-]{6,20}$/),
    office: localisedTextSchema,
  }),
  /**
   * Whether the city has a logo at `<city base>/branding/logo` (SVG or PNG). Optional so a TV
   * of this release still starts against a server of the last one.
   */
  hasLogo: z.boolean().optional(),
});
export type TenantPublic = z.infer<typeof tenantPublicSchema>;

/**
 * `GET <city base>/api/v1/branding`, for anyone: which city this is, so the console says
 * whose counter it is before and after signing in.
 */
export const cityBrandingSchema = z.strictObject({
  id: z.string(),
  displayName: tenantNameSchema,
  /** The logo's absolute path on the server, or null when the city has none. */
  logoPath: z.string().nullable(),
});
export type CityBranding = z.infer<typeof cityBrandingSchema>;

/** One day of the counter's calendar, as the TV shows it. Times are ISO 8601 with offset. */
export interface OpeningDay {
  /** YYYY-MM-DD in the tenant's time zone. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  opensAt: string | null;
  closesAt: string | null;
  /** Why the counter is closed that day, when it is a public holiday. */
  holidayName: LocalisedText | null;
  /** True for the tenant's own closed days (年末年始). */
  closedByTenant: boolean;
}

export interface OpeningStatus {
  openNow: boolean;
  /** The next time the counter opens, when it is closed now. */
  nextOpening: string | null;
  /** When it closes, when it is open now. */
  closesAt: string | null;
  days: OpeningDay[];
}
