import type { HomeSummary } from '@madoguchi/shared';
import type { Row, RowProps } from '../components/Row';
import { Row as RowComponent } from '../components/Row';
import { Tile } from '../components/Tile';
import { textSettings } from '../components/card';
import { reminderLine, type ReminderLine } from '../services/homeModel';
import { bookedSlotLabel, positionText, speechOf } from '../services/counterModel';
import type { HouseholdChange } from '../services/Household';
import { profileLine, type ProfileLine } from '../services/householdModel';
import { ctx, shell } from '../services/runtime';
import { FOCUS_MARGIN, homeGrid, moveInGrid, scrollToShow, wrapLines, type GridLayout } from '../ui/layout';
import type { HomeDetails } from '../testHook/screenDetails';
import { Page } from './Page';
import { MORE_TILE, homeTiles, routeOfService, type HomeTile } from './routes';

/** The lines above the tiles, in reading order. */
type TopLine = 'profile' | 'reminder';

const GAP_BETWEEN_LINES = 32;

/** The update notice is said once per start of the app, not at every return to Home. */
let updateSaid: string | null = null;

/**
 * Large tiles for the city's services (at most six: the first five and 「そのほか」); arrows
 * move, OK or the tile's number opens it; お知らせ shows how many are unread. Above them, the
 * person using the TV is greeted by name (OK changes who it is), and the day before a 母子健康相談
 * a reminder (OK opens the booking).
 */
export class HomePage extends Page<'home'> {
  readonly route = 'home' as const;
  private focus = 0;
  /** A line above the tiles has the focus. */
  private top: TopLine | null = null;
  private offset = 0;
  private grid: GridLayout | undefined;
  /** The two lines above the tiles sit side by side (they fit) or one above the other. */
  private sideBySide = false;
  private offs: (() => void)[] = [];
  private loading = false;
  /** The reminder already said on this Home. */
  private reminderSaid: string | null = null;

  static override _template() {
    return {
      Profile: { type: RowComponent, visible: false },
      Reminder: { type: RowComponent, visible: false },
      Viewport: { clipping: true, Grid: {} },
      Update: {},
      Hint: {},
    };
  }

  override _attach(): void {
    const { household, services } = ctx();
    this.offs.push(
      household.on('changed', (change) => this.onHousehold(change)),
      services.on('changed', (service) => {
        if (service !== 'home' && service !== 'wallet') return;
        this.redraw();
        this.sayNewReminder();
      }),
    );
    void this.loadSummary();
  }

  override _detach(): void {
    for (const off of this.offs.splice(0)) off();
  }

  title(): string {
    return ctx().t('home.title');
  }

  tiles(): HomeTile[] {
    return homeTiles(ctx().tenant?.services ?? []);
  }

  private label(tile: HomeTile): string {
    return tile === MORE_TILE ? ctx().t('tvApp.homeServices.more') : ctx().t(`services.${tile}`);
  }

  // What Home shows besides its tiles ------------------------------------------------------------

  private summary(): HomeSummary | null {
    return ctx().services.snapshot.home;
  }

  /** Unread notices and the reminder come from the portal and childcare; Home works without them. */
  private async loadSummary(): Promise<void> {
    const { tenant, services, household, registered } = ctx();
    const offered = tenant?.services.some((service) => service === 'notices' || service === 'childcare');
    if (!offered || !registered || this.loading) return;
    this.loading = true;
    try {
      await services.home(household.activeCitizenId);
    } catch {
      // A partner that is down takes away the badge and the reminder, nothing else.
    } finally {
      this.loading = false;
    }
  }

  /** The reminder arrived after Home was said: say it once (it is why the viewer should look). */
  private sayNewReminder(): void {
    const reminder = this.reminder();
    const id = this.summary()?.reminder?.id ?? null;
    if (!reminder || id === this.reminderSaid || !this.attached || !this.visible) return;
    this.reminderSaid = id;
    ctx().announcer.notice(reminder.speech);
  }

  /** A newer app exists: nothing to do, the cable company installs it (said calmly, once). */
  private updateNotice(): string | null {
    const version = ctx().session?.update?.version;
    return version ? ctx().t('tvApp.update.notice', { version }) : null;
  }

  private unread(): number {
    const tiles = this.tiles();
    return tiles.includes('notices') ? (this.summary()?.unreadNotices ?? 0) : 0;
  }

  private reminder(): ReminderLine | null {
    const booking = this.summary()?.reminder;
    return booking && booking.status === 'booked' ? reminderLine(ctx().texts, booking) : null;
  }

