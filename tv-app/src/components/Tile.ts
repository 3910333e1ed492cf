import { Lightning } from '@lightningjs/sdk';
import type { Theme } from '../ui/theme';
import { FOCUS_SCALE, cardPatch, textSettings } from './card';

export interface TileProps {
  number: number;
  label: string;
  /** Lines the label takes at this size (1 or 2). */
  labelLines: number;
  w: number;
  h: number;
  fontSize: number;
  focused: boolean;
  theme: Theme;
  /** A count in the top-right corner (unread notices), in words: `3件`; null for none. */
  badge?: string | null;
  /** Width of the badge's text as drawn (measured by the caller with the real font). */
  badgeWidth?: number;
}

/** A Home tile: the number key that opens it, and what it is, in large bold text. */
export class Tile extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return {
      Ring: {},
      Surface: {},
      Badge: { Digit: {} },
      Count: { Text: {} },
      Label: {},
    };
  }

  update(props: TileProps): void {
    const { w, h, theme, fontSize } = props;
    const badge = Math.round(fontSize * 1.5);
    const pad = Math.round(fontSize * 0.6);
    this.patch({
      w,
      h,
      pivot: 0.5,
      ...cardPatch(w, h, props.focused, theme),
      Badge: {
        x: pad,
        y: pad,
        texture: Lightning.Tools.getRoundRect(
          badge,
          badge,
          badge / 2,
          0,
          0,
          true,
          props.focused ? theme.focus : theme.text,
        ),
        Digit: {
          x: badge / 2,
          y: badge / 2,
          mount: 0.5,
          text: textSettings({
            text: String(props.number),
            fontSize: Math.round(fontSize * 0.95),
            colour: theme.textOnFocus,
            bold: true,
            lineHeight: badge,
            lines: 1,
          }),
        },
      },
      Count: this.countPatch(props, pad),
      Label: {
        // Centred by mount: a texture narrower than the wrap width still sits in the middle.
        x: w / 2,
        y: badge + pad + Math.round((h - badge - 2 * pad) / 2),
        mount: 0.5,
        text: textSettings({
          text: props.label,
          fontSize,
          colour: theme.text,
          bold: true,
          wrapWidth: w - 2 * pad,
          lines: Math.min(2, Math.max(1, props.labelLines)),
          align: 'center',
        }),
      },
    });
    this.setSmooth('scale', props.focused ? FOCUS_SCALE : 1, { duration: 0.15 });
  }

  /** Dark text on the focus colour (≥ 7:1), a pill the eye finds at once. */
  private countPatch(props: TileProps, pad: number) {
    const { badge, theme, fontSize, w } = props;
    if (!badge) return { visible: false };
    const size = Math.round(fontSize * 0.8);
    const height = Math.round(size * 1.5);
    const width = Math.round((props.badgeWidth ?? size * badge.length) + size);
    return {
      visible: true,
      x: w - pad - width,
      y: pad,
      texture: Lightning.Tools.getRoundRect(width, height, height / 2, 0, 0, true, theme.focus),
      Text: {
        x: width / 2,
        y: height / 2,
        mount: 0.5,
        text: textSettings({ text: badge, fontSize: size, colour: theme.textOnFocus, bold: true, lines: 1 }),
      },
    };
  }
}
