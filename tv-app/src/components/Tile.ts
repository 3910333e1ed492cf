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
}

/** A Home tile: the number key that opens it, and what it is, in large bold text. */
export class Tile extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return {
      Ring: {},
      Surface: {},
      Badge: { Digit: {} },
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
}
