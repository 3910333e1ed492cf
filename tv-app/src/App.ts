import { Lightning } from '@lightningjs/sdk';
import type { DeviceSettings } from '@madoguchi/shared';
import type { DeviceChannelState } from '@madoguchi/stb-bridge';
import { Banner } from './components/Banner';
import { Legend, legendLabels } from './components/Legend';
import { Toast } from './components/Toast';
import type { RouteName, RouteParams } from './services/AppContext';
import type { CounterChange } from './services/VideoCounter';
import { isLiveCall } from './services/counterModel';
import { reportFleetHealth } from './services/fleetReport';
import { ctx, setShell, type Shell } from './services/runtime';
import { CallBackRinging } from './shell/CallBackRinging';
import { GlobalKeys } from './shell/GlobalKeys';
import { followCounter } from './shell/followCounter';
import { askWhoIsWatching, followHousehold } from './shell/followHousehold';
import { OfficerCards } from './shell/OfficerCards';
import { PageStack, type ScreenPage } from './shell/PageStack';
import { RemoteAssist } from './shell/RemoteAssist';
import { ScreenHeader } from './shell/ScreenHeader';
import { installTestHook } from './testHook/install';
import { afterFrames } from './ui/frames';
import { SAFE, STAGE, frameOf } from './ui/layout';
import { cssColour, typography } from './ui/theme';

/**
 * The root: the frame around every screen (title, connection banner, colour-key legend, toast),
 * and what follows the app's events. The screens (PageStack), a ringing call back, officers'
 * cards and remote assist each live in their own component; keys a screen passes on bubble up
 * here and mean what GlobalKeys says.
 */
export class App extends Lightning.Component implements Shell {
  private readonly keys = new GlobalKeys(this);
  private channelState: DeviceChannelState = ctx().channel.state;
  private interactiveAt: number | null = null;

  static override _template(): Lightning.Component.Template {
    return {
      w: STAGE.w,
      h: STAGE.h,
      Header: { type: ScreenHeader },
      Pages: { type: PageStack },
      Banner: { type: Banner, visible: false },
      // Over every screen (the call too) but under the legend: the colour keys stay readable.
      Cards: { type: OfficerCards },
      Ringing: { type: CallBackRinging },
      // Over the title while an officer opens screens on this TV.
      Assist: { type: RemoteAssist },
      Legend: { type: Legend },
      Toast: { type: Toast },
    };
  }

  private get header(): ScreenHeader {
    return this.tag('Header') as ScreenHeader;
  }

  private get pages(): PageStack {
    return this.tag('Pages') as PageStack;
  }

  private get ringing(): CallBackRinging {
    return this.tag('Ringing') as CallBackRinging;
  }

  private get cards(): OfficerCards {
    return this.tag('Cards') as OfficerCards;
  }

  private get assist(): RemoteAssist {
    return this.tag('Assist') as RemoteAssist;
  }

  override _init(): void {
    setShell(this);
    const context = ctx();
    // Test and benchmark builds only: the release build leaves the hook and its module out.
    if (import.meta.env.MADOGUCHI_TEST_HOOK) {
      installTestHook(window, context, {
        screen: () => this.pages.current,
        bannerVisible: () => this.bannerVisible,
        toast: () => (this.tag('Toast') as Toast).message,
        interactiveAt: () => this.interactiveAt,
        overlay: () => (this.ringing.isRinging ? 'ringing' : context.pushes.card ? 'card' : null),
        assist: () => this.assist.request,
        logo: () => this.header.logo(),
      });
    }
    // Script errors and memory for the cable operator's fleet view.
    reportFleetHealth(context.channel, window, context.clock);
    this.pages.onShown = (page) => this.shown(page);
    context.counter.on('changed', (change) => this.onCounter(change));
    context.on('settings', (settings, previous) => this.onSettings(settings, previous));
    context.on('session', () => this.onSession());
    context.on('connection', (state) => this.onConnection(state));
    context.household.on('changed', (change) => followHousehold(change, this));
    context.pushes.on('card', () => this.cards.changed(this));
    context.pushes.on('navigate', (request) => {
      if (context.registered && context.session && !this.ringing.isRinging) this.assist.follow(request, this);
    });
    if (!context.registered) this.reset('firstStart');
    else this.reset(context.session ? 'home' : 'loading');
    context.start();
  }

  override _getFocused(): Lightning.Component {
    if (this.ringing.isRinging) return this.ringing;
    if (ctx().pushes.card) return this.cards;
    return this.pages;
  }

  /** The screen on top. */
  get screen(): ScreenPage | undefined {
    return this.pages.current;
  }

  get callBackRinging(): boolean {
    return this.ringing.isRinging;
  }

  hasScreen(route: RouteName): boolean {
    return this.pages.hasScreen(route);
  }

  /** Lost connection, or a call going on under another screen (remote assist, or the viewer left it). */
  private get bannerVisible(): boolean {
    const callUnderneath = isLiveCall(ctx().counter.call) && this.screen?.route !== 'videoCounter';
    return this.channelState === 'offline' || callUnderneath;
  }

  // Shell ------------------------------------------------------------------------------------

  open(route: RouteName, params: RouteParams = {}): void {
    this.pages.open(route, params);
  }

