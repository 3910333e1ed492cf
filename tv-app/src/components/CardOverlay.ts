import { Lightning } from '@lightningjs/sdk';
import { lineFont } from '../pages/counter/ChoiceScreen';
import type { CardView } from '../services/cardModel';
import { wrapJapanese, wrapLines, type MeasureText, type Rect } from '../ui/layout';
import { qrImage } from '../ui/qrImage';
import type { Theme, Typography } from '../ui/theme';
import { FOCUS_RING_WIDTH, textSettings } from './card';

export interface CardOverlayProps {
  /** Everything above the legend: the card is centred over the screen the viewer is on. */
  frame: Rect;
  /** The whole stage, for the shade. */
  stage: { w: number; h: number };
  view: CardView;
  sizes: Typography;
  theme: Theme;
  measure: MeasureText;
}

const PAD = 48;
const GAP = 24;

/** Largest side of a QR code on a card (large enough to scan from a sofa with a phone). */
const QR_MAX = 520;

/**
 * A card an officer sent: over whatever is on screen (the call's video too, darkened but
 * still there), title large, then text, a picture, a QR code or a booking. OK, Back or red
 * close it; left/right turn the pages of a long text.
 */
export class CardOverlay extends Lightning.Component {
  /** Set by the app: the viewer closed the card. */
  onDismiss: () => void = () => undefined;
  /** Set by the app: left/right on a card with pages. */
  onTurn: (delta: 1 | -1) => void = () => undefined;
  private last: CardOverlayProps | null = null;
  private mediaKey: string | null = null;
  private media: { w: number; h: number } | null = null;

  static override _template(): Lightning.Component.Template {
    return {
      Shade: { rect: true },
      Ring: {},
      Surface: {},
      From: {},
      Title: {},
      Media: {},
      Lines: {},
      Hint: {},
    };
  }

  update(props: CardOverlayProps): void {
    this.last = props;
    const { frame, view, sizes, theme, measure } = props;
    const cardW = Math.min(frame.w, 1500);
    const innerW = cardW - 2 * PAD;
    const titleSize = Math.round(sizes.title * 1.1);
    const titleLine = Math.round(titleSize * 1.35);
    const titleLines = Math.min(2, wrapLines(view.title, innerW, titleSize, true, measure).length);
    const smallLine = Math.round(sizes.small * 1.35);
    const blocks = view.lines.map((line) => {
      const font = lineFont(line.style, sizes);
      const lineHeight = Math.round(font.size * 1.35);
      const wrapped = wrapJapanese(line.text, innerW - 8, font.size, font.bold, measure);
      return { line, text: wrapped.join('\n'), font, lineHeight, count: wrapped.length };
    });
    const linesH = blocks.reduce((sum, block) => sum + block.count * block.lineHeight + GAP / 2, 0);
    const hintLines = wrapLines(view.hint, innerW, sizes.small, false, measure).length;
    const fixedH =
      PAD +
      (view.from ? smallLine + 8 : 0) +
      titleLines * titleLine +
      GAP +
      linesH +
      GAP +
      hintLines * smallLine +
      PAD;
    const hasMedia = view.qr !== null || view.image !== null;
    const mediaRoom = Math.max(0, frame.h - 2 * FOCUS_RING_WIDTH - 24 - fixedH - (hasMedia ? GAP : 0));
    const media = hasMedia
      ? this.drawMedia(
          view,
          Math.min(innerW, view.qr ? QR_MAX : innerW),
          Math.min(mediaRoom, view.qr ? QR_MAX : mediaRoom),
        )
      : null;
    const cardH = Math.min(frame.h - 2 * FOCUS_RING_WIDTH - 24, fixedH + (media ? media.h + GAP : 0));
    const cardX = frame.x + Math.round((frame.w - cardW) / 2);
    const cardY = frame.y + Math.round((frame.h - cardH) / 2);
    const ring = FOCUS_RING_WIDTH + 6;

    let y = cardY + PAD;
    this.patch({
      Shade: {
        x: 0,
        y: 0,
        w: props.stage.w,
        h: props.stage.h,
        color: (theme.background & 0xffffff) + 0xcc000000,
      },
      Ring: {
        x: cardX - ring,
        y: cardY - ring,
        texture: Lightning.Tools.getRoundRect(
          cardW + 2 * ring,
          cardH + 2 * ring,
          36,
          FOCUS_RING_WIDTH,
          theme.focus,
          false,
          0,
        ),
      },
      Surface: {
        x: cardX,
        y: cardY,
        texture: Lightning.Tools.getRoundRect(cardW, cardH, 28, 0, 0, true, theme.surface),
      },
      From: {
        visible: view.from !== '',
        x: cardX + PAD,
        y,
        text: textSettings({
          text: view.from,
          fontSize: sizes.small,
          colour: theme.text,
          wrapWidth: innerW,
          maxLines: 1,
        }),
      },
    });
    if (view.from) y += smallLine + 8;
    this.patch({
      Title: {
        x: cardX + PAD,
        y,
        text: textSettings({
          text: view.title,
          fontSize: titleSize,
          colour: theme.text,
          bold: true,
          wrapWidth: innerW,
          maxLines: 2,
          lineHeight: titleLine,
        }),
      },
    });
    y += titleLines * titleLine + GAP;
    const mediaElement = this.tag('Media')!;
    mediaElement.visible = media !== null;
    if (media) {
      mediaElement.patch({ x: cardX + PAD + Math.round((innerW - media.w) / 2), y });
      y += media.h + GAP;
    }
    this.tag('Lines')!.children = blocks.map((block) => {
      const element = {
        x: cardX + PAD,
        y,
        text: textSettings({
          text: block.text,
          fontSize: block.font.size,
          colour: block.line.style === 'notice' ? theme.focus : theme.text,
          bold: block.font.bold,
          wrapWidth: innerW,
          lineHeight: block.lineHeight,
        }),
      };
      y += block.count * block.lineHeight + GAP / 2;
      return element;
    });
    this.patch({
      Hint: {
        x: cardX + PAD,
        y: cardY + cardH - PAD - hintLines * smallLine,
        text: textSettings({
          text: view.hint,
          fontSize: sizes.small,
          colour: theme.text,
          wrapWidth: innerW,
          lineHeight: smallLine,
        }),
      },
    });
  }

