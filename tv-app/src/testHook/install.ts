import { LEGEND_KEYS } from '../components/Legend';
import type { AppContext } from '../services/AppContext';
import type { AssistRequest } from '../services/OfficerPushes';
import type { ScreenPage } from '../shell/PageStack';
import type { Rect } from '../ui/layout';
import { videoLayer } from '../ui/VideoLayer';
import { toCssRect } from '../ui/videoLayout';
import type { CounterTestState, LinkTestState, MadoguchiState } from './contract';
import type { ScreenReport } from './screenDetails';

/** What the hook reads from the app around the screens. */
export interface HookedApp {
  screen(): ScreenPage | undefined;
  bannerVisible(): boolean;
  /** The toast on screen, if any. */
  toast(): string | null;
  interactiveAt(): number | null;
  overlay(): MadoguchiState['overlay'];
  assist(): AssistRequest | null;
  /** The city's logo in the header, in stage pixels, and whether it loaded. */
  logo(): { rect: Rect; loaded: boolean } | null;
}

/**
 * `window.__madoguchi` for end-to-end tests and the benchmark. Only builds with the test hook
 * call this (App checks the build flag), so the release build the packager packs has none of it.
 */
export function installTestHook(win: Window, context: AppContext, app: HookedApp): void {
  win.__madoguchi = {
    state: () => stateOf(win, context, app),
    announcements: context.announcer.log,
    callStats: () => context.counter.stats(),
  };
}

function stateOf(win: Window, context: AppContext, app: HookedApp): MadoguchiState {
  const page = app.screen();
  const report: ScreenReport = page?.report() ?? { screen: 'loading', details: {} };
  const assist = app.assist();
  const interactiveAt = app.interactiveAt();
  return {
    ...report,
    focusIndex: page?.focusIndex() ?? -1,
    focusId: page?.focusId() ?? null,
    tiles: report.screen === 'home' ? report.details.tiles : [],
    columns: report.screen === 'home' ? report.details.columns : 0,
    textScale: context.settings.textScale,
    language: context.language,
    speech: { ...context.settings.speech },
    online: context.online,
    channelState: context.channel.state,
    bannerVisible: app.bannerVisible(),
    toast: app.toast(),
    deviceId: context.session?.deviceId ?? null,
    visibleTexts: page?.visibleTexts() ?? [],
    legend: LEGEND_KEYS.map((key) => context.t(`legend.${key}`)),
    profile: context.platform.profile.name,
    interactive: interactiveAt !== null,
    interactiveAt,
    counter: counterState(context),
    videoRects: videoLayer().rects(),
    logo: logoState(win, app),
    overlay: app.overlay(),
    household: {
      members: [...context.household.members],
      activeCitizenId: context.household.activeCitizenId,
    },
    link: linkState(context),
    services: { ...context.services.snapshot },
    card: context.pushes.card,
    assist: assist ? { route: assist.route, officerName: assist.officerName } : null,
  };
}

function logoState(win: Window, app: HookedApp): MadoguchiState['logo'] {
  const logo = app.logo();
  const canvas = win.document.querySelector('canvas');
  if (!logo || !canvas) return null;
  return { loaded: logo.loaded, rect: toCssRect(logo.rect, canvas.getBoundingClientRect()) };
}

function linkState(context: AppContext): LinkTestState {
  const { userCode, verificationUriComplete, expiresAt, state, greetedName } = context.signIn.snapshot;
  return { userCode, verificationUriComplete, expiresAt, state, greetedName };
}

function counterState(context: AppContext): CounterTestState {
  const { counter } = context;
  const { call, media } = counter;
  return {
    entry: counter.entry,
    call: call
      ? {
          consultationId: call.consultationId,
          status: call.status,
          sessionState: media?.sessionState ?? null,
          peerCamera: call.join ? call.join.peer.camera : null,
          sending: media ? media.sending : { audio: false, video: false },
        }
      : null,
    surveyFor: counter.surveyFor,
    topics: counter.info?.topics.map((topic) => topic.id) ?? [],
  };
}