  /** Shown once the server has answered who is linked (a server without sign-in shows none). */
  private profile(): ProfileLine | null {
    const { household, texts } = ctx();
    if (!household.loaded) return null;
    return profileLine(texts, household.members, household.activeCitizenId);
  }

  private topLines(): TopLine[] {
    return [
      ...(this.profile() ? (['profile'] as const) : []),
      ...(this.reminder() ? (['reminder'] as const) : []),
    ];
  }

  private topFocused(): TopLine | null {
    return this.top && this.topLines().includes(this.top) ? this.top : null;
  }

  // Speech and the test hook -----------------------------------------------------------------------

  override focusIndex(): number {
    // The lines above the tiles count after them, so tile indices stay the tile numbers − 1.
    const top = this.topFocused();
    if (top) return this.tiles().length + (top === 'profile' ? 0 : 1);
    return this.tiles().length > 0 ? this.focus : -1;
  }

  override focusId(): string | null {
    return this.topFocused() ?? this.tiles()[this.focus] ?? null;
  }

  private tileSpeech(tile: HomeTile, index: number): string {
    const { texts } = ctx();
    const words = texts.t('tvApp.tileSpeech', { number: index + 1, label: this.label(tile) });
    const unread = tile === 'notices' ? this.unread() : 0;
    return unread > 0
      ? speechOf([words, texts.t('tvApp.homeServices.unreadSpeech', { count: unread })])
      : words;
  }

  override focusSpeech(): string | null {
    const top = this.topFocused();
    if (top === 'profile') {
      const profile = this.profile();
      return profile ? speechOf([profile.text, profile.hint]) : null;
    }
    if (top === 'reminder') {
      const reminder = this.reminder();
      return reminder ? speechOf([reminder.speech, ctx().t('tvApp.homeServices.reminderHint')]) : null;
    }
    const tile = this.tiles()[this.focus];
    return tile ? this.tileSpeech(tile, this.focus) : null;
  }

  override visibleTexts(): string[] {
    const profile = this.profile();
    const reminder = this.reminder();
    const unread = this.unread();
    return [
      this.title(),
      ...(profile ? [profile.text] : []),
      ...(reminder ? [reminder.text] : []),
      ...this.tiles().map((tile) => this.label(tile)),
      ...(unread > 0 ? [ctx().t('tvApp.homeServices.unreadBadge', { count: unread })] : []),
      ...(this.updateNotice() ? [this.updateNotice() as string] : []),
      this.hint(),
    ];
  }

  /** The keys hint, or, while the citizen waits or has a call back booked, where that stands. */
  private hint(): string {
    const { counter, texts } = ctx();
    const entry = counter.entry;
    if (entry?.kind === 'walkIn' && entry.position !== null) {
      return texts.t('tvApp.counter.homeWaiting', { place: positionText(texts, entry.position) });
    }
    if (entry?.kind === 'callback' && entry.callback) {
      const info = counter.info;
      const today = info?.opening.days[0]?.date ?? null;
      const slot = bookedSlotLabel(texts, entry.callback, info?.callbackSlots ?? [], today);
      return texts.t('tvApp.counter.homeCallback', { slot });
    }
    const top = this.topFocused();
    if (top === 'profile') return this.profile()?.hint ?? texts.t('home.hint');
    if (top === 'reminder') return texts.t('tvApp.homeServices.reminderHint');
    return texts.t('home.hint');
  }

  override openingSpeech(): string | null {
    const hint = this.hint();
    const profile = this.profile();
    const top = this.topFocused();
    const greeting = profile?.greeting && !top ? profile.text : null;
    const status = hint === ctx().t('home.hint') || top ? null : hint;
    const reminder = top === 'reminder' ? null : (this.reminder()?.speech ?? null);
    if (reminder) this.reminderSaid = this.summary()?.reminder?.id ?? null;
    const notice = this.updateNotice();
    const update = notice !== null && notice !== updateSaid ? notice : null;
    if (update) updateSaid = update;
    return speechOf([greeting, status, reminder, this.focusSpeech(), update]) || null;
  }

  override details(): HomeDetails {
    const summary = this.summary();
    return {
      tiles: this.tiles(),
      columns: this.grid?.columns ?? 0,
      profile: this.profile()?.text ?? null,
      unreadNotices: summary ? summary.unreadNotices : null,
      reminder: this.reminder() ? (summary?.reminder?.id ?? null) : null,
      update: ctx().session?.update?.version ?? null,
    };
  }

  // Changes ----------------------------------------------------------------------------------------

