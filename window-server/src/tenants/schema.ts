import {
  colourContrastProblems,
  FOCUSED_SURFACE_LIGHTEN,
  localisedTextSchema,
  loginIdSchema,
  serviceIdSchema,
  tenantColoursSchema,
  tenantIdSchema,
  tenantNameSchema,
  topicIdSchema,
  type ColourContrastProblem,
} from '@madoguchi/shared';
import { z } from 'zod';

/** HH:MM; 24:00 closes a day that runs to midnight. */
const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time like 08:30');
const period = z
  .tuple([clockTime, clockTime])
  .refine(([open, close]) => open < close, 'opens before it closes');
const day = z.array(period).max(4);

/**
 * Where a secret is, never the secret itself: an environment variable's name or a file (a path
 * relative to the tenant file, e.g. a mounted Kubernetes or systemd credential).
 */
export const secretRefSchema = z.union(
  [
    z.strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'an environment variable name') }),
    z.strictObject({ file: z.string().min(1).max(1000) }),
  ],
  {
    error: () =>
      'a secret reference such as {"env": "OMURA_PORTAL_API_KEY"} or {"file": "secrets/portal.key"}; the secret itself never goes in a tenant file',
  },
);
export type SecretRef = z.infer<typeof secretRefSchema>;

const partnerUrl = z.url({ protocol: /^https?$/ });
const apiKeyPartner = z.strictObject({ baseUrl: partnerUrl, apiKey: secretRefSchema });

/** `https://host[:port]` exactly, as browsers send it in `Origin`. */
const origin = z
  .string()
  .refine(
    (text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol) && new URL(text).origin === text,
    'an origin such as https://tv.operator.example',
  );

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** "contrast 3.2:1 against colours.background, at least 7:1 …": rounded down, so 6.96 never reads 7.0. */
function contrastMessage({ against, ratio, needed }: ColourContrastProblem): string {
  const found = (Math.floor(ratio * 10) / 10).toFixed(1);
  const counterpart =
    against === 'focusedSurface'
      ? `colours.surface as a focused card shows it (${Math.round(FOCUSED_SURFACE_LIGHTEN * 100)}% lighter)`
      : `colours.${against}`;
  return `contrast ${found}:1 against ${counterpart}, at least ${needed}:1 so elderly viewers can read it`;
}

/**
 * The city's colours, refused when text drawn with them is hard to read: the TV would quietly
 * show its own colours instead, and the city would never learn why.
 */
const readableColours = tenantColoursSchema.superRefine((colours, ctx) => {
  // A colour that is not #rrggbb has its own message already.
  if (!Object.values(colours).every((colour) => HEX_COLOUR.test(colour))) return;
  for (const problem of colourContrastProblems(colours)) {
    ctx.addIssue({ code: 'custom', path: [problem.field], message: contrastMessage(problem) });
  }
});

/** A tenant (a city) as its JSON file describes it. */
export const tenantFileSchema = z.strictObject({
  /** Its URLs (`/t/<id>/…`), its rows, its TVs' packages. */
  id: tenantIdSchema,
  /** ja, en and やさしい日本語. */
  displayName: tenantNameSchema.required({ jaEasy: true }),
  /** IANA time zone of the counter's hours, e.g. Asia/Tokyo. */
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Tokyo'),
  /** Brand colours; every text pair at least 7:1 (MIN_TEXT_CONTRAST). */
  colours: readableColours,
  /** The city's logo (SVG or PNG, at most 256 KB), relative to this file; served at `/t/<id>/branding/logo`. */
  logo: z
    .string()
    .regex(/^[^/\\].*\.(svg|png)$/, 'a relative path to an .svg or .png file')
    .optional(),
  contact: z.strictObject({
    phone: z.string().regex(/^[0-9-]{6,20}$/),
    office: localisedTextSchema,
  }),
  businessHours: z.strictObject({
    weekly: z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }),
    closedOnPublicHolidays: z.boolean(),
    /** The city's own closed days every year, MM-DD (年末年始). */
    closedDates: z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date like 12-29')),
  }),
  /** The video counter: what a citizen may talk about (at most six choices on a TV screen). */
  counter: z.strictObject({
    topics: z
      .array(z.strictObject({ id: topicIdSchema, label: localisedTextSchema }))
      .min(1)
      .max(6)
      .refine((topics) => new Set(topics.map((t) => t.id)).size === topics.length, 'topic ids must differ'),
  }),
  identity: z
    .strictObject({
      /** TV sign-in codes: consonants (BCDF-GHJK) by default, or digits for remotes without letters. */
      userCodeAlphabet: z.enum(['letters', 'digits']).default('letters'),
      /**
       * The city's own OpenID provider (めぶくID). Without it: the installation's provider
       * (MADOGUCHI_OIDC_*), or in sandbox mode a sandbox provider of this city's own.
       */
      oidc: z
        .strictObject({
          issuer: z.url({ protocol: /^https?$/ }),
          clientId: z.string().min(1).max(200),
          clientSecret: secretRefSchema,
        })
        .optional(),
    })
    .default({ userCodeAlphabet: 'letters' }),
  /**
   * The city's partner systems. A partner left out uses the installation's setting
   * (MADOGUCHI_PORTAL_URL …), or in sandbox mode an embedded sandbox with this city's own data.
   */
  partners: z
    .strictObject({
      portal: apiKeyPartner.optional(),
      currency: z
        .strictObject({
          baseUrl: partnerUrl,
          clientId: z.string().min(1).max(200),
          clientSecret: secretRefSchema,
        })
        .optional(),
      mutualAid: apiKeyPartner.optional(),
      childcare: apiKeyPartner.optional(),
    })
    .default({}),
  /**
   * The cable operator's engineers from other cities of this installation who may see and manage
   * this city's set-top boxes (its fleet page and pushes, nothing else): operator accounts, by
   * their city and login id. An operator serving ten cities keeps one account.
   */
  fleetOperators: z
    .array(z.strictObject({ tenant: tenantIdSchema, loginId: loginIdSchema }))
    .max(100)
    .default([]),
  /** Origins of this city's packaged TV apps (beside the installation's MADOGUCHI_TV_ORIGINS). */
  tvOrigins: z.array(origin).max(50).default([]),
  /** What the supervisor's figures are measured against. */
  kpi: z
    .strictObject({
      /** Average wait the city aims for, in minutes. */
      targetWaitMinutes: z.number().int().min(1).max(240).default(10),
      /** Share of requests given up that the city accepts, 0–1. */
      targetAbandonmentRate: z.number().min(0).max(1).default(0.1),
      /** The month the city's fiscal year (年度) starts: 4 = April. */
      fiscalYearStartMonth: z.number().int().min(1).max(12).default(4),
    })
    .default({ targetWaitMinutes: 10, targetAbandonmentRate: 0.1, fiscalYearStartMonth: 4 }),
  /** Services in Home order; only built ones are shown. */
  services: z.array(serviceIdSchema).min(1),
});

export type TenantFile = z.infer<typeof tenantFileSchema>;
export type WeekdayKey = keyof TenantFile['businessHours']['weekly'];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
