import type { Row, RowProps } from '../components/Row';
import { Row as RowComponent } from '../components/Row';
import { textSettings } from '../components/card';
import { ctx } from '../services/runtime';
import { listLayout, scrollToShow, wrapLines, FOCUS_MARGIN } from '../ui/layout';
import { Page } from './Page';

export interface ListItem {
  id: string;
  label: string;
  /** A value the viewer can change with left/right/OK. */
  value?: string;
  /** Spoken when focused; the label by default. */
  speech?: string;
  bold?: boolean;
}

/**
 * A vertical list of large rows: up/down (or a digit) moves the focus, and the list scrolls
 * so the focused row is always on screen, whatever the text size.
 */
export abstract class ListPage extends Page {
  protected focus = 0;
  private offset = 0;

  static override _template() {
    return { Viewport: { clipping: true, Items: {} }, Hint: {} };
  }

  protected abstract items(): ListItem[];

  /** A line under the list saying which keys do what. */
  protected hint(): string | null {
    return null;
  }

  override focusIndex(): number {
    return this.items().length > 0 ? this.focus : -1;
  }

  override focusId(): string | null {
    return this.items()[this.focus]?.id ?? null;
  }

  override focusSpeech(): string | null {
    const item = this.items()[this.focus];
    return item ? (item.speech ?? item.label) : null;
  }

  override visibleTexts(): string[] {
    const hint = this.hint();
    return [
      this.title(),
      ...this.items().flatMap((item) => (item.value ? [item.label, item.value] : [item.label])),
      ...(hint ? [hint] : []),
    ];
  }

  protected draw(): void {
    const items = this.items();
    this.focus = Math.min(this.focus, Math.max(0, items.length - 1));
    const { w, h } = this.frame;
    const rowW = w - 2 * FOCUS_MARGIN;
    const { body } = this.sizes;
    const padding = Math.round(22 * this.textScale);
    const measure = ctx().measure;
    const lines = items.map((item) => {
      const bold = item.value !== undefined || item.bold === true;
      const width = item.value !== undefined ? Math.round(rowW * 0.5) : rowW - 2 * padding;
      return { lines: wrapLines(item.label, width, body, bold, measure).length };
    });
    const layout = listLayout(lines, this.textScale);

    const hint = this.hint();
    const hintHeight = hint ? Math.round(this.sizes.small * 1.35) + 16 : 0;
    const viewportHeight = h - hintHeight;
    this.patch({
      Viewport: { w, h: viewportHeight },
      Hint: {
        visible: hint !== null,
        y: h - hintHeight + 16,
        text: textSettings({
          text: hint ?? '',
          fontSize: this.sizes.small,
          colour: ctx().theme.text,
          wrapWidth: w,
          maxLines: 1,
        }),
      },
    });
    const container = this.tag('Viewport.Items')!;
    if (container.children.length !== items.length) {
      container.children = items.map(() => ({ type: RowComponent }));
    }
    items.forEach((item, index) => {
      const props: RowProps = {
        label: item.label,
        w: rowW,
        h: layout.rowHeights[index] ?? 0,
        lines: lines[index]?.lines ?? 1,
        padding,
        lineHeight: layout.lineHeight,
        fontSize: body,
        focused: index === this.focus,
        theme: ctx().theme,
      };
      if (item.value !== undefined) props.value = item.value;
      if (item.bold) props.bold = true;
      const row = container.children[index] as Row;
      row.patch({ x: FOCUS_MARGIN, y: layout.rowTops[index] ?? 0 });
      row.update(props);
    });

    const top = layout.rowTops[this.focus] ?? 0;
    const height = layout.rowHeights[this.focus] ?? 0;
    this.offset = scrollToShow(top, height, viewportHeight, layout.height, this.offset);
    container.setSmooth('y', -this.offset, { duration: 0.2 });
  }

  protected moveFocus(index: number): boolean {
    const count = this.items().length;
    if (index < 0 || index >= count || index === this.focus) return true;
    this.focus = index;
    this.focusMoved();
    return true;
  }

  override _handleUp(): boolean {
    return this.moveFocus(this.focus - 1);
  }

  override _handleDown(): boolean {
    return this.moveFocus(this.focus + 1);
  }

  protected override onDigit(digit: number): boolean {
    if (digit > this.items().length) return false;
    return this.moveFocus(digit - 1);
  }
}