  replace(route: RouteName, params: RouteParams = {}): void {
    this.pages.replace(route, params);
  }

  back(): void {
    this.pages.back();
  }

  reset(route: RouteName): void {
    // A message about the screens being left ("connected again") means nothing on the first screen.
    if (route === 'firstStart') (this.tag('Toast') as Toast).hide();
    // During a call the call screen stays underneath: the call goes on, green or Back returns to it.
    this.pages.reset(route, route !== 'firstStart' && isLiveCall(ctx().counter.call));
  }

  toast(text: string, failure = false, speech = text): void {
    const context = ctx();
    const type = typography(context.settings.textScale);
    (this.tag('Toast') as Toast).show(
      {
        text,
        textWidth: context.measure(text, type.body, true),
        right: SAFE.x + SAFE.w,
        top: SAFE.y - 12,
        fontSize: type.body,
        theme: context.theme,
        failure,
      },
      // The toast sits where the city name is; show the name again afterwards.
      () => this.header.setCityVisible(true),
    );
    this.header.setCityVisible(false);
    context.announcer.notice(speech);
  }

  pageChanged(): void {
    this.header.draw(this.screen?.title() ?? '');
  }

  // Drawing ----------------------------------------------------------------------------------

  private shown(page: ScreenPage): void {
    this.redraw();
    this._refocus();
    const context = ctx();
    context.announcer.screen(context.t('speech.screen', { title: page.title() }), page.openingSpeech());
    if (page.route === 'home' && this.interactiveAt === null) this.markInteractive();
    // Home shown for the first time since the people were listed (after a call restored at start).
    if (page.route === 'home') askWhoIsWatching(this);
  }

  /** Everything, for the current settings: after a text size, language or session change. */
  redraw(): void {
    const context = ctx();
    const { textScale } = context.settings;
    const type = typography(textScale);
    const theme = context.theme;
    const frame = frameOf(textScale, this.bannerVisible);

    // The page behind the transparent canvas is the background: no full-screen quad to fill every
    // frame (set-top box GPUs are fill-rate bound), and a later <video> under the canvas shows through.
    document.body.style.backgroundColor = cssColour(theme.background);
    this.pageChanged();
    (this.tag('Legend') as Legend).update({
      frame: frame.legend,
      labels: legendLabels((key) => context.t(key)),
      fontSize: type.legend,
      theme,
    });
    const banner = this.tag('Banner') as Banner;
    banner.visible = this.bannerVisible;
    if (this.bannerVisible) {
      const text = context.t(this.channelState === 'offline' ? 'banner.offline' : 'tvApp.callBanner');
      banner.update({ frame: frame.banner, text, fontSize: type.body, theme });
    }
    this.screen?.render(frame.content);
    this.ringing.draw();
    this.cards.draw();
    this.assist.draw();
  }

  private markInteractive(): void {
    // Two frames: the one that lays Home out, and the one that shows its text.
    afterFrames(this.stage, 2, () => (this.interactiveAt = performance.now()));
  }

  // Context events ---------------------------------------------------------------------------

  private onSettings(settings: DeviceSettings, previous: DeviceSettings): void {
    this.redraw();
    const context = ctx();
    const page = this.screen;
    if (page?.route === 'settings') {
      // The viewer changed the focused row: say its new value, in the new voice and language.
      context.announcer.focus(page.focusSpeech());
    } else if (settings.textScale !== previous.textScale) {
      const label = context.t('settings.textSize');
      const value = context.texts.pick('settings.textSizeValue', String(settings.textScale));
      context.announcer.focus(context.t('speech.selected', { label, value }));
    }
  }

  private onSession(): void {
    if (this.screen?.route === 'loading') this.reset('home');
    else this.redraw();
    askWhoIsWatching(this);
  }

  private onConnection(state: DeviceChannelState): void {
    const wasOffline = this.bannerVisible;
    this.channelState = state;
    if (state === 'revoked') {
      this.reset('firstStart');
      return;
    }
    if (wasOffline !== this.bannerVisible) this.redraw();
    if (wasOffline && state === 'online') this.toast(ctx().t('banner.reconnected'));
    this.screen?.onConnection(state === 'online');
  }

  // The video counter, whatever screen is on ------------------------------------------------------

  private onCounter(change: CounterChange): void {
    const bannerBefore = this.bannerVisible;
    if (change.kind === 'ringing') this.ringing.start();
    if (change.kind === 'callStarted' || change.kind === 'ended') this.ringing.stop();
    followCounter(change, this);
    // The call banner comes and goes with a call under another screen.
    if (this.bannerVisible !== bannerBefore) this.redraw();
  }

  // Keys a screen passes on mean the same everywhere (GlobalKeys) -------------------------------

  override _handleEnter(): boolean {
    return this.keys.enter();
  }

  override _handleBack(): boolean {
    return this.keys.back();
  }

  _handleRed(): boolean {
    return this.keys.red();
  }

  _handleGreen(): boolean {
    return this.keys.green();
  }

  /** 0 is the other way to a human (PRODUCT.md). */
  _handleDigit0(): boolean {
    return this.keys.green();
  }

  _handleYellow(): boolean {
    return this.keys.yellow();
  }

  _handleBlue(): boolean {
    return this.keys.blue();
  }

  _handleData(): boolean {
    return this.keys.data();
  }
}
