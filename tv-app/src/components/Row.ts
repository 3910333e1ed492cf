import { Lightning } from '@lightningjs/sdk';
import type { Theme } from '../ui/theme';
import { FOCUS_MARGIN, scrollToShow, type ListLayout, type ListRow } from '../ui/layout';
import { FOCUS_SCALE, cardPatch, textSettings } from './card';

export interface RowProps {
  label: string;
  /** Bold label: what the screen is mostly about (open or closed, the phone number). */
  bold?: boolean;
  /** Shown on the right between ◀ ▶ when the row's value can be changed. */
  value?: string;
  /** ◀ ▶ around the value (left/right step through values); on by default. */
  arrows?: boolean;
  /** Share of the width the label may take when there is a value (0.5 by default). */
  labelShare?: number;
  w: number;
  h: number;
  lines: number;
  padding: number;
  lineHeight: number;
  fontSize: number;
  focused: boolean;
  theme: Theme;
}

/** One line of a list screen (Settings, Hours, Guide). */
export class Row extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return { Ring: {}, Surface: {}, Label: {}, Value: {} };
  }

  update(props: RowProps): void {
    const { w, h, theme, fontSize, padding } = props;
    const hasValue = props.value !== undefined;
    const labelWidth = hasValue ? Math.round(w * (props.labelShare ?? 0.5)) : w - 2 * padding;
    const value = props.arrows === false ? (props.value ?? '') : `◀  ${props.value ?? ''}  ▶`;
    this.patch({
      w,
      h,
      pivot: 0.5,
      ...cardPatch(w, h, props.focused, theme, 20),
      Label: {
        x: padding,
        y: padding,
        text: textSettings({
          text: props.label,
          fontSize,
          colour: theme.text,
          bold: hasValue || props.bold === true,
          wrapWidth: labelWidth,
          maxLines: props.lines,
          lineHeight: props.lineHeight,
        }),
      },
      Value: {
        visible: hasValue,
        x: w - padding,
        y: padding,
        mountX: 1,
        text: textSettings({
          text: hasValue ? value : '',
          fontSize,
          colour: props.focused ? theme.focus : theme.text,
          bold: true,
          lineHeight: props.lineHeight,
        }),
      },
    });
    this.setSmooth('scale', props.focused ? 1 + (FOCUS_SCALE - 1) / 2 : 1, { duration: 0.15 });
  }
}

/** What one row of a list says; the rest of its props come from the list. */
export type RowItem = Pick<RowProps, 'label' | 'bold' | 'value' | 'arrows'>;

/** A list of rows and what they share (ServiceScreen, ChoiceScreen and ListPage draw one). */
export interface RowList {
  items: readonly RowItem[];
  /** Lines each label wraps to, as given to `listLayout`. */
  lines: readonly ListRow[];
  layout: ListLayout;
  w: number;
  padding: number;
  fontSize: number;
  theme: Theme;
  labelShare?: number;
  /** The row scrolled into view (the first when -1); ringed too unless `ringed` is false. */
  focus: number;
  /** False while a question is over the list: the focused row keeps its place but not its ring. */
  ringed?: boolean;
  viewportHeight: number;
}

/**
 * A scrolling list of rows: one Row per item in `container`, at the layout's tops, and the
 * focused row scrolled into the viewport. Returns the new scroll offset.
 */
export function drawRowList(container: Lightning.Element, list: RowList, offset: number): number {
  const { items, layout, focus } = list;
  if (container.children.length !== items.length) container.children = items.map(() => ({ type: Row }));
  items.forEach((item, index) => {
    const row = container.children[index] as Row;
    row.patch({ x: FOCUS_MARGIN, y: layout.rowTops[index] ?? 0 });
    row.update({
      label: item.label,
      bold: item.bold,
      value: item.value,
      arrows: item.arrows,
      labelShare: list.labelShare,
      w: list.w,
      h: layout.rowHeights[index] ?? 0,
      lines: list.lines[index]?.lines ?? 1,
      padding: list.padding,
      lineHeight: layout.lineHeight,
      fontSize: list.fontSize,
      focused: index === focus && list.ringed !== false,
      theme: list.theme,
    });
  });
  const shown = Math.max(0, focus);
  const next = scrollToShow(
    layout.rowTops[shown] ?? 0,
    layout.rowHeights[shown] ?? 0,
    list.viewportHeight,
    layout.height,
    offset,
  );
  container.setSmooth('y', -next, { duration: 0.2 });
  return next;
}