  private onHousehold(change: HouseholdChange): void {
    if (change.kind === 'consents' || !this.attached) return;
    // Another person: their reminder (the unread count is per TV, the reminder per person).
    if (change.kind === 'active' || change.kind === 'members') void this.loadSummary();
    this.redraw();
  }

  override onShow(): void {
    // Back from お知らせ: the unread count may have gone down.
    void this.loadSummary();
  }

  override onConnection(online: boolean): void {
    if (online) void this.loadSummary();
  }

  private redraw(): void {
    if (!this.attached || !this.visible) return;
    this.draw();
    shell().pageChanged();
  }

  // Drawing ----------------------------------------------------------------------------------------

  protected draw(): void {
    const tiles = this.tiles();
    this.focus = Math.min(this.focus, Math.max(0, tiles.length - 1));
    if (this.top && !this.topLines().includes(this.top)) this.top = null;
    const { w, h } = this.frame;
    const type = this.sizes;
    const theme = ctx().theme;
    const hint = this.hint();
    const hintBold = hint !== ctx().t('home.hint') && !this.top;
    const hintHeight = Math.round(type.small * 1.35) + 16;
    const topHeight = this.drawTopLines();
    const updateHeight = this.drawUpdate(h - hintHeight, ctx().measure(hint, type.small, hintBold));
    const viewportHeight = h - hintHeight - topHeight - updateHeight;
    const grid = homeGrid(tiles.length, this.textScale, w, viewportHeight);
    this.grid = grid;

    const container = this.tag('Viewport.Grid')!;
    if (container.children.length !== tiles.length) {
      container.children = tiles.map(() => ({ type: Tile }));
    }
    const pad = Math.round(type.tile * 0.6);
    const unread = this.unread();
    tiles.forEach((tile, index) => {
      const element = container.children[index] as Tile;
      const position = grid.positions[index] ?? { x: 0, y: 0 };
      const label = this.label(tile);
      const badge =
        tile === 'notices' && unread > 0
          ? ctx().t('tvApp.homeServices.unreadBadge', { count: unread })
          : null;
      element.patch({ x: position.x, y: position.y });
      element.update({
        number: index + 1,
        label,
        labelLines: wrapLines(label, grid.tileW - 2 * pad, type.tile, true, ctx().measure).length,
        w: grid.tileW,
        h: grid.tileH,
        fontSize: type.tile,
        focused: index === this.focus && !this.top,
        theme,
        badge,
        badgeWidth: badge ? ctx().measure(badge, Math.round(type.tile * 0.8), true) : 0,
      });
    });

    const focusTop = grid.positions[this.focus]?.y ?? 0;
    this.offset = this.top ? 0 : scrollToShow(focusTop, grid.tileH, viewportHeight, grid.height, this.offset);
    this.patch({
      Viewport: { y: topHeight, w, h: viewportHeight },
      Hint: {
        x: 0,
        y: h - hintHeight + 16,
        text: textSettings({
          text: hint,
          fontSize: type.small,
          colour: hintBold ? theme.focus : theme.text,
          bold: hintBold,
          wrapWidth: w,
          maxLines: 1,
        }),
      },
    });
    container.setSmooth('y', -this.offset, { duration: 0.2 });
  }

  /**
   * The update notice: on the hint's line, at its right, when both fit (the tiles keep their
   * room); otherwise on a line of its own above the hint. Returns the height it takes from the tiles.
   */
  private drawUpdate(hintTop: number, hintWidth: number): number {
    const element = this.tag('Update')!;
    const notice = this.updateNotice();
    if (!notice) {
      element.visible = false;
      return 0;
    }
    const { small } = this.sizes;
    const lineHeight = Math.round(small * 1.35);
    const besideHint =
      hintWidth + GAP_BETWEEN_LINES * 2 + ctx().measure(notice, small, false) <= this.frame.w;
    const lines = besideHint
      ? 1
      : Math.min(2, wrapLines(notice, this.frame.w, small, false, ctx().measure).length);
    const height = besideHint ? 0 : lines * lineHeight + 16;
    element.patch({
      visible: true,
      x: besideHint ? this.frame.w : 0,
      mountX: besideHint ? 1 : 0,
      y: besideHint ? hintTop + 16 : hintTop - height + 16,
      text: textSettings({
        text: notice,
        fontSize: small,
        colour: ctx().theme.text,
        // Beside the hint it takes its own width, so it can sit against the right edge.
        ...(besideHint ? {} : { wrapWidth: this.frame.w }),
        maxLines: 2,
      }),
    });
    return height;
  }

