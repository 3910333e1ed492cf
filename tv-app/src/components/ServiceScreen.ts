import type { TextScale } from '@madoguchi/shared';
import { Lightning } from '@lightningjs/sdk';
import { lineElements } from '../pages/counter/ChoiceScreen';
import type { ServiceScreenSpec } from '../services/serviceScreens';
import { FOCUS_MARGIN, listLayout, wrapJapanese, type MeasureText } from '../ui/layout';
import { qrImage } from '../ui/qrImage';
import type { Theme, Typography } from '../ui/theme';
import { Dialog, drawCardDialog } from './Dialog';
import { drawRowList, type RowItem } from './Row';
import { textSettings } from './card';

export interface ServiceScreenProps {
  spec: ServiceScreenSpec;
  w: number;
  h: number;
  /** Focused choice; -1 when the question has the focus. */
  focus: number;
  dialogFocus: number;
  scale: TextScale;
  sizes: Typography;
  theme: Theme;
  measure: MeasureText;
}

const QR_GAP = 64;
/** Share of a row's width its label may take when it has a value on the right. */
const LABEL_SHARE = 0.6;

/**
 * A service screen: a QR code on the left when there is one, the lines at the top (the
 * headline large), the choices as numbered rows that scroll with the focus, a hint about the
 * keys, and maybe a question over everything.
 */
export class ServiceScreen extends Lightning.Component {
  private offset = 0;
  private qrKey: string | null = null;
  private qrSize = 0;
  /** Drawn again when the QR image arrives. */
  private last: ServiceScreenProps | null = null;

  static override _template(): Lightning.Component.Template {
    return {
      Qr: { Placeholder: {}, Image: {} },
      Lines: {},
      Viewport: { clipping: true, Items: {} },
      Hint: {},
      Shade: { rect: true, visible: false },
      Dialog: { type: Dialog, visible: false },
    };
  }

  /** A QR code is shown and readable (for the test hook). */
  get qrShown(): boolean {
    return this.qrSize > 0 && this.tag('Qr.Image')!.visible;
  }

  update(props: ServiceScreenProps): void {
    this.last = props;
    const { spec, h, sizes, theme } = props;
    const qrArea = this.drawQr(props);
    const x = qrArea > 0 ? qrArea + QR_GAP : 0;
    const w = props.w - x;
    // With large text the rows may not fit: the small print goes first, then the key hint
    // (the number keys work all the same), never a choice.
    let blocks = this.lineBlocks(props, w, spec.lines);
    const rowsHeight = this.rowsLayout(props, w).layout.height;
    const fullHintHeight = spec.hint ? Math.round(sizes.small * 1.35) + 16 : 0;
    if (blocks.height + rowsHeight > h - fullHintHeight) {
      blocks = this.lineBlocks(
        props,
        w,
        spec.lines.filter((line) => line.style !== 'note'),
      );
    }
    const showHint = spec.hint !== null && blocks.height + rowsHeight <= h - fullHintHeight;
    const hintHeight = showHint ? fullHintHeight : 0;
    this.patch({
      Hint: {
        visible: showHint,
        x,
        y: h - hintHeight + 16,
        text: textSettings({
          text: spec.hint ?? '',
          fontSize: sizes.small,
          colour: theme.text,
          wrapWidth: w,
          maxLines: 1,
        }),
      },
    });
    this.tag('Lines')!.patch({ x });
    this.tag('Lines')!.children = blocks.elements;
    this.drawRows(props, x, w, { top: blocks.height, h: Math.max(0, h - hintHeight - blocks.height) });
    this.drawDialog(props);
  }

  private lineBlocks(props: ServiceScreenProps, w: number, lines: ServiceScreenSpec['lines']) {
    const { sizes, theme, measure } = props;
    const blocks = lineElements(lines, w, sizes, theme, (text, font) => {
      // Broken here by the Japanese rules; a little narrower than the box so Lightning keeps it.
      const wrapped = wrapJapanese(text, w - 8, font.size, font.bold, measure);
      return { text: wrapped.join('\n'), count: wrapped.length };
    });
    // No lines: the rows start at the top.
    return { elements: blocks.elements, height: lines.length > 0 ? blocks.height : 0 };
  }

