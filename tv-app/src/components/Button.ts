import { Lightning } from '@lightningjs/sdk';
import type { Theme } from '../ui/theme';
import { FOCUS_SCALE, cardPatch, textSettings } from './card';

export interface ButtonProps {
  label: string;
  w: number;
  h: number;
  fontSize: number;
  focused: boolean;
  /** A button that does nothing right now (waiting) looks flat. */
  enabled: boolean;
  theme: Theme;
}

export class Button extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return { Ring: {}, Surface: {}, Label: {} };
  }

  update(props: ButtonProps): void {
    const { w, h, theme } = props;
    const focused = props.focused && props.enabled;
    this.patch({
      w,
      h,
      pivot: 0.5,
      ...cardPatch(w, h, focused, theme, Math.round(h / 2)),
      Label: {
        x: w / 2,
        y: h / 2,
        mount: 0.5,
        text: textSettings({
          text: props.label,
          fontSize: props.fontSize,
          colour: theme.text,
          bold: true,
          lines: 1,
        }),
      },
    });
    this.setSmooth('scale', focused ? FOCUS_SCALE : 1, { duration: 0.15 });
  }
}