  /** The picture or QR code within `maxW` × `maxH`, its proportions kept; returns its size. */
  private drawMedia(view: CardView, maxW: number, maxH: number): { w: number; h: number } {
    const source = view.qr ?? view.image ?? '';
    const key = `${view.qr ? 'qr' : 'image'}|${source}|${maxW}|${maxH}`;
    const element = this.tag('Media')!;
    if (key !== this.mediaKey) {
      this.mediaKey = key;
      this.media = null;
      element.patch({ src: undefined, w: 0, h: 0 });
      if (view.qr) this.loadQr(view.qr, Math.min(maxW, maxH), key);
      else this.loadImage(source, maxW, maxH, key);
    }
    return this.media ?? { w: Math.min(maxW, maxH), h: Math.min(maxW, maxH) };
  }

  private loadQr(content: string, size: number, key: string): void {
    qrImage(content, size).then(
      (image) => {
        if (this.mediaKey !== key) return;
        this.media = { w: image.size, h: image.size };
        this.tag('Media')!.patch({ src: image.src, w: image.size, h: image.size });
        if (this.last) this.update(this.last);
      },
      (error: unknown) => console.error('the QR code could not be drawn', error),
    );
  }

  private loadImage(src: string, maxW: number, maxH: number, key: string): void {
    const element = this.tag('Media')!;
    element.once('txLoaded', () => {
      if (this.mediaKey !== key) return;
      // Lightning's types give the texture getter its setter's union, and TextureSource no w or h.
      const source = (element.texture as unknown as { source?: { w: number; h: number } } | null)?.source;
      const w = source?.w || maxW;
      const h = source?.h || maxH;
      const scale = Math.min(maxW / w, maxH / h);
      this.media = { w: Math.round(w * scale), h: Math.round(h * scale) };
      element.patch({ w: this.media.w, h: this.media.h });
      if (this.last) this.update(this.last);
    });
    element.patch({ src });
  }

  override _handleEnter(): boolean {
    this.onDismiss();
    return true;
  }

  override _handleBack(): boolean {
    this.onDismiss();
    return true;
  }

  _handleRed(): boolean {
    this.onDismiss();
    return true;
  }

  override _handleLeft(): boolean {
    this.onTurn(-1);
    return true;
  }

  override _handleRight(): boolean {
    this.onTurn(1);
    return true;
  }

  /** Up and down do nothing under a card (no screen moves beneath it). */
  override _handleUp(): boolean {
    return true;
  }

  override _handleDown(): boolean {
    return true;
  }
}
