import { Lightning } from '@lightningjs/sdk';
import { epochMs, errorKey, isErrorKey, type DeviceSettings } from '@madoguchi/shared';
import type { DeviceChannelState } from '@madoguchi/stb-bridge';
import { Banner } from './components/Banner';
import { CardOverlay } from './components/CardOverlay';
import { LEGEND_KEYS, Legend } from './components/Legend';
import { RingingOverlay } from './components/RingingOverlay';
import { Toast } from './components/Toast';
import { textSettings } from './components/card';
import { ChildcarePage } from './pages/ChildcarePage';
import { ChooserPage } from './pages/ChooserPage';
import { ConsentPage } from './pages/ConsentPage';
import { FirstStartPage } from './pages/FirstStartPage';
import { GuidePage } from './pages/GuidePage';
import { HomePage } from './pages/HomePage';
import { HoursPage } from './pages/HoursPage';
import { HouseholdPage } from './pages/HouseholdPage';
import { LinkPage } from './pages/LinkPage';
import { LoadingPage } from './pages/LoadingPage';
import { MorePage } from './pages/MorePage';
import { MutualAidPage } from './pages/MutualAidPage';
import { NoticesPage } from './pages/NoticesPage';
import type { Page } from './pages/Page';
import { PersonPage } from './pages/PersonPage';
import { SettingsPage } from './pages/SettingsPage';
import { VideoCounterPage } from './pages/VideoCounterPage';
import { WalletPage } from './pages/WalletPage';
import { humanRoute } from './pages/routes';
import type { RouteName, RouteParams } from './services/AppContext';
import type { HouseholdChange } from './services/Household';
import type { AssistRequest } from './services/OfficerPushes';
import { cardView, type CardView } from './services/cardModel';
import type { CounterChange } from './services/VideoCounter';
import { speechOf, topicLabel } from './services/counterModel';
import { ctx, setShell, type Shell } from './services/runtime';
import { reportFleetHealth } from './services/fleetReport';
import { jstDate } from './services/serviceFormat';
import { nextTextScale } from './services/settingsModel';
import {
  installTestHook,
  type CounterTestState,
  type LinkTestState,
  type MadoguchiState,
} from './services/testHook';
import { Ringer } from './ui/Ringer';
import { videoLayer } from './ui/VideoLayer';
import { SAFE, STAGE, frameOf } from './ui/layout';
import { typography } from './ui/theme';

function cssColour(argbValue: number): string {
  return `#${(argbValue & 0xffffff).toString(16).padStart(6, '0')}`;
}

const PAGES: Record<RouteName, new (...args: never[]) => Page> = {
  loading: LoadingPage,
  firstStart: FirstStartPage,
  home: HomePage,
  settings: SettingsPage,
  hours: HoursPage,
  guide: GuidePage,
  videoCounter: VideoCounterPage,
  household: HouseholdPage,
  person: PersonPage,
  consent: ConsentPage,
  link: LinkPage,
  chooser: ChooserPage,
  notices: NoticesPage,
  wallet: WalletPage,
  mutualAid: MutualAidPage,
  childcare: ChildcarePage,
  more: MorePage,
};

/** While a call back rings, the words are said again this often. */
const RING_SPEECH_EVERY_MS = 9_000;

/** 「係員が 画面を 操作しています」 stays this long after an officer opened a screen. */
export const ASSIST_NOTICE_MS = 6_000;

/**
 * The frame around every screen (title, connection banner, colour-key legend, toast), the
 * screen stack, and the keys that mean the same everywhere (TV-UX.md).
 */
export class App extends Lightning.Component implements Shell {
  private stack: Page[] = [];
  private channelState: DeviceChannelState = ctx().channel.state;
  private interactiveAt: number | null = null;
  private ringing = false;
  private answering = false;
  private ringer: Ringer | undefined;
  private ringSpeech: ReturnType<typeof setInterval> | undefined;
  /** The page of a long card's text on screen. */
  private cardPage = 0;
  private assist: AssistRequest | null = null;
  private assistTimer: ReturnType<typeof setTimeout> | undefined;

  static override _template(): Lightning.Component.Template {
    return {
      w: STAGE.w,
      h: STAGE.h,
      Header: { Title: {}, City: {}, Rule: { rect: true } },
      Pages: {},
      Banner: { type: Banner, visible: false },
      // Over every screen (the call too) but under the legend: the colour keys stay readable.
      Card: { type: CardOverlay, visible: false },
      Ringing: { type: RingingOverlay, visible: false },
      // Over the title while an officer opens screens on this TV.
      Assist: { type: Banner, visible: false },
      Legend: { type: Legend },
      Toast: { type: Toast },
    };
  }

