import { Lightning } from '@lightningjs/sdk';
import type { Rect } from '../ui/layout';
import type { Theme, Typography } from '../ui/theme';
import { Button } from './Button';
import { textSettings } from './card';

export interface RingingProps {
  /** Everything above the legend: the overlay covers the screen the viewer was on. */
  frame: Rect;
  title: string;
  lines: string[];
  answer: string;
  decline: string;
  /** Answered, waiting for the call to connect. */
  busy: boolean;
  busyText: string;
  sizes: Typography;
  theme: Theme;
}

const RING = 14;

/**
 * A call back is ringing: full screen over whatever was on, impossible to miss. OK (or green)
 * answers, red declines; the ring around the card pulses.
 */
export class RingingOverlay extends Lightning.Component {
  private pulse: { start(): void; stop(): void } | undefined;

  static override _template(): Lightning.Component.Template {
    return {
      Cover: { rect: true },
      Ring: {},
      Card: {},
      Title: {},
      Lines: {},
      Answer: { type: Button },
      Decline: { type: Button },
    };
  }

  update(props: RingingProps): void {
    const { frame, sizes, theme } = props;
    const cardW = Math.round(frame.w * 0.8);
    const cardX = frame.x + Math.round((frame.w - cardW) / 2);
    const titleSize = Math.round(sizes.title * 1.5);
    const lineHeight = Math.round(sizes.tile * 1.4);
    const buttonH = Math.round(sizes.tile * 2.2);
    const textLines = props.busy ? [props.busyText] : props.lines;
    const cardH = Math.min(
      frame.h - 2 * RING - 20,
      80 + Math.round(titleSize * 1.4) + 40 + textLines.length * lineHeight + 60 + buttonH + 80,
    );
    const cardY = frame.y + Math.round((frame.h - cardH) / 2);
    const buttonW = Math.round((cardW - 3 * 60) / 2);
    const buttonsY = cardY + cardH - 80 - buttonH;
    this.patch({
      Cover: { x: 0, y: 0, w: frame.x + frame.w + frame.x, h: frame.y + frame.h, color: theme.background },
      Ring: {
        x: cardX - RING - 6,
        y: cardY - RING - 6,
        texture: Lightning.Tools.getRoundRect(
          cardW + 2 * (RING + 6),
          cardH + 2 * (RING + 6),
          40,
          RING,
          theme.focus,
          false,
          0,
        ),
      },
      Card: {
        x: cardX,
        y: cardY,
        // The page colour inside the pulsing ring, so both buttons stand out on it.
        texture: Lightning.Tools.getRoundRect(cardW, cardH, 32, 0, 0, true, theme.background),
      },
      Title: {
        x: cardX + cardW / 2,
        y: cardY + 80,
        mountX: 0.5,
        text: textSettings({
          text: props.title,
          fontSize: titleSize,
          colour: theme.focus,
          bold: true,
          lines: 1,
        }),
      },
    });
    this.tag('Lines')!.children = textLines.map((text, index) => ({
      x: cardX + cardW / 2,
      y: cardY + 80 + Math.round(titleSize * 1.4) + 40 + index * lineHeight,
      mountX: 0.5,
      text: textSettings({
        text,
        fontSize: sizes.tile,
        colour: theme.text,
        bold: index === 0,
        wrapWidth: cardW - 120,
        maxLines: 1,
        align: 'center',
      }),
    }));
    const answer = this.tag('Answer') as Button;
    const decline = this.tag('Decline') as Button;
    answer.visible = !props.busy;
    decline.visible = !props.busy;
    answer.patch({ x: cardX + 60, y: buttonsY });
    answer.update({
      label: props.answer,
      w: buttonW,
      h: buttonH,
      fontSize: sizes.tile,
      focused: true,
      enabled: true,
      theme,
    });
    decline.patch({ x: cardX + 2 * 60 + buttonW, y: buttonsY });
    decline.update({
      label: props.decline,
      w: buttonW,
      h: buttonH,
      fontSize: sizes.tile,
      focused: false,
      enabled: true,
      theme,
    });
  }

  override _attach(): void {
    this.pulse = this.animation({
      duration: 1.2,
      repeat: -1,
      actions: [{ t: 'Ring', p: 'alpha', v: { 0: 1, 0.5: 0.25, 1: 1 } }],
    });
  }

  /** Pulse while shown; stand still otherwise (set-top boxes are slow). */
  setRinging(ringing: boolean): void {
    this.visible = ringing;
    if (ringing) this.pulse?.start();
    else this.pulse?.stop();
  }
}
