import { Lightning } from '@lightningjs/sdk';
import { FONT_FACE } from '../ui/fonts';
import type { Theme } from '../ui/theme';

export const FOCUS_RING_WIDTH = 8;
const RING_GAP = 6;
export const FOCUS_SCALE = 1.04;

export interface TextOptions {
  text: string;
  fontSize: number;
  colour: number;
  bold?: boolean;
  wrapWidth?: number;
  maxLines?: number;
  align?: 'left' | 'center' | 'right';
  lineHeight?: number;
  /** At most this many lines (same as maxLines). */
  lines?: number;
  /** Extra pixels between characters (a code read letter by letter). */
  letterSpacing?: number;
}

/** Text settings for Lightning, always in our font; Japanese wraps at the spaces in the resources. */
export function textSettings(options: TextOptions): Lightning.textures.TextTexture.Settings {
  const lineHeight = options.lineHeight ?? Math.round(options.fontSize * 1.35);
  return {
    text: options.text,
    fontFace: FONT_FACE,
    fontSize: options.fontSize,
    fontStyle: options.bold ? 'bold' : 'normal',
    textColor: options.colour,
    lineHeight,
    wordWrap: options.wrapWidth !== undefined,
    wordWrapWidth: options.wrapWidth ?? 0,
    wordBreak: true,
    maxLines: options.lines ?? options.maxLines ?? 0,
    textAlign: options.align ?? 'left',
    letterSpacing: options.letterSpacing ?? 0,
    // 'bottom' + 'middle': the texture is exactly lines × lineHeight high with the glyphs centred
    // in each line, so `mount` centres the text itself. ('top' adds half a font size below, and a
    // fixed texture `h` is stretched when the stage precision is not 1.)
    textBaseline: 'bottom',
    verticalAlign: 'middle',
  } as Lightning.textures.TextTexture.Settings;
}

/** A rounded surface with, when focused, a thick ring around it (TV-UX: ≥ 6 px, obvious in a photo). */
export function cardPatch(w: number, h: number, focused: boolean, theme: Theme, radius = 24) {
  const outer = RING_GAP + FOCUS_RING_WIDTH;
  return {
    Ring: {
      x: -outer,
      y: -outer,
      visible: focused,
      texture: Lightning.Tools.getRoundRect(
        w + 2 * outer,
        h + 2 * outer,
        radius + outer,
        FOCUS_RING_WIDTH,
        theme.focus,
        false,
        0,
      ),
    },
    Surface: {
      texture: Lightning.Tools.getRoundRect(
        w,
        h,
        radius,
        0,
        0,
        true,
        focused ? theme.surfaceFocused : theme.surface,
      ),
    },
  };
}