  /** The greeting and the reminder above the tiles, side by side when they fit; returns their height. */
  private drawTopLines(): number {
    const profile = this.profile();
    const reminder = this.reminder();
    const { body } = this.sizes;
    const padding = Math.round(18 * this.textScale);
    const lineHeight = Math.round(body * 1.35);
    const maxW = this.frame.w - 2 * FOCUS_MARGIN;
    const widthOf = (text: string) =>
      Math.min(maxW, Math.round(ctx().measure(text, body, true) + 2 * padding + 8));
    const rowH = lineHeight + 2 * padding;
    const profileW = profile ? widthOf(profile.text) : 0;
    const reminderW = reminder ? widthOf(reminder.text) : 0;
    this.sideBySide =
      profile !== null && reminder !== null && profileW + GAP_BETWEEN_LINES + reminderW <= maxW;
    const rows: { tag: 'Profile' | 'Reminder'; text: string | null; w: number; focused: boolean }[] = [
      { tag: 'Profile', text: profile?.text ?? null, w: profileW, focused: this.top === 'profile' },
      { tag: 'Reminder', text: reminder?.text ?? null, w: reminderW, focused: this.top === 'reminder' },
    ];
    let x = FOCUS_MARGIN;
    let y = FOCUS_MARGIN / 2;
    let height = 0;
    for (const row of rows) {
      const element = this.tag(row.tag) as Row;
      if (!row.text) {
        element.visible = false;
        continue;
      }
      const props: RowProps = {
        label: row.text,
        bold: true,
        w: row.w,
        h: rowH,
        lines: 1,
        padding,
        lineHeight,
        fontSize: body,
        focused: row.focused,
        theme: ctx().theme,
      };
      element.patch({ visible: true, x, y });
      element.update(props);
      height = y + rowH + FOCUS_MARGIN / 2;
      if (this.sideBySide) x += row.w + GAP_BETWEEN_LINES;
      else y += rowH + FOCUS_MARGIN;
    }
    return height === 0 ? 0 : height + FOCUS_MARGIN / 2;
  }

  // Keys --------------------------------------------------------------------------------------------

  private openTop(top: TopLine): boolean {
    if (top === 'profile') {
      const profile = this.profile();
      if (profile) shell().open(profile.action);
      return true;
    }
    const booking = this.summary()?.reminder;
    if (booking) shell().open('childcare', { bookingId: booking.id });
    return true;
  }

  private openTile(index: number): boolean {
    const tile = this.tiles()[index];
    if (tile === MORE_TILE) shell().open('more');
    else if (tile) {
      const route = routeOfService(tile);
      if (route) shell().open(route);
    }
    return true;
  }

  private move(direction: 'Up' | 'Down' | 'Left' | 'Right'): boolean {
    const columns = this.grid?.columns ?? 3;
    const lines = this.topLines();
    const top = this.topFocused();
    if (top) {
      const index = lines.indexOf(top);
      const toNext = this.sideBySide ? direction === 'Right' : direction === 'Down';
      const toPrevious = this.sideBySide ? direction === 'Left' : direction === 'Up';
      const next = lines[index + 1];
      const previous = lines[index - 1];
      if (toPrevious && previous) this.setTop(previous);
      else if (toNext && next) this.setTop(next);
      else if (direction === 'Down' && this.tiles().length > 0) this.setTop(null);
      return true;
    }
    // Up from the top row reaches the line just above the tiles.
    if (direction === 'Up' && this.focus < columns && lines.length > 0) {
      // Side by side they are one row: the first, in reading order; stacked: the nearer one.
      this.setTop((this.sideBySide ? lines[0] : lines[lines.length - 1]) ?? null);
      return true;
    }
    const next = moveInGrid(this.focus, this.tiles().length, columns, direction);
    if (next !== this.focus) {
      this.focus = next;
      this.focusMoved();
    }
    return true;
  }

  private setTop(top: TopLine | null): void {
    this.top = top;
    this.focusMoved();
  }

  override _handleUp(): boolean {
    return this.move('Up');
  }

  override _handleDown(): boolean {
    return this.move('Down');
  }

  override _handleLeft(): boolean {
    return this.move('Left');
  }

  override _handleRight(): boolean {
    return this.move('Right');
  }

  override _handleEnter(): boolean {
    const top = this.topFocused();
    return top ? this.openTop(top) : this.openTile(this.focus);
  }

  protected override onDigit(digit: number): boolean {
    if (digit > this.tiles().length) return true;
    this.top = null;
    this.focus = digit - 1;
    this.draw();
    return this.openTile(digit - 1);
  }
}
