import { Lightning } from '@lightningjs/sdk';
import { Button } from '../../components/Button';
import { drawRowList } from '../../components/Row';
import { textSettings } from '../../components/card';
import type { ScreenLine, ScreenSpec } from '../../services/counterScreens';
import { FOCUS_MARGIN, listLayout, wrapLines, type MeasureText } from '../../ui/layout';
import type { Theme, Typography } from '../../ui/theme';
import type { TextScale } from '@madoguchi/shared';

export interface ChoiceScreenProps {
  spec: ScreenSpec;
  w: number;
  h: number;
  /** Focused choice; -1 when a dialog has the focus. */
  focus: number;
  scale: TextScale;
  sizes: Typography;
  theme: Theme;
  measure: MeasureText;
}

const LINE_GAP = 14;
const CAPTION_GAP = 24;

function scaleSizes(sizes: Typography): { numberSize: number; buttonH: number } {
  const numberSize = Math.round(sizes.tile * 1.2);
  return { numberSize, buttonH: Math.round(numberSize * 1.9) };
}

/** The survey's row of numbers with the caption under it. */
function scaleHeight(sizes: Typography): number {
  return FOCUS_MARGIN + scaleSizes(sizes).buttonH + CAPTION_GAP + Math.round(sizes.body * 1.35);
}

/** Font size and weight of a line style. */
export function lineFont(style: ScreenLine['style'], sizes: Typography): { size: number; bold: boolean } {
  switch (style) {
    case 'hero':
      // Very large, but the rows must still fit at the largest text size.
      return { size: Math.round(Math.min(sizes.title * 1.5, 100)), bold: true };
    case 'headline':
      return { size: Math.round(sizes.title * 1.15), bold: true };
    case 'strong':
    case 'notice':
      return { size: sizes.body, bold: true };
    case 'body':
      return { size: sizes.body, bold: false };
    case 'note':
      return { size: sizes.small, bold: false };
  }
}

/** A line's text as drawn (broken already, or left to Lightning) and the lines it takes. */
export type WrapLine = (
  text: string,
  font: { size: number; bold: boolean },
) => { text: string; count: number };

/**
 * The lines at the top of a screen (here and on a service screen), from a little air under the
 * title rule down: a notice in the focus colour, a headline with twice the gap under it.
 * `height` is where what follows may start.
 */
export function lineElements(
  lines: readonly ScreenLine[],
  w: number,
  sizes: Typography,
  theme: Theme,
  wrap: WrapLine,
) {
  let y = 16;
  const elements = lines.map((line) => {
    const font = lineFont(line.style, sizes);
    const lineHeight = Math.round(font.size * 1.35);
    const { text, count } = wrap(line.text, font);
    const element = {
      x: 0,
      y,
      text: textSettings({
        text,
        fontSize: font.size,
        colour: line.style === 'notice' ? theme.focus : theme.text,
        bold: font.bold,
        wrapWidth: w,
        lineHeight,
      }),
    };
    y += count * lineHeight + LINE_GAP * (line.style === 'headline' || line.style === 'hero' ? 2 : 1);
    return element;
  });
  return { elements, height: y };
}

/**
 * A video-counter screen that is text and choices: the lines at the top (the headline large),
 * then the choices, as numbered rows that scroll with the focus, or side by side (the survey's
 * 1–5), then a hint about the keys.
 */
export class ChoiceScreen extends Lightning.Component {
  private offset = 0;

  static override _template(): Lightning.Component.Template {
    return { Lines: {}, Viewport: { clipping: true, Items: {} }, Scale: {}, Caption: {}, Hint: {} };
  }

