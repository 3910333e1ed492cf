import { Lightning } from '@lightningjs/sdk';
import { digitOf, type TextScale } from '@madoguchi/shared';
import type { RouteName, RouteParams } from '../services/AppContext';
import { ctx, shell } from '../services/runtime';
import type { Rect } from '../ui/layout';
import { typography, type Typography } from '../ui/theme';
import type { ScreenDetails } from '../testHook/screenDetails';

/**
 * One screen. The app draws the title, banner and legend around it; the page fills its
 * content rectangle and says what is focused (for speech and for the test hook). `R` is its
 * route, which fixes what it reports to the test hook (testHook/screenDetails.ts).
 */
export abstract class Page<R extends RouteName = RouteName> extends Lightning.Component {
  abstract readonly route: R;
  /** Set by the app when it opens the screen (before it is attached). */
  routeParams: RouteParams = {};
  protected frame: Rect = { x: 0, y: 0, w: 0, h: 0 };

  abstract title(): string;

  /** Lay out and fill every text for the current settings, language and session. */
  render(frame: Rect): void {
    this.frame = frame;
    this.patch({ x: frame.x, y: frame.y, w: frame.w, h: frame.h });
    this.draw();
  }

  protected abstract draw(): void;

  /** -1 when nothing can be focused. */
  focusIndex(): number {
    return -1;
  }

  focusId(): string | null {
    return null;
  }

  /** What to say about the focused item. */
  focusSpeech(): string | null {
    return null;
  }

  /** What to say after the title when the screen opens. */
  openingSpeech(): string | null {
    return this.focusSpeech();
  }

  /** Every text on the screen, title first, in the current language. */
  visibleTexts(): string[] {
    return [this.title()];
  }

  /** What this screen tells the test hook besides the common state. */
  abstract details(): ScreenDetails[R];

  /** The route and its details together, so the test hook's state says which details it holds. */
  report(): { screen: R; details: ScreenDetails[R] } {
    return { screen: this.route, details: this.details() };
  }

  /** The page is shown again after Back. */
  onShow(): void {}

  /** The device channel changed state. */
  onConnection(_online: boolean): void {}

  protected get textScale(): TextScale {
    return ctx().settings.textScale;
  }

  protected get sizes(): Typography {
    return typography(this.textScale);
  }

  /** Focus moved: redraw, say the new item. */
  protected focusMoved(): void {
    this.draw();
    ctx().announcer.focus(this.focusSpeech());
    shell().pageChanged();
  }

  /** Digits reach the page as their own keys; 0 is left to the app (a human). */
  protected onDigit(_digit: number): boolean {
    return false;
  }

  override _handleKey(event: KeyboardEvent): boolean {
    const key = ctx().platform.keyFor(event.keyCode);
    const digit = key ? digitOf(key) : undefined;
    if (digit === undefined || digit === 0) return false;
    return this.onDigit(digit);
  }
}