  override _init(): void {
    setShell(this);
    const context = ctx();
    installTestHook(window, {
      state: () => this.testState(),
      announcements: context.announcer.log,
      callStats: () => context.counter.stats(),
    });
    this.ringer = new Ringer(window);
    // Script errors and memory for the cable operator's fleet view.
    reportFleetHealth(context.channel, window, context.clock);
    context.counter.on('changed', (change) => this.onCounter(change));
    context.on('settings', (settings, previous) => this.onSettings(settings, previous));
    context.on('session', () => this.onSession());
    context.on('connection', (state) => this.onConnection(state));
    context.household.on('changed', (change) => this.onHousehold(change));
    context.pushes.on('card', () => this.onCard());
    context.pushes.on('navigate', (request) => this.onAssist(request));
    const card = this.tag('Card') as CardOverlay;
    card.onDismiss = () => context.pushes.dismiss();
    card.onTurn = (delta) => this.turnCard(delta);
    if (!context.registered) this.reset('firstStart');
    else this.reset(context.session ? 'home' : 'loading');
    context.start();
  }

  override _getFocused(): Lightning.Component | undefined {
    if (this.ringing) return this.tag('Ringing') as RingingOverlay;
    if (ctx().pushes.card) return this.tag('Card') as CardOverlay;
    return this.current;
  }

  private get current(): Page | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Lost connection, or a call going on under another screen (remote assist, or the viewer left it). */
  private get bannerVisible(): boolean {
    return this.channelState === 'offline' || this.callUnderneath();
  }

  private liveCall(): boolean {
    const call = ctx().counter.call;
    return call !== null && call.status !== 'ringing' && call.status !== 'ended';
  }

  private callUnderneath(): boolean {
    return this.liveCall() && this.current?.route !== 'videoCounter';
  }

  // Shell ------------------------------------------------------------------------------------

  open(route: RouteName, params: RouteParams = {}): void {
    if (this.current?.route === route && this.current.routeParams.citizenId === params.citizenId) return;
    // One video counter screen at most: go back down to it rather than stack another.
    if (route === 'videoCounter' && this.stack.some((page) => page.route === route)) {
      while (this.current && this.current.route !== route) this.back();
      return;
    }
    const previous = this.current;
    if (previous) previous.visible = false;
    // The call goes on under the new screen: its voice plays, its picture waits (green returns).
    if (previous?.route === 'videoCounter') videoLayer().place(null, null);
    // `routeParams` is set before the page is attached, so its _init and _attach can read it.
    const page = this.tag('Pages')!.childList.a({
      type: PAGES[route],
      routeParams: params,
    }) as unknown as Page;
    this.stack.push(page);
    this.shown(page);
  }

  replace(route: RouteName, params: RouteParams = {}): void {
    const leaving = this.stack.length > 1 ? this.stack.pop() : undefined;
    if (leaving) this.tag('Pages')!.childList.remove(leaving);
    this.open(route, params);
  }

  back(): void {
    if (this.stack.length <= 1) return;
    const leaving = this.stack.pop();
    if (leaving) this.tag('Pages')!.childList.remove(leaving);
    const page = this.current;
    if (!page) return;
    page.visible = true;
    page.onShow();
    this.shown(page);
  }

