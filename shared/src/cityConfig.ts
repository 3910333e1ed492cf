import type { LocalisedText, ServiceId, TenantColours } from './tenant.js';
import type { KpiFigures } from './counter.js';
import type { PartnerName } from './services.js';

/**
 * Where a secret comes from, as an administrator may read it — never the secret itself:
 * an environment variable's name or a file the tenant file points to, the installation's own
 * settings (MADOGUCHI_*), or made up at random on each start (a sandbox partner without a key).
 */
export type SecretReferenceView =
  | { kind: 'env'; name: string }
  | { kind: 'file'; path: string }
  | { kind: 'installation' }
  | { kind: 'generated' };

/** Whether a setting is in the city's tenant file or taken from the installation's settings. */
export type SettingSource = 'city' | 'installation';

/** A partner system as the city reaches it. */
export interface CityPartnerView {
  partner: PartnerName;
  source: SettingSource;
  /** null: the embedded sandbox partner of this city. */
  baseUrl: string | null;
  auth: 'apiKey' | 'clientCredentials';
  /** OAuth 2.0 client id (the currency partner); not a secret. */
  clientId: string | null;
  /** The API key or the client secret, as a reference. */
  credential: SecretReferenceView;
}

/** Where the city's citizens sign in. */
export type CityIdentityView = {
  source: SettingSource;
  /** Digits or letters in the TV's sign-in codes. */
  userCodeAlphabet: 'letters' | 'digits';
  /** The relying party found the provider (discovery done). */
  ready: boolean;
} & (
  { kind: 'sandbox' } | { kind: 'oidc'; issuer: string; clientId: string; clientSecret: SecretReferenceView }
);

/** Hours of one weekday: [opens, closes] pairs, HH:MM. */
export type CityWeeklyHours = Record<
  'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun',
  [string, string][]
>;

/** What the supervisor's figures are measured against (the tenant file's `kpi`). */
export interface CityKpiTargets {
  /** Average wait the city aims for, in minutes. */
  targetWaitMinutes: number;
  /** Share of requests given up that the city accepts, 0–1. */
  targetAbandonmentRate: number;
  /** The month the city's fiscal year (年度) starts: 4 = April. */
  fiscalYearStartMonth: number;
}

/** `GET /api/v1/kpi` (JSON): the figures, and the city's targets to read them against. */
export interface KpiReport extends KpiFigures {
  targets: CityKpiTargets;
}

/** `GET /api/v1/city` (admin): the city's configuration, read-only, secrets only as references. */
export interface CityConfigView {
  id: string;
  displayName: { ja: string; en: string; jaEasy: string };
  colours: TenantColours;
  /** The logo's address (`/t/<id>/branding/logo`), or null when the city has none. */
  logoPath: string | null;
  timeZone: string;
  contact: { phone: string; office: LocalisedText };
  businessHours: { weekly: CityWeeklyHours; closedOnPublicHolidays: boolean; closedDates: string[] };
  topics: { id: string; label: LocalisedText }[];
  /** Home's tiles, in order (only services this build has). */
  services: ServiceId[];
  /** Origins a packaged TV app of this city may be served from. */
  tvOrigins: { origin: string; source: SettingSource }[];
  kpi: CityKpiTargets;
  identity: CityIdentityView;
  partners: CityPartnerView[];
}
