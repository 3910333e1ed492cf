import type { ServiceId } from '@madoguchi/shared';
import type { Row, RowProps } from '../components/Row';
import { Row as RowComponent } from '../components/Row';
import { Tile } from '../components/Tile';
import { textSettings } from '../components/card';
import { bookedSlotLabel, positionText, speechOf } from '../services/counterModel';
import type { HouseholdChange } from '../services/Household';
import { profileLine, type ProfileLine } from '../services/householdModel';
import { ctx, shell } from '../services/runtime';
import { FOCUS_MARGIN, homeGrid, moveInGrid, scrollToShow, wrapLines, type GridLayout } from '../ui/layout';
import { Page } from './Page';
import { homeTiles, routeOfService } from './routes';

/**
 * Large tiles for the city's services; arrows move, OK or the tile's number opens it. Above
 * them, the person using the TV is greeted by name (up, then OK, changes who it is).
 */
export class HomePage extends Page {
  readonly route = 'home' as const;
  private focus = 0;
  /** The line above the tiles has the focus. */
  private onProfile = false;
  private offset = 0;
  private grid: GridLayout | undefined;
  private householdOff: (() => void) | undefined;

  static override _template() {
    return {
      Profile: { type: RowComponent, visible: false },
      Viewport: { clipping: true, Grid: {} },
      Hint: {},
    };
  }

  override _attach(): void {
    this.householdOff = ctx().household.on('changed', (change) => this.onHousehold(change));
  }

  override _detach(): void {
    this.householdOff?.();
    this.householdOff = undefined;
  }

  title(): string {
    return ctx().t('home.title');
  }

  tiles(): ServiceId[] {
    return homeTiles(ctx().tenant?.services ?? []);
  }

  private label(service: ServiceId): string {
    return ctx().t(`services.${service}`);
  }

  /** Shown once the server has answered who is linked (a server without sign-in shows none). */
  private profile(): ProfileLine | null {
    const { household, texts } = ctx();
    if (!household.loaded) return null;
    return profileLine(texts, household.members, household.activeCitizenId);
  }

  private profileFocused(): boolean {
    return this.onProfile && this.profile() !== null;
  }

  override focusIndex(): number {
    // The line above the tiles counts after them, so tile indices stay the tile numbers − 1.
    if (this.profileFocused()) return this.tiles().length;
    return this.tiles().length > 0 ? this.focus : -1;
  }

  override focusId(): string | null {
    if (this.profileFocused()) return 'profile';
    return this.tiles()[this.focus] ?? null;
  }

  override focusSpeech(): string | null {
    const profile = this.profile();
    if (this.onProfile && profile) return speechOf([profile.text, profile.hint]);
    const service = this.tiles()[this.focus];
    return service
      ? ctx().t('tvApp.tileSpeech', { number: this.focus + 1, label: this.label(service) })
      : null;
  }

