import type { ServiceId } from '@madoguchi/shared';
import { Tile } from '../components/Tile';
import { textSettings } from '../components/card';
import { bookedSlotLabel, positionText } from '../services/counterModel';
import { ctx, shell } from '../services/runtime';
import { homeGrid, moveInGrid, scrollToShow, wrapLines, type GridLayout } from '../ui/layout';
import { Page } from './Page';
import { homeTiles, routeOfService } from './routes';

/** Large tiles for the city's services; arrows move, OK or the tile's number opens it. */
export class HomePage extends Page {
  readonly route = 'home' as const;
  private focus = 0;
  private offset = 0;
  private grid: GridLayout | undefined;

  static override _template() {
    return { Viewport: { clipping: true, Grid: {} }, Hint: {} };
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

  override focusIndex(): number {
    return this.tiles().length > 0 ? this.focus : -1;
  }

  override focusId(): string | null {
    return this.tiles()[this.focus] ?? null;
  }

  override focusSpeech(): string | null {
    const service = this.tiles()[this.focus];
    return service
      ? ctx().t('tvApp.tileSpeech', { number: this.focus + 1, label: this.label(service) })
      : null;
  }

  override visibleTexts(): string[] {
    return [this.title(), ...this.tiles().map((service) => this.label(service)), this.hint()];
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
    return texts.t('home.hint');
  }

  override openingSpeech(): string | null {
    const hint = this.hint();
    const focused = this.focusSpeech();
    return hint === ctx().t('home.hint') ? focused : [hint, focused].filter(Boolean).join('。');
  }

  override details(): Record<string, unknown> {
    return { tiles: this.tiles(), columns: this.grid?.columns ?? 0 };
  }

  protected draw(): void {
    const tiles = this.tiles();
    this.focus = Math.min(this.focus, Math.max(0, tiles.length - 1));
    const { w, h } = this.frame;
    const type = this.sizes;
    const theme = ctx().theme;
    const hint = this.hint();
    const hintBold = hint !== ctx().t('home.hint');
    const hintHeight = Math.round(type.small * 1.35) + 16;
    const viewportHeight = h - hintHeight;
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
        focused: index === this.focus,
        theme,
      });
    });

    const focusTop = grid.positions[this.focus]?.y ?? 0;
    this.offset = scrollToShow(focusTop, grid.tileH, viewportHeight, grid.height, this.offset);
    this.patch({
      Viewport: { w, h: viewportHeight },
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

  private openTile(index: number): boolean {
    const service = this.tiles()[index];
    const route = service ? routeOfService(service) : undefined;
    if (route) shell().open(route);
    return true;
  }

  private move(direction: 'Up' | 'Down' | 'Left' | 'Right'): boolean {
    const next = moveInGrid(this.focus, this.tiles().length, this.grid?.columns ?? 3, direction);
    if (next !== this.focus) {
      this.focus = next;
      this.focusMoved();
    }
    return true;
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
    return this.openTile(this.focus);
  }

  protected override onDigit(digit: number): boolean {
    if (digit > this.tiles().length) return true;
    this.focus = digit - 1;
    this.draw();
    return this.openTile(digit - 1);
  }
}
