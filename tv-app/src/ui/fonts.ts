import type { MeasureText } from './layout';

/** Our subset of Noto Sans JP, registered under one family with two weights. */
export const FONT_FAMILY = 'MadoguchiSans';
/** Fallbacks if the shipped font cannot load: the box's own CJK font, then anything. */
export const FONT_FACE = [FONT_FAMILY, 'Noto Sans CJK JP', 'sans-serif'];

export const FONT_FILES = [
  { file: 'fonts/NotoSansJP-Regular.subset.woff2', weight: '400' },
  { file: 'fonts/NotoSansJP-Bold.subset.woff2', weight: '700' },
] as const;

/** Measures with the same font Lightning draws with (canvas 2D), for layouts that must not overflow. */
export function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  const family = FONT_FACE.map((face) => (face.includes(' ') ? `"${face}"` : face)).join(',');
  return (text, fontSize, bold) => {
    const key = `${bold ? 'b' : 'r'}${fontSize}:${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      if (!context) return text.length * fontSize;
      context.font = `${bold ? 'bold' : 'normal'} ${fontSize}px ${family}`;
      width = context.measureText(text).width;
      if (cache.size > 2000) cache.clear();
      cache.set(key, width);
    }
    return width;
  };
}