  private rowsLayout(props: ServiceScreenProps, w: number) {
    const { spec, sizes, measure } = props;
    const rowW = w - 2 * FOCUS_MARGIN;
    const padding = Math.round(22 * props.scale);
    const wrapped = spec.choices.map((choice, index) => {
      const label = spec.numbered ? `${index + 1}   ${choice.label}` : choice.label;
      const width = choice.value !== undefined ? Math.round(rowW * LABEL_SHARE) : rowW - 2 * padding;
      return wrapJapanese(label, width - 8, sizes.body, true, measure);
    });
    const labels = wrapped.map((lines) => lines.join('\n'));
    const lines = wrapped.map((label) => ({ lines: label.length }));
    return { rowW, padding, labels, lines, layout: listLayout(lines, props.scale) };
  }

  private drawRows(props: ServiceScreenProps, x: number, w: number, area: { top: number; h: number }): void {
    const { spec, sizes, theme, focus } = props;
    const viewport = this.tag('Viewport')!;
    viewport.patch({ x, y: area.top, w, h: area.h });
    const { rowW, padding, labels, lines, layout } = this.rowsLayout(props, w);
    const items = labels.map((label, index): RowItem => {
      const value = spec.choices[index]?.value;
      // A value (a date, an amount) is shown as it is: nothing to step through with ◀ ▶.
      return value === undefined ? { label, bold: true } : { label, bold: true, value, arrows: false };
    });
    this.offset = drawRowList(
      this.tag('Viewport.Items')!,
      {
        items,
        lines,
        layout,
        w: rowW,
        padding,
        fontSize: sizes.body,
        theme,
        labelShare: LABEL_SHARE,
        focus,
        viewportHeight: area.h,
      },
      this.offset,
    );
  }

  /** The QR code as large as the screen allows beside readable text; returns the width it takes. */
  private drawQr(props: ServiceScreenProps): number {
    const { spec, h, theme } = props;
    const qr = this.tag('Qr')!;
    if (!spec.qr) {
      qr.visible = false;
      return 0;
    }
    const maxPx = Math.min(h - 2 * FOCUS_MARGIN, Math.round(props.w * (props.scale === 1 ? 0.4 : 0.34)));
    const content = spec.qr.content;
    const key = content ? `${content}|${maxPx}` : null;
    if (key !== this.qrKey) this.makeQr(content, maxPx, key);
    const size = this.qrSize || maxPx;
    qr.patch({
      visible: true,
      x: 0,
      y: FOCUS_MARGIN,
      Placeholder: {
        visible: !content || this.qrSize === 0,
        texture: Lightning.Tools.getRoundRect(size, size, 16, 0, 0, true, theme.surface),
      },
      Image: { visible: content !== null && this.qrSize > 0 },
    });
    return size;
  }

  private makeQr(content: string | null, maxPx: number, key: string | null): void {
    this.qrKey = key;
    this.qrSize = 0;
    this.tag('Qr.Image')!.patch({ visible: false });
    if (!content) return;
    qrImage(content, maxPx).then(
      (image) => {
        if (this.qrKey !== key) return;
        this.qrSize = image.size;
        this.tag('Qr.Image')!.patch({ visible: true, src: image.src, w: image.size, h: image.size });
        if (this.last) this.update(this.last);
      },
      (error: unknown) => console.error('the QR code could not be drawn', error),
    );
  }

  private drawDialog(props: ServiceScreenProps): void {
    const { spec, w, h, theme, sizes, measure } = props;
    drawCardDialog(this.tag('Shade')!, this.tag('Dialog') as Dialog, {
      w,
      h,
      theme,
      sizes,
      measure,
      focus: props.dialogFocus,
      question: spec.dialog,
    });
  }
}
