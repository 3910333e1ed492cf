import { Lightning } from '@lightningjs/sdk';
import type { Rect } from '../ui/layout';
import type { Theme } from '../ui/theme';
import { textSettings } from './card';

/** In the order of Japanese remotes: 青 赤 緑 黄. */
export const LEGEND_KEYS = ['blue', 'red', 'green', 'yellow'] as const;
export type LegendKey = (typeof LEGEND_KEYS)[number];

/** Each colour key's label, in the viewer's language (`legend.<key>`). */
export function legendLabels(t: (key: string) => string): Record<LegendKey, string> {
  return {
    blue: t('legend.blue'),
    red: t('legend.red'),
    green: t('legend.green'),
    yellow: t('legend.yellow'),
  };
}

export interface LegendProps {
  frame: Rect;
  labels: Record<LegendKey, string>;
  fontSize: number;
  theme: Theme;
}

/** What the colour keys do, at the bottom of every screen. */
export class Legend extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return { Items: {} };
  }

  update(props: LegendProps): void {
    const { frame, fontSize, theme } = props;
    const column = frame.w / LEGEND_KEYS.length;
    const chip = Math.round(fontSize * 1.2);
    this.patch({ x: frame.x, y: frame.y, w: frame.w, h: frame.h });
    this.tag('Items')!.children = LEGEND_KEYS.map((key, index) => ({
      ref: `Key_${key}`,
      x: index * column,
      y: Math.round((frame.h - chip) / 2),
      Chip: {
        texture: Lightning.Tools.getRoundRect(chip, chip, Math.round(chip / 4), 0, 0, true, theme.keys[key]),
      },
      Label: {
        x: chip + Math.round(fontSize * 0.4),
        y: chip / 2,
        mountY: 0.5,
        text: textSettings({
          text: props.labels[key],
          fontSize,
          colour: theme.text,
          bold: true,
          wrapWidth: column - chip - fontSize,
          lines: 1,
        }),
      },
    }));
  }
}
