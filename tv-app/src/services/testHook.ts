import type { DeviceSettings, Language, ServiceId, TextScale } from '@madoguchi/shared';
import type { DeviceChannelState } from '@madoguchi/stb-bridge';
import type { RouteName } from './AppContext';

/**
 * What end-to-end tests and the benchmark read from the app (`window.__madoguchi`), instead of
 * reading pixels. Keep it small: it is a contract with test/e2e.
 */
export interface MadoguchiState {
  /** The current screen. */
  screen: RouteName;
  /** Index of the focused item on the screen, -1 when nothing is focused. */
  focusIndex: number;
  /** Id of the focused item: a service id on Home, a settings row id, a line id. */
  focusId: string | null;
  /** Home tiles (service ids in order); [] on other screens. */
  tiles: ServiceId[];
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
  /** Screen-specific extras (first start phase, hours loading state). */
  details: Record<string, unknown>;
  profile: string;
  /** Home has been drawn and focused at least once. */
  interactive: boolean;
  /** `performance.now()` when Home was first drawn and focused, for the benchmark. */
  interactiveAt: number | null;
}

export interface MadoguchiTestHook {
  state(): MadoguchiState;
  /** The last 50 spoken announcements, oldest first (live array). */
  announcements: string[];
}

declare global {
  interface Window {
    __madoguchi?: MadoguchiTestHook;
  }
}

export function installTestHook(win: Window, state: () => MadoguchiState, announcements: string[]): void {
  win.__madoguchi = { state, announcements };
}
