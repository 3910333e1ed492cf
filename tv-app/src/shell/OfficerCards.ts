import { Lightning } from '@lightningjs/sdk';
import { epochMs } from '@madoguchi/shared';
import { CardOverlay } from '../components/CardOverlay';
import type { Page } from '../pages/Page';
import { cardView, type CardView } from '../services/cardModel';
import { ctx } from '../services/runtime';
import { jstDate } from '../services/serviceFormat';
import { STAGE, overlayFrame } from '../ui/layout';
import { typography } from '../ui/theme';

/**
 * The cards an officer sends during a call, one at a time over whatever is on screen. While one
 * shows it holds the focus: OK, Back or red close it (the next one comes), left/right turn the
 * pages of a long text, blue says it again.
 */
export class OfficerCards extends Lightning.Component {
  /** The page of a long card's text on screen. */
  private page = 0;

  static override _template(): Lightning.Component.Template {
    return { Overlay: { type: CardOverlay, visible: false } };
  }

  override _init(): void {
    this.overlay.onDismiss = () => ctx().pushes.dismiss();
    this.overlay.onTurn = (delta) => this.turn(delta);
  }

  override _getFocused(): Lightning.Component {
    return this.overlay;
  }

  private get overlay(): CardOverlay {
    return this.tag('Overlay') as CardOverlay;
  }

  /** The card on screen, laid out for the current text size; null when there is none. */
  view(): CardView | null {
    const { pushes, texts, settings, clock } = ctx();
    const card = pushes.card;
    if (!card) return null;
    return cardView(texts, card, {
      today: jstDate(epochMs(clock)),
      textScale: settings.textScale,
      page: this.page,
      waiting: pushes.waiting,
    });
  }

  /** A card came, or the one on screen was closed: the next is shown and said, else the screen under it. */
  changed(app: { readonly screen: Page | undefined }): void {
    this.page = 0;
    this.draw();
    this._refocus();
    const view = this.view();
    if (view) {
      ctx().announcer.screen(view.speech, view.hint);
      return;
    }
    const page = app.screen;
    if (page) ctx().announcer.screen(ctx().t('speech.screen', { title: page.title() }), page.focusSpeech());
  }

  draw(): void {
    const view = this.view();
    this.overlay.visible = view !== null;
    if (!view) return;
    const context = ctx();
    const { textScale } = context.settings;
    this.overlay.update({
      frame: overlayFrame(textScale),
      stage: STAGE,
      view,
      sizes: typography(textScale),
      theme: context.theme,
      measure: context.measure,
    });
  }

  private turn(delta: 1 | -1): void {
    const view = this.view();
    if (!view || view.pages <= 1) return;
    this.page = (this.page + delta + view.pages) % view.pages;
    this.draw();
    const turned = this.view();
    if (turned) ctx().announcer.focus(turned.lines.map((line) => line.text).join(' '));
  }

  _handleBlue(): boolean {
    const view = this.view();
    if (view) ctx().announcer.repeat(view.speech, view.hint);
    return true;
  }
}
