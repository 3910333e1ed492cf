import type {
  DeviceSettings,
  HouseholdMember,
  Language,
  MyQueueEntry,
  TextScale,
  TvCardShown,
  TvRoute,
} from '@madoguchi/shared';
import type { DeviceChannelState } from '@madoguchi/stb-bridge';
import type { CallSessionState, InboundVideoStats } from '@madoguchi/stb-bridge/call';
import type { HomeTile } from '../pages/routes';
import type { ServicesSnapshot } from '../services/CityServices';
import type { CallStatus } from '../services/counterModel';
import type { LinkState } from '../services/signInModel';
import type { Rect } from '../ui/layout';
import type { ScreenReport } from './screenDetails';

// What end-to-end tests and the benchmark read from the app (`window.__madoguchi`). Only test
// and benchmark builds install it (see install.ts); no Lightning here, so tests can import it.

/** The video counter as the TV sees it. */
export interface CounterTestState {
  /** The TV's place in line or booked call back, as the server last said. */
  entry: MyQueueEntry | null;
  call: {
    consultationId: string;
    /** 'connecting' from answer/accept until media flows; 'ended' after call:ended. */
    status: CallStatus;
    sessionState: CallSessionState | null;
    /** The officer has a camera; null while it rings (not known yet). */
    peerCamera: boolean | null;
    /** What this TV sends (camera, microphone). */
    sending: { audio: boolean; video: boolean };
  } | null;
  /** A finished consultation whose survey is owed. */
  surveyFor: string | null;
  /** Topic ids the counter offers (after `counter:info`). */
  topics: string[];
}

/** The people linked to this TV, and who of them is using it (null: signed-out use). */
export interface HouseholdTestState {
  members: HouseholdMember[];
  activeCitizenId: string | null;
}

/** TV sign-in (RFC 8628), kept after the sign-in screen closes so a test can read the result. */
export interface LinkTestState {
  /** As the server sent it (`BCDF-GHJK`); null when no code is shown. */
  userCode: string | null;
  /** What the QR code on screen encodes. */
  verificationUriComplete: string | null;
  /** When the code shown stops working, in milliseconds since the epoch. */
  expiresAt: number | null;
  state: LinkState;
  /** The name the TV greeted after approval. */
  greetedName: string | null;
}

/**
 * What is the same on every screen, read instead of pixels. Keep it small: it is a contract
 * with test/e2e.
 */
export interface ShellState {
  /** Index of the focused item on the screen, -1 when nothing is focused. */
  focusIndex: number;
  /** Id of the focused item: a service id on Home, a settings row id, a line id. */
  focusId: string | null;
  /** Home tiles in order (service ids, and 'more' for 「そのほか」 when there are more than six); [] on other screens. */
  tiles: HomeTile[];
  /** Home grid columns for the current text size; 0 on other screens. */
  columns: number;
  textScale: TextScale;
  language: Language;
  speech: DeviceSettings['speech'];
  /** The device channel is online (the server answered hello). */
  online: boolean;
  channelState: DeviceChannelState;
  bannerVisible: boolean;
  /** The toast on screen, if any. */
  toast: string | null;
  deviceId: string | null;
  /** Title and items of the current screen, in the current language. */
  visibleTexts: string[];
  /** The colour-key legend, in the current language. */
  legend: string[];
  profile: string;
  /** Home has been drawn and focused at least once. */
  interactive: boolean;
  /** `performance.now()` when Home was first drawn and focused, for the benchmark. */
  interactiveAt: number | null;
  counter: CounterTestState;
  /**
   * The call's `<video>` elements on the page, in CSS pixels (null when hidden): the Lightning
   * scene leaves these rectangles transparent.
   */
  videoRects: { remote: Rect | null; self: Rect | null };
  /** The city's logo in the header, in CSS pixels, and whether its image loaded (null: none). */
  logo: { rect: Rect; loaded: boolean } | null;
  /** An overlay over the screen: a call back ringing, or a card from an officer. */
  overlay: 'ringing' | 'card' | null;
  household: HouseholdTestState;
  link: LinkTestState;
  /**
   * The city's services as the TV last got them in this run (null until loaded; a person's data
   * is forgotten when another person starts using the TV), and the last failure shown
   * (cleared when that service answers again).
   */
  services: ServicesSnapshot;
  /** The card an officer sent, on screen now (Back/OK closes it). */
  card: TvCardShown | null;
  /** Remote assist: while 「係員が 画面を 操作しています」 shows (a few seconds). */
  assist: { route: TvRoute; officerName: string } | null;
}

/**
 * The app's state: `screen` (the current screen) says which `details` there are, so a test
 * narrows with `s.screen === 'home' && s.details.columns === 3`.
 */
export type MadoguchiState = ShellState & ScreenReport;

export interface MadoguchiTestHook {
  state(): MadoguchiState;
  /** The last 50 spoken announcements, oldest first (live array). */
  announcements: string[];
  /** Inbound video of the live call (framesDecoded grows while the officer's video plays). */
  callStats(): Promise<InboundVideoStats | null>;
}

declare global {
  interface Window {
    __madoguchi?: MadoguchiTestHook;
  }
}
