import type { AidTemplateId, ConsentState, ServiceId } from '@madoguchi/shared';
import type { HomeTile } from '../pages/routes';
import type { FirstStartReason, RouteName } from '../services/AppContext';
import type { BookFlow, ChildcareStep, SlotsState } from '../services/childcareModel';
import type { CounterView } from '../services/counterModel';
import type { DialogKind } from '../services/counterScreens';
import type { HouseholdLoadState } from '../services/Household';
import type { HoursState } from '../services/hoursModel';
import type { AidPeriod, AidStep } from '../services/mutualAidModel';
import type { NoticesStep } from '../services/noticesModel';
import type { LinkState } from '../services/signInModel';
import type { WalletStep } from '../services/walletModel';

// What each screen tells the test hook about itself, by route: a contract with test/e2e and the
// benchmark. Each page declares which of these it reports (`extends Page<'home', HomeDetails>`).
// No Lightning here: the tests' type check reads this file without the app's renderer.

/** A screen with nothing to say beyond the common state. */
export type NoDetails = Record<never, never>;

export interface HomeDetails {
  /** Tiles in order; 'more' is 「そのほか」 when there are more than six. */
  tiles: HomeTile[];
  /** Grid columns for the current text size. */
  columns: number;
  /** The line above the tiles (who is using the TV, or how to sign in); null when not shown. */
  profile: string | null;
  /** Unread notices as Home last heard; null before the summary came. */
  unreadNotices: number | null;
  /** The booking the reminder line is about, while it shows. */
  reminder: string | null;
  /** The newer app version the server told of, if any. */
  update: string | null;
}

export type FirstStartPhase = 'idle' | 'registering' | 'failed';

export interface FirstStartDetails {
  phase: FirstStartPhase;
  /** Why this screen shows: a new TV, or one whose registration was revoked. */
  reason: FirstStartReason;
}

export interface HoursDetails {
  hours: HoursState['kind'];
}

export interface HouseholdDetails {
  loadState: HouseholdLoadState;
}

export interface VideoCounterDetails {
  view: CounterView;
  /** The question over the screen (cancel the place in line, end the call…). */
  dialog: DialogKind | null;
  busy: boolean;
  /** The line saying what just happened. */
  notice: string | null;
  /** The survey question on screen (0 first); null elsewhere. */
  surveyQuestion: number | null;
  /** Seconds left on the thank-you screen; null elsewhere. */
  thanksSeconds: number | null;
}

export type ConsentLoadState = 'loading' | 'loaded' | 'failed';

export interface ConsentDetails {
  citizenId: string;
  consents: ConsentState[] | null;
  loadState: ConsentLoadState;
  busy: boolean;
}

export interface PersonDetails {
  citizenId: string;
  /** Still linked to this TV. */
  linked: boolean;
  /** A question (unlink?) is open. */
  dialog: boolean;
}

export interface LinkDetails {
  state: LinkState;
  /** Until the code shown stops working; null when no code is shown. */
  secondsLeft: number | null;
  intervalMs: number;
  /** Codes shown in this sign-in (1 for the first, +1 per renewal). */
  codes: number;
  /** The QR code on screen encodes the code shown. */
  qrShown: boolean;
}

export interface ChooserDetails {
  /** Row ids: a person, or signed-out use. */
  rows: string[];
}

export interface MoreDetails {
  services: ServiceId[];
}

/** The screens of the city's services. */
export type ServiceRoute = Extract<RouteName, 'notices' | 'wallet' | 'mutualAid' | 'childcare'>;

/** What a service screen has; `loading` | `person` (who is it?) | `loaded` | `failed`. */
export type ServiceLoadState = 'loading' | 'person' | 'loaded' | 'failed';

/** Every service screen (お知らせ, 地域通貨, 地域共助, 子育て) reports these. */
export interface ServiceDetails<Step extends string> {
  step: Step;
  loadState: ServiceLoadState;
  /** A request is on its way. */
  busy: boolean;
  /** Just written: keys wait a moment so a double press does not act twice. */
  settling: boolean;
  notice: string | null;
  /** A question is open over the screen. */
  dialog: boolean;
  /** Choice ids in order. */
  choices: string[];
  paging: { page: number; pages: number } | null;
  qrShown: boolean;
}

export interface NoticesDetails extends ServiceDetails<NoticesStep['step']> {
  noticeId: string | null;
  recommendations: number;
}

export interface WalletDetails extends ServiceDetails<WalletStep['step']> {
  /** The code a shop scans, while the pay step shows one. */
  payCode: string | null;
  paySecondsLeft: number | null;
}

export interface MutualAidDetails extends ServiceDetails<AidStep['step']> {
  template: AidTemplateId | null;
  date: string | null;
  period: AidPeriod | null;
  requestId: string | null;
  /** The key the confirmation step sends (the same for a retry). */
  idempotencyKey: string | null;
}

export interface ChildcareDetails extends ServiceDetails<ChildcareStep['step']> {
  slotsState: SlotsState['kind'];
  date: string | null;
  selectedSlot: string | null;
  flow: BookFlow['kind'] | null;
  bookingId: string | null;
  childId: string | null;
  idempotencyKey: string | null;
}

/** Route → what that screen reports. */
export interface ScreenDetails {
  loading: NoDetails;
  firstStart: FirstStartDetails;
  home: HomeDetails;
  settings: NoDetails;
  hours: HoursDetails;
  guide: NoDetails;
  videoCounter: VideoCounterDetails;
  household: HouseholdDetails;
  person: PersonDetails;
  consent: ConsentDetails;
  link: LinkDetails;
  chooser: ChooserDetails;
  notices: NoticesDetails;
  wallet: WalletDetails;
  mutualAid: MutualAidDetails;
  childcare: ChildcareDetails;
  more: MoreDetails;
}

/** One screen and its details: `screen` tells which details there are. */
export type ScreenReport<R extends RouteName = RouteName> = {
  [K in R]: { screen: K; details: ScreenDetails[K] };
}[R];
