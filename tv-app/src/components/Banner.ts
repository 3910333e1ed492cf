import { Lightning } from '@lightningjs/sdk';
import type { Rect } from '../ui/layout';
import type { Theme } from '../ui/theme';
import { textSettings } from './card';

export interface BannerProps {
  frame: Rect;
  text: string;
  fontSize: number;
  theme: Theme;
}

/** A strip that stays while something is wrong (the connection is lost) and leaves by itself. */
export class Banner extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return { Surface: {}, Label: {} };
  }

  update(props: BannerProps): void {
    const { frame, theme, fontSize } = props;
    const pad = Math.round(fontSize * 0.6);
    this.patch({
      x: frame.x,
      y: frame.y,
      w: frame.w,
      h: frame.h,
      Surface: {
        texture: Lightning.Tools.getRoundRect(frame.w, frame.h, 16, 0, 0, true, theme.warningBackground),
      },
      Label: {
        x: pad,
        y: frame.h / 2,
        mountY: 0.5,
        text: textSettings({
          text: props.text,
          fontSize,
          colour: theme.warningText,
          bold: true,
          wrapWidth: frame.w - 2 * pad,
          lines: 1,
        }),
      },
    });
  }
}
