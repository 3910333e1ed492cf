import { Lightning } from '@lightningjs/sdk';
import type { MeasureText } from '../ui/layout';
import { FOCUS_MARGIN, wrapLines } from '../ui/layout';
import type { Theme, Typography } from '../ui/theme';
import { Button } from './Button';
import { FOCUS_RING_WIDTH, textSettings } from './card';

export interface DialogProps {
  w: number;
  h: number;
  /** card: fills the screen's content; band: a strip under the call's video. */
  mode: 'card' | 'band';
  question: string;
  hint: string;
  choices: string[];
  focus: number;
  sizes: Typography;
  theme: Theme;
  measure: MeasureText;
}

const PAD = 40;

/** A question a page asks over its content, and its answers. */
export interface CardQuestion {
  question: string;
  hint: string;
  choices: readonly { label: string }[];
}

type CardDialogProps = Omit<DialogProps, 'mode' | 'question' | 'hint' | 'choices'> & {
  /** null: nothing asked, shade and card hidden. */
  question: CardQuestion | null;
};

/**
 * A question over a page (w × h): the page shaded with its own background, nearly opaque, and
 * the card centred on it inside the focus margins.
 */
export function drawCardDialog(shade: Lightning.Element, dialog: Dialog, props: CardDialogProps): void {
  const { w, h, theme, question } = props;
  dialog.visible = question !== null;
  shade.patch({
    visible: question !== null,
    x: -FOCUS_MARGIN,
    w: w + 2 * FOCUS_MARGIN,
    h,
    color: (theme.background & 0xffffff) + 0xd8000000,
  });
  if (!question) return;
  dialog.update({
    ...props,
    w: w - 2 * FOCUS_MARGIN,
    mode: 'card',
    question: question.question,
    hint: question.hint,
    choices: question.choices.map((choice) => choice.label),
  });
  dialog.patch({ x: FOCUS_MARGIN, y: Math.max(0, Math.round((h - dialog.h) / 2)) });
}

/** A question with two answers (やめますか？ やめる / 続ける); red or Back closes it. */
export class Dialog extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return { Border: {}, Surface: {}, Question: {}, Hint: {}, Buttons: {} };
  }

  /** Height of the band under the video: one line of question and hint beside the buttons. */
  static bandHeight(sizes: Typography): number {
    return Math.round(sizes.body * 2.4) + 2 * 24;
  }

  update(props: DialogProps): void {
    const { w, h, sizes, theme, mode } = props;
    const border = FOCUS_RING_WIDTH;
    const buttonH = Math.round(sizes.body * 2.2);
    const buttonWidths = props.choices.map((label) =>
      Math.max(Math.round(props.measure(label, sizes.body, true) + 3 * sizes.body), 260),
    );
    const buttonsW = buttonWidths.reduce((sum, width) => sum + width, 0) + 48 * (props.choices.length - 1);
    const band = mode === 'band';
    const textW = band ? w - buttonsW - 3 * PAD : w - 2 * PAD;
    const questionSize = band ? sizes.body : sizes.title;
    const lineHeight = Math.round(questionSize * 1.35);
    const questionLines = wrapLines(props.question, textW, questionSize, true, props.measure).length;
    const buttonsX = band ? w - PAD - buttonsW : Math.round((w - buttonsW) / 2);
    const buttonsY = band ? Math.round((h - buttonH) / 2) : PAD + questionLines * lineHeight + 48;
    // A card is as tall as what it says; the band is given its height.
    const hintLine = Math.round(sizes.small * 1.35);
    const height = band ? h : Math.min(h, buttonsY + buttonH + 40 + hintLine + PAD);
    this.patch({
      w,
      h: height,
      Border: {
        x: -border,
        y: -border,
        texture: Lightning.Tools.getRoundRect(
          w + 2 * border,
          height + 2 * border,
          28,
          border,
          theme.accent,
          false,
          0,
        ),
      },
      // The page colour, so the buttons (surface colour) stand out on it.
      Surface: { texture: Lightning.Tools.getRoundRect(w, height, 24, 0, 0, true, theme.background) },
      Question: {
        // A card centres its question over the buttons; the band reads left to right.
        x: band ? PAD : w / 2,
        mountX: band ? 0 : 0.5,
        y: band ? 18 : PAD,
        text: textSettings({
          text: props.question,
          fontSize: questionSize,
          colour: theme.text,
          bold: true,
          wrapWidth: textW,
          maxLines: band ? 1 : 5,
          lineHeight,
          align: band ? 'left' : 'center',
        }),
      },
      Hint: {
        x: band ? PAD : w / 2,
        mountX: band ? 0 : 0.5,
        y: band ? 18 + lineHeight + 4 : buttonsY + buttonH + 40,
        text: textSettings({
          text: props.hint,
          fontSize: sizes.small,
          colour: theme.text,
          wrapWidth: textW,
          maxLines: 1,
        }),
      },
    });
    const container = this.tag('Buttons')!;
    if (container.children.length !== props.choices.length) {
      container.children = props.choices.map(() => ({ type: Button }));
    }
    let x = buttonsX;
    props.choices.forEach((label, index) => {
      const button = container.children[index] as Button;
      const width = buttonWidths[index] ?? 260;
      button.patch({ x, y: buttonsY });
      button.update({
        label,
        w: width,
        h: buttonH,
        fontSize: sizes.body,
        focused: index === props.focus,
        enabled: true,
        theme,
      });
      x += width + 48;
    });
  }
}