  reset(route: RouteName): void {
    // A message about the screens being left ("connected again") means nothing on the first screen.
    if (route === 'firstStart') (this.tag('Toast') as Toast).hide();
    // During a call the call screen stays underneath: the call goes on, green or Back returns to it.
    const callIndex = this.stack.findIndex((page) => page.route === 'videoCounter');
    if (route !== 'firstStart' && callIndex >= 0 && this.liveCall()) {
      // The screens above the call go without being shown again on the way down.
      while (this.stack.length > callIndex + 1) {
        const leaving = this.stack.pop();
        if (leaving) this.tag('Pages')!.childList.remove(leaving);
      }
      const call = this.current;
      if (route !== 'videoCounter') this.open(route);
      else if (call) {
        call.visible = true;
        call.onShow();
        this.shown(call);
      }
      return;
    }
    for (const page of this.stack.splice(0)) this.tag('Pages')!.childList.remove(page);
    this.open(route);
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
      () => this.setCityVisible(true),
    );
    this.setCityVisible(false);
    context.announcer.notice(speech);
  }

  private setCityVisible(visible: boolean): void {
    this.tag('Header.City')!.visible = visible;
  }

  pageChanged(): void {
    this.drawHeader();
  }

  // Drawing ----------------------------------------------------------------------------------

  private shown(page: Page): void {
    this.drawFrame();
    this._refocus();
    const context = ctx();
    context.announcer.screen(context.t('speech.screen', { title: page.title() }), page.openingSpeech());
    if (page.route === 'home' && this.interactiveAt === null) this.markInteractive();
    // Home shown for the first time since the people were listed (after a call restored at start).
    if (page.route === 'home') this.askWhoIfNeeded();
  }

  /** Everything, for the current settings: after a text size, language or session change. */
  private drawFrame(): void {
    const context = ctx();
    const { textScale } = context.settings;
    const type = typography(textScale);
    const theme = context.theme;
    const frame = frameOf(textScale, this.bannerVisible);

    // The page behind the transparent canvas is the background: no full-screen quad to fill every
    // frame (set-top box GPUs are fill-rate bound), and a later <video> under the canvas shows through.
    document.body.style.backgroundColor = cssColour(theme.background);
    this.drawHeader();
    (this.tag('Legend') as Legend).update({
      frame: frame.legend,
      labels: Object.fromEntries(LEGEND_KEYS.map((key) => [key, context.t(`legend.${key}`)])) as Record<
        (typeof LEGEND_KEYS)[number],
        string
      >,
      fontSize: type.legend,
      theme,
    });
    const banner = this.tag('Banner') as Banner;
    banner.visible = this.bannerVisible;
    if (this.bannerVisible) {
      const text = context.t(this.channelState === 'offline' ? 'banner.offline' : 'tvApp.callBanner');
      banner.update({ frame: frame.banner, text, fontSize: type.body, theme });
    }
    this.current?.render(frame.content);
    if (this.ringing) this.drawRinging();
    this.drawCard();
    this.drawAssist();
  }

  private drawHeader(): void {
    const context = ctx();
    const { textScale } = context.settings;
    const type = typography(textScale);
    const theme = context.theme;
    const headerHeight = frameOf(textScale, false).headerHeight;
    // The city's name takes what it needs (at most 40%): the title says where the viewer is.
    const city = context.t('app.tenantGreeting', { city: context.cityName() });
    const cityWidth = Math.min(
      Math.round(SAFE.w * 0.4),
      Math.round(context.measure(city, type.small, false)) + 24,
    );
    this.patch({
      Header: {
        x: SAFE.x,
        y: SAFE.y,
        Title: {
          text: textSettings({
            text: this.current?.title() ?? '',
            fontSize: type.title,
            colour: theme.text,
            bold: true,
            wrapWidth: SAFE.w - cityWidth - 40,
            maxLines: 1,
          }),
        },
        City: {
          x: SAFE.w,
          y: headerHeight - Math.round(type.small * 1.35),
          mountX: 1,
          text: textSettings({
            text: city,
            fontSize: type.small,
            colour: theme.text,
            wrapWidth: cityWidth,
            maxLines: 1,
            align: 'right',
          }),
        },
        Rule: { y: headerHeight + 8, w: SAFE.w, h: 4, color: theme.accent },
      },
    });
  }

  private markInteractive(): void {
    // Two frames: the one that lays Home out, and the one that shows its text.
    let frames = 0;
    const onFrame = () => {
      frames++;
      if (frames < 2) return;
      this.stage.off('frameEnd', onFrame);
      this.interactiveAt = performance.now();
    };
    this.stage.on('frameEnd', onFrame);
  }

  // Context events ---------------------------------------------------------------------------

  private onSettings(settings: DeviceSettings, previous: DeviceSettings): void {
    this.drawFrame();
    const context = ctx();
    const page = this.current;
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
    if (this.current?.route === 'loading') this.reset('home');
    else this.drawFrame();
    this.askWhoIfNeeded();
  }

  // The people who use this TV ------------------------------------------------------------------

  private onHousehold(change: HouseholdChange): void {
    const context = ctx();
    if (change.kind !== 'members') return;
    if (change.first) this.askWhoIfNeeded();
    // Linked or unlinked elsewhere (the phone, an officer in a call): say so wherever the viewer is.
    // The sign-in screen greets by itself; this TV's own unlinking has its own message.
    if (change.source !== 'push' || this.current?.route === 'link') return;
    for (const member of change.added) {
      this.toast(context.t('tvApp.household.linked', { name: member.displayName }));
    }
    for (const member of change.removed) {
      this.toast(context.t('tvApp.household.unlinked', { name: member.displayName }));
    }
  }

  /** At start, with two or more people linked: 「どなたが 使いますか？」 over Home. */
  private askWhoIfNeeded(): void {
    const { household } = ctx();
    if (this.ringing || this.current?.route !== 'home' || !household.shouldAsk) return;
    this.open('chooser');
  }

  private onConnection(state: DeviceChannelState): void {
    const wasOffline = this.bannerVisible;
    this.channelState = state;
    if (state === 'revoked') {
      this.reset('firstStart');
      return;
    }
    if (wasOffline !== this.bannerVisible) this.drawFrame();
    if (wasOffline && state === 'online') this.toast(ctx().t('banner.reconnected'));
    this.current?.onConnection(state === 'online');
  }

  // The video counter, whatever screen is on ------------------------------------------------------

  private onCounter(change: CounterChange): void {
    const bannerBefore = this.bannerVisible;
    this.handleCounter(change);
    // The call banner comes and goes with a call under another screen.
    if (this.bannerVisible !== bannerBefore) this.drawFrame();
  }

  private handleCounter(change: CounterChange): void {
    const counter = ctx().counter;
    switch (change.kind) {
      case 'ringing':
        this.startRinging();
        return;
      case 'callStarted':
        this.stopRinging();
        this.open('videoCounter');
        this.drawFrame();
        return;
      case 'ended':
        this.stopRinging();
        // The call ended under another screen: back to the counter (why it ended, the survey).
        if (
          change.wasLive &&
          this.current?.route !== 'videoCounter' &&
          this.stack.some((page) => page.route === 'videoCounter')
        ) {
          this.open('videoCounter');
          return;
        }
        // The counter screen says more (we will call again); a short word wherever the viewer is.
        if (change.wasLive) return;
        if (change.reason === 'unanswered') this.toast(ctx().t('tvApp.counter.missedCall'));
        if (change.reason === 'declined') this.toast(ctx().t('tvApp.counter.endReason.declined'));
        return;
      case 'entry':
        // Home shows the place in line or the booked call back.
        if (this.current?.route === 'home') this.drawFrame();
        return;
      case 'synced': {
        if (!ctx().registered || !ctx().session) return;
        const live =
          counter.call !== null && counter.call.status !== 'ringing' && counter.call.status !== 'ended';
        const waiting = counter.entry?.kind === 'walkIn';
        // After a reload or a restart: back to the call, the survey owed, or the place in line.
        if (live || (change.first && (counter.surveyFor !== null || waiting))) this.open('videoCounter');
        else if (this.current?.route === 'home') this.drawFrame();
        return;
      }
      default:
        return;
    }
  }

  private startRinging(): void {
    const wasRinging = this.ringing;
    this.ringing = true;
    this.answering = false;
    this.drawRinging();
    if (wasRinging) return;
    (this.tag('Ringing') as RingingOverlay).setRinging(true);
    this._refocus();
    this.ringer?.start();
    this.sayRinging(true);
    this.ringSpeech = setInterval(() => this.sayRinging(false), RING_SPEECH_EVERY_MS);
  }

  private stopRinging(): void {
    if (!this.ringing) return;
    this.ringing = false;
    this.answering = false;
    (this.tag('Ringing') as RingingOverlay).setRinging(false);
    this.ringer?.stop();
    if (this.ringSpeech !== undefined) clearInterval(this.ringSpeech);
    this.ringSpeech = undefined;
    this._refocus();
  }

  private ringingTexts(): { title: string; lines: string[]; answer: string; decline: string } {
    const context = ctx();
    const call = context.counter.call;
    const topic = call ? topicLabel(context.counter.info, call.topic, context.language) : '';
    return {
      title: context.t('tvApp.counter.ringing.title'),
      lines: [
        context.t('tvApp.counter.ringing.caller', { officer: call?.officerName ?? '' }),
        ...(topic ? [context.t('tvApp.counter.ringing.topic', { topic })] : []),
      ],
      answer: context.t('tvApp.counter.ringing.answer'),
      decline: context.t('tvApp.counter.ringing.decline'),
    };
  }

  private drawRinging(): void {
    const context = ctx();
    const { textScale } = context.settings;
    const frame = frameOf(textScale, this.bannerVisible);
    (this.tag('Ringing') as RingingOverlay).update({
      frame: { x: SAFE.x, y: SAFE.y, w: SAFE.w, h: frame.legend.y - SAFE.y - 16 },
      ...this.ringingTexts(),
      busy: this.answering,
      busyText: context.t('tvApp.counter.ringing.answering'),
      sizes: typography(textScale),
      theme: context.theme,
    });
  }

  /** Said when it starts ringing (interrupting), then again every few seconds. */
  private sayRinging(first: boolean): void {
    const texts = this.ringingTexts();
    const words = speechOf([...texts.lines, texts.answer, texts.decline]);
    if (first) ctx().announcer.screen(texts.title, words);
    else if (!this.answering) ctx().announcer.notice(speechOf([texts.title, words]));
  }

  private answerCall(): void {
    if (this.answering) return;
    this.answering = true;
    this.drawRinging();
    ctx()
      .counter.answer()
      .catch((error: unknown) => {
        this.stopRinging();
        this.toast(this.errorText(error), true);
      });
  }

  private declineCall(): void {
    if (this.answering) return;
    ctx()
      .counter.decline()
      .catch(() => this.stopRinging());
  }

  private errorText(error: unknown): string {
    const message = (error as { message?: unknown }).message;
    return ctx().t(isErrorKey(message) ? message : errorKey('INTERNAL'));
  }

  // Cards and remote assist from an officer ------------------------------------------------------

  private cardView(): CardView | null {
    const { pushes, texts } = ctx();
    const card = pushes.card;
    if (!card) return null;
    return cardView(texts, card, {
      today: jstDate(epochMs(ctx().clock)),
      textScale: ctx().settings.textScale,
      page: this.cardPage,
      waiting: pushes.waiting,
    });
  }

  /** A card came, or the one on screen was closed: show the next (or none) and say it. */
  private onCard(): void {
    this.cardPage = 0;
    this.drawCard();
    this._refocus();
    const view = this.cardView();
    if (view) {
      ctx().announcer.screen(view.speech, view.hint);
      return;
    }
    // Closed: the screen under it again, said from its title.
    const page = this.current;
    if (page) ctx().announcer.screen(ctx().t('speech.screen', { title: page.title() }), page.focusSpeech());
  }

  private turnCard(delta: 1 | -1): void {
    const view = this.cardView();
    if (!view || view.pages <= 1) return;
    this.cardPage = (this.cardPage + delta + view.pages) % view.pages;
    this.drawCard();
    const turned = this.cardView();
    if (turned) ctx().announcer.focus(turned.lines.map((line) => line.text).join(' '));
  }

  private drawCard(): void {
    const overlay = this.tag('Card') as CardOverlay;
    const view = this.cardView();
    overlay.visible = view !== null;
    if (!view) return;
    const context = ctx();
    const { textScale } = context.settings;
    const frame = frameOf(textScale, false);
    overlay.update({
      frame: { x: SAFE.x, y: SAFE.y, w: SAFE.w, h: frame.legend.y - SAFE.y - 16 },
      stage: STAGE,
      view,
      sizes: typography(textScale),
      theme: context.theme,
      measure: context.measure,
    });
  }

  /**
   * An officer opens a screen on this TV. During a call the call stays underneath (its voice
   * goes on; green or Back returns to it), and the TV says who is operating it.
   */
  private onAssist(request: AssistRequest): void {
    const context = ctx();
    if (!context.registered || !context.session || this.ringing) return;
    // The officer moves the viewer on: cards from before are done with.
    context.pushes.clear();
    const route = request.route as RouteName;
    if (route === 'home') this.reset('home');
    else if (this.current?.route !== route) this.open(route);
    this.assist = request;
    if (this.assistTimer !== undefined) clearTimeout(this.assistTimer);
    this.assistTimer = setTimeout(() => {
      this.assistTimer = undefined;
      this.assist = null;
      this.drawAssist();
    }, ASSIST_NOTICE_MS);
    this.drawAssist();
    const page = this.current;
    const screen = page ? context.t('speech.screen', { title: page.title() }) : null;
    context.announcer.screen(this.assistText(request), speechOf([screen, page?.openingSpeech()]) || null);
  }

  private assistText(request: AssistRequest): string {
    const { texts } = ctx();
    return request.officerName
      ? texts.t('tvApp.assist.notice', { name: request.officerName })
      : texts.t('tvApp.assist.noticeNoName');
  }

  private drawAssist(): void {
    const banner = this.tag('Assist') as Banner;
    // Over the title and the city's name, opaque: one line the eye cannot miss.
    banner.visible = this.assist !== null;
    if (!this.assist) return;
    const context = ctx();
    const { textScale } = context.settings;
    const headerHeight = frameOf(textScale, false).headerHeight;
    banner.update({
      frame: { x: SAFE.x, y: SAFE.y, w: SAFE.w, h: headerHeight },
      text: this.assistText(this.assist),
      fontSize: typography(textScale).body,
      theme: context.theme,
    });
  }

  // Keys that mean the same on every screen ---------------------------------------------------

  /** OK on a screen that does not use it: answers a ringing call back. */
  override _handleEnter(): boolean {
    if (this.ringing) this.answerCall();
    return true;
  }

  /** Back: one step back; on Home (or any first screen) nothing, and never leave the app. */
  override _handleBack(): boolean {
    // Ringing: Back neither answers nor declines; say what the keys do.
    if (this.ringing) this.sayRinging(true);
    else this.back();
    return true;
  }

  /** Red: cancel, one step back. */
  _handleRed(): boolean {
    if (this.ringing) this.declineCall();
    else this.back();
    return true;
  }

  /** Green: a human — the video counter when offered, else the hours and the phone number. */
  _handleGreen(): boolean {
    if (this.ringing) {
      this.answerCall();
      return true;
    }
    const services = ctx().tenant?.services;
    if (!services || !ctx().registered) return true;
    this.open(humanRoute(services));
    return true;
  }

  /** 0 is the other way to a human (PRODUCT.md). */
  _handleDigit0(): boolean {
    return this._handleGreen();
  }

  /** Yellow: larger text, ×1 → ×1.25 → ×1.5 → ×1, saved. */
  _handleYellow(): boolean {
    const context = ctx();
    void context.updateSettings({ textScale: nextTextScale(context.settings.textScale) }).then((result) => {
      if (result === 'failed') this.toast(context.t('settings.saveFailed'), true);
    });
    return true;
  }

  /** Blue: read the screen and the focused item again. */
  _handleBlue(): boolean {
    if (this.ringing) {
      this.sayRinging(true);
      return true;
    }
    const view = this.cardView();
    if (view) {
      ctx().announcer.repeat(view.speech, view.hint);
      return true;
    }
    const page = this.current;
    if (page) ctx().announcer.repeat(ctx().t('speech.screen', { title: page.title() }), page.focusSpeech());
    return true;
  }

  /** d (data) key: Home. */
  _handleData(): boolean {
    if (this.ringing) return true;
    if (ctx().registered && ctx().session && this.current?.route !== 'home') this.reset('home');
    return true;
  }

  // Test hook --------------------------------------------------------------------------------

  testState(): MadoguchiState {
    const context = ctx();
    const page = this.current;
    const details = page?.details() ?? {};
    const tiles = page?.route === 'home' ? (details.tiles as MadoguchiState['tiles']) : [];
    const assist = this.assist;
    const columns = page?.route === 'home' ? (details.columns as number) : 0;
    return {
      screen: page?.route ?? 'loading',
      focusIndex: page?.focusIndex() ?? -1,
      focusId: page?.focusId() ?? null,
      tiles,
      columns,
      textScale: context.settings.textScale,
      language: context.language,
      speech: { ...context.settings.speech },
      online: context.online,
      channelState: context.channel.state,
      bannerVisible: this.bannerVisible,
      toast: (this.tag('Toast') as Toast).message,
      deviceId: context.session?.deviceId ?? null,
      visibleTexts: page?.visibleTexts() ?? [],
      legend: LEGEND_KEYS.map((key) => context.t(`legend.${key}`)),
      details,
      profile: context.platform.profile.name,
      interactive: this.interactiveAt !== null,
      interactiveAt: this.interactiveAt,
      counter: this.counterState(),
      videoRects: videoLayer().rects(),
      overlay: this.ringing ? 'ringing' : context.pushes.card ? 'card' : null,
      household: {
        members: [...context.household.members],
        activeCitizenId: context.household.activeCitizenId,
      },
      link: this.linkState(),
      services: { ...context.services.snapshot },
      card: context.pushes.card,
      assist: assist ? { route: assist.route, officerName: assist.officerName } : null,
    };
  }

  private linkState(): LinkTestState {
    const { userCode, verificationUriComplete, expiresAt, state, greetedName } = ctx().signIn.snapshot;
    return { userCode, verificationUriComplete, expiresAt, state, greetedName };
  }

  private counterState(): CounterTestState {
    const { counter } = ctx();
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
}