  update(props: ChoiceScreenProps): void {
    const { spec, h, sizes, theme } = props;
    const hintHeight = spec.hint ? Math.round(sizes.small * 1.35) + 16 : 0;
    this.patch({
      Hint: {
        visible: spec.hint !== null,
        y: h - hintHeight + 16,
        text: textSettings({
          text: spec.hint ?? '',
          fontSize: sizes.small,
          colour: theme.text,
          wrapWidth: props.w,
          maxLines: 1,
        }),
      },
    });
    // With large text the rows may not fit: the small print goes first, never a choice.
    let blocks = this.lineBlocks(props, spec.lines);
    const choicesHeight = spec.layout === 'rows' ? this.rowsLayout(props).layout.height : scaleHeight(sizes);
    const fits = (height: number) => height + 8 + choicesHeight <= h - hintHeight;
    if (!fits(blocks.height)) {
      blocks = this.lineBlocks(
        props,
        spec.lines.filter((line) => line.style !== 'note'),
      );
    }
    this.tag('Lines')!.children = blocks.elements;
    const top = blocks.height + 8;
    const area = { top, h: Math.max(0, h - hintHeight - top) };
    if (spec.layout === 'scale') {
      this.tag('Viewport')!.visible = false;
      this.drawScale(props, area.top);
    } else {
      this.patch({ Scale: { visible: false }, Caption: { visible: false } });
      this.drawRows(props, area);
    }
  }

  private lineBlocks(props: ChoiceScreenProps, lines: readonly ScreenLine[]) {
    const { w, sizes, theme, measure } = props;
    // Lightning wraps these itself: only counted here, the way it wraps.
    return lineElements(lines, w, sizes, theme, (text, font) => ({
      text,
      count: wrapLines(text, w, font.size, font.bold, measure).length,
    }));
  }

  private rowsLayout(props: ChoiceScreenProps) {
    const { spec, w, sizes, measure } = props;
    const rowW = w - 2 * FOCUS_MARGIN;
    const padding = Math.round(22 * props.scale);
    const labels = spec.choices.map((choice, index) =>
      spec.numbered ? `${index + 1}   ${choice.label}` : choice.label,
    );
    const lines = labels.map((label) => ({
      lines: wrapLines(label, rowW - 2 * padding, sizes.body, true, measure).length,
    }));
    return { rowW, padding, labels, lines, layout: listLayout(lines, props.scale) };
  }

  private drawRows(props: ChoiceScreenProps, area: { top: number; h: number }): void {
    const { w, sizes, theme, focus } = props;
    const viewport = this.tag('Viewport')!;
    viewport.patch({ visible: true, y: area.top, w, h: area.h });
    const { rowW, padding, labels, lines, layout } = this.rowsLayout(props);
    this.offset = drawRowList(
      this.tag('Viewport.Items')!,
      {
        items: labels.map((label) => ({ label, bold: true })),
        lines,
        layout,
        w: rowW,
        padding,
        fontSize: sizes.body,
        theme,
        focus,
        viewportHeight: area.h,
      },
      this.offset,
    );
  }

  /** The survey: five large numbers and "skip", in one row; the focused one is ringed. */
  private drawScale(props: ChoiceScreenProps, top: number): void {
    const { spec, sizes, theme, measure, focus } = props;
    const scale = this.tag('Scale')!;
    scale.patch({ visible: true, x: FOCUS_MARGIN, y: top + FOCUS_MARGIN });
    const gap = 32;
    const { numberSize, buttonH } = scaleSizes(sizes);
    const numberW = Math.round(numberSize * 2.6);
    if (scale.children.length !== spec.choices.length) {
      scale.children = spec.choices.map(() => ({ type: Button }));
    }
    let x = 0;
    spec.choices.forEach((choice, index) => {
      const isNumber = choice.id.startsWith('answer:');
      const fontSize = isNumber ? numberSize : sizes.body;
      const width = isNumber ? numberW : Math.round(measure(choice.label, fontSize, true) + 3 * fontSize);
      const button = scale.children[index] as Button;
      button.patch({ x: x + (isNumber ? 0 : gap), y: 0 });
      button.update({
        label: choice.label,
        w: width,
        h: buttonH,
        fontSize,
        focused: index === focus,
        enabled: true,
        theme,
      });
      x += width + gap + (isNumber ? 0 : gap);
    });
    // What the focused number means, written out under the row.
    const focused = spec.choices[focus];
    this.patch({
      Caption: {
        visible: focused !== undefined,
        x: FOCUS_MARGIN,
        y: top + FOCUS_MARGIN + buttonH + CAPTION_GAP,
        text: textSettings({
          text: focused?.speech ?? focused?.label ?? '',
          fontSize: sizes.body,
          colour: theme.text,
          bold: true,
          wrapWidth: props.w - 2 * FOCUS_MARGIN,
          maxLines: 1,
        }),
      },
    });
  }
}