  override visibleTexts(): string[] {
    const profile = this.profile();
    return [
      this.title(),
      ...(profile ? [profile.text] : []),
      ...this.tiles().map((service) => this.label(service)),
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
    const profile = this.profile();
    if (this.onProfile && profile) return profile.hint;
    return texts.t('home.hint');
  }

  override openingSpeech(): string | null {
    const hint = this.hint();
    const profile = this.profile();
    const focused = this.focusSpeech();
    const greeting = profile?.greeting && !this.onProfile ? profile.text : null;
    const status = hint === ctx().t('home.hint') || this.onProfile ? null : hint;
    return speechOf([greeting, status, focused]) || null;
  }

  override details(): Record<string, unknown> {
    return {
      tiles: this.tiles(),
      columns: this.grid?.columns ?? 0,
      profile: this.profile()?.text ?? null,
    };
  }

  private onHousehold(change: HouseholdChange): void {
    if (change.kind === 'consents' || !this.attached || !this.visible) return;
    this.draw();
    shell().pageChanged();
  }

  protected draw(): void {
    const tiles = this.tiles();
    this.focus = Math.min(this.focus, Math.max(0, tiles.length - 1));
    const profile = this.profile();
    if (!profile) this.onProfile = false;
    const { w, h } = this.frame;
    const type = this.sizes;
    const theme = ctx().theme;
    const hint = this.hint();
    const hintBold = hint !== ctx().t('home.hint') && !this.onProfile;
    const hintHeight = Math.round(type.small * 1.35) + 16;
    const profileHeight = profile ? this.drawProfile(profile) : 0;
    const viewportHeight = h - hintHeight - profileHeight;
    const grid = homeGrid(tiles.length, this.textScale, w, viewportHeight);
    this.grid = grid;

    const container = this.tag('Viewport.Grid')!;
    if (container.children.length !== tiles.length) {
      container.children = tiles.map(() => ({ type: Tile }));
    }
    const pad = Math.round(type.tile * 0.6);
    tiles.forEach((service, index) => {
      const tile = container.children[index] as Tile;
      const position = grid.positions[index] ?? { x: 0, y: 0 };
      const label = this.label(service);
      tile.patch({ x: position.x, y: position.y });
      tile.update({
        number: index + 1,
        label,
        labelLines: wrapLines(label, grid.tileW - 2 * pad, type.tile, true, ctx().measure).length,
        w: grid.tileW,
        h: grid.tileH,
        fontSize: type.tile,
        focused: index === this.focus && !this.onProfile,
        theme,
      });
    });

    const focusTop = grid.positions[this.focus]?.y ?? 0;
    this.offset = this.onProfile
      ? 0
      : scrollToShow(focusTop, grid.tileH, viewportHeight, grid.height, this.offset);
    this.patch({
      Viewport: { y: profileHeight, w, h: viewportHeight },
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

  /** The greeting (or signed-out use, or sign-in) as one row above the tiles; returns its height. */
  private drawProfile(profile: ProfileLine): number {
    const row = this.tag('Profile') as Row;
    const { body } = this.sizes;
    const padding = Math.round(18 * this.textScale);
    const lineHeight = Math.round(body * 1.35);
    const maxW = this.frame.w - 2 * FOCUS_MARGIN;
    const width = Math.min(maxW, Math.round(ctx().measure(profile.text, body, true) + 2 * padding + 8));
    const height = lineHeight + 2 * padding;
    const props: RowProps = {
      label: profile.text,
      bold: true,
      w: width,
      h: height,
      lines: 1,
      padding,
      lineHeight,
      fontSize: body,
      focused: this.onProfile,
      theme: ctx().theme,
    };
    row.patch({ visible: true, x: FOCUS_MARGIN, y: FOCUS_MARGIN / 2 });
    row.update(props);
    return height + FOCUS_MARGIN;
  }

  private openProfile(): boolean {
    const profile = this.profile();
    if (!profile) return true;
    shell().open(profile.action);
    return true;
  }

  private openTile(index: number): boolean {
    const service = this.tiles()[index];
    const route = service ? routeOfService(service) : undefined;
    if (route) shell().open(route);
    return true;
  }

  private move(direction: 'Up' | 'Down' | 'Left' | 'Right'): boolean {
    const columns = this.grid?.columns ?? 3;
    if (this.onProfile) {
      if (direction === 'Down' && this.tiles().length > 0) this.setProfileFocus(false);
      return true;
    }
    // Up from the top row reaches the line above the tiles.
    if (direction === 'Up' && this.focus < columns && this.profile()) {
      this.setProfileFocus(true);
      return true;
    }
    const next = moveInGrid(this.focus, this.tiles().length, columns, direction);
    if (next !== this.focus) {
      this.focus = next;
      this.focusMoved();
    }
    return true;
  }

  private setProfileFocus(on: boolean): void {
    this.onProfile = on;
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
    return this.onProfile ? this.openProfile() : this.openTile(this.focus);
  }

  protected override onDigit(digit: number): boolean {
    if (digit > this.tiles().length) return true;
    this.onProfile = false;
    this.focus = digit - 1;
    this.draw();
    return this.openTile(digit - 1);
  }
}
