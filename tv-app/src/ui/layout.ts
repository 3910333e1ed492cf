import type { TextScale } from '@madoguchi/shared';
import { typography } from './theme';

export const STAGE = { w: 1920, h: 1080 } as const;

/** 5% on each side: older TVs overscan (TV-UX.md). */
export const SAFE = {
  x: Math.round(STAGE.w * 0.05),
  y: Math.round(STAGE.h * 0.05),
  w: Math.round(STAGE.w * 0.9),
  h: Math.round(STAGE.h * 0.9),
} as const;

/** The largest 16:9 stage that fits the window; Lightning scales the 1080p layout to it. */
export function stageSize(width: number, height: number): { w: number; h: number; precision: number } {
  const scale = Math.min(width / STAGE.w, height / STAGE.h);
  const w = Math.max(1, Math.round(STAGE.w * scale));
  const h = Math.max(1, Math.round(STAGE.h * scale));
  return { w, h, precision: w / STAGE.w };
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const GAP = 24;

export interface Frame {
  headerHeight: number;
  /** Banner strip at the top of the content area, when the connection is lost. */
  banner: Rect;
  legend: Rect;
  /** What is left for the screen itself. */
  content: Rect;
}

export function bannerHeight(scale: TextScale): number {
  return Math.round(typography(scale).body * 1.4 + 28);
}

/** Header, banner, content and legend for a text scale; the content shrinks, nothing overlaps. */
export function frameOf(scale: TextScale, bannerVisible: boolean): Frame {
  const type = typography(scale);
  const headerHeight = Math.round(type.title * 1.3);
  const legendHeight = Math.round(type.legend * 1.5 + 12);
  const legend = { x: SAFE.x, y: SAFE.y + SAFE.h - legendHeight, w: SAFE.w, h: legendHeight };
  const top = SAFE.y + headerHeight + GAP;
  const banner = { x: SAFE.x, y: top, w: SAFE.w, h: bannerVisible ? bannerHeight(scale) : 0 };
  const contentTop = bannerVisible ? banner.y + banner.h + GAP : top;
  const content = { x: SAFE.x, y: contentTop, w: SAFE.w, h: legend.y - GAP - contentTop };
  return { headerHeight, banner, legend, content };
}

/** Everything above the legend: what a ringing call back or an officer's card covers. */
export function overlayFrame(scale: TextScale): Rect {
  const { legend } = frameOf(scale, false);
  return { x: SAFE.x, y: SAFE.y, w: SAFE.w, h: legend.y - SAFE.y - 16 };
}

export interface GridLayout {
  columns: number;
  tileW: number;
  tileH: number;
  gap: number;
  /** Tile positions relative to the grid's top-left. */
  positions: { x: number; y: number }[];
  height: number;
}

/** Room around every tile for the focus ring and the focus scale-up. */
export const FOCUS_MARGIN = 20;

/**
 * Home tiles: three columns at ×1; two larger columns at ×1.25 and ×1.5 (the grid reflows, and
 * what does not fit scrolls with the focus). Tiles grow into free height, up to 1.5 times.
 */
export function homeGrid(count: number, scale: TextScale, width: number, viewportHeight: number): GridLayout {
  const columns = scale === 1 ? 3 : 2;
  const gap = 40;
  const inner = width - 2 * FOCUS_MARGIN;
  const tileW = Math.floor((inner - gap * (columns - 1)) / columns);
  const rowCount = Math.max(1, Math.ceil(count / columns));
  const minH = Math.round(typography(scale).tile * 2 * 1.25 + 140);
  const fitH = Math.floor((viewportHeight - 2 * FOCUS_MARGIN - (rowCount - 1) * gap) / rowCount);
  const tileH = Math.max(minH, Math.min(fitH, Math.round(minH * 1.5)));
  const positions = Array.from({ length: count }, (_, index) => ({
    x: FOCUS_MARGIN + (index % columns) * (tileW + gap),
    y: FOCUS_MARGIN + Math.floor(index / columns) * (tileH + gap),
  }));
  const rows = Math.ceil(count / columns);
  const height = rows === 0 ? 0 : 2 * FOCUS_MARGIN + rows * tileH + (rows - 1) * gap;
  return { columns, tileW, tileH, gap, positions, height };
}

/** Arrow-key movement in a grid; stays put at the edges. */
export function moveInGrid(
  index: number,
  count: number,
  columns: number,
  direction: 'Up' | 'Down' | 'Left' | 'Right',
): number {
  const column = index % columns;
  switch (direction) {
    case 'Left':
      return column > 0 ? index - 1 : index;
    case 'Right':
      return column < columns - 1 && index + 1 < count ? index + 1 : index;
    case 'Up':
      return index - columns >= 0 ? index - columns : index;
    case 'Down': {
      if (index + columns < count) return index + columns;
      // From a full row to a shorter last row: land on its last tile.
      const lastRowStart = count - (count % columns || columns);
      return index < lastRowStart ? count - 1 : index;
    }
  }
}

export interface ListRow {
  /** Text lines this row needs at the current size. */
  lines: number;
}

export interface ListLayout {
  rowTops: number[];
  rowHeights: number[];
  height: number;
  lineHeight: number;
}

/** Rows taller with the text: padding and line height follow the body size. */
export function listLayout(rows: readonly ListRow[], scale: TextScale): ListLayout {
  const body = typography(scale).body;
  const lineHeight = Math.round(body * 1.35);
  const padding = Math.round(22 * scale);
  const gap = Math.round(16 * scale);
  const rowTops: number[] = [];
  const rowHeights: number[] = [];
  let y = FOCUS_MARGIN;
  for (const row of rows) {
    const height = Math.max(1, row.lines) * lineHeight + 2 * padding;
    rowTops.push(y);
    rowHeights.push(height);
    y += height + gap;
  }
  const height = rows.length === 0 ? 0 : y - gap + FOCUS_MARGIN;
  return { rowTops, rowHeights, height, lineHeight };
}

/**
 * The scroll offset that shows the item [top, top + height) inside a viewport of
 * `viewportHeight`, moving as little as possible from `current`.
 */
export function scrollToShow(
  top: number,
  height: number,
  viewportHeight: number,
  contentHeight: number,
  current: number,
): number {
  const maxOffset = Math.max(0, contentHeight - viewportHeight);
  let offset = current;
  if (top - FOCUS_MARGIN < offset) offset = top - FOCUS_MARGIN;
  if (top + height + FOCUS_MARGIN > offset + viewportHeight)
    offset = top + height + FOCUS_MARGIN - viewportHeight;
  return Math.min(maxOffset, Math.max(0, offset));
}

/** Width of `text` drawn at `fontSize`; the browser measures with the real font, tests estimate. */
export type MeasureText = (text: string, fontSize: number, bold: boolean) => number;

/**
 * Lines `text` takes when wrapped at `maxWidth`, the way Lightning wraps: at spaces, and
 * inside a word only when the word alone is too wide.
 */
export function wrapLines(
  text: string,
  maxWidth: number,
  fontSize: number,
  bold: boolean,
  measure: MeasureText,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(?<= )/)) {
      const candidate = line + word;
      if (line === '' || measure(candidate.trimEnd(), fontSize, bold) <= maxWidth) {
        line = candidate;
      } else {
        lines.push(line.trimEnd());
        line = word;
      }
      while (measure(line.trimEnd(), fontSize, bold) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut), fontSize, bold) > maxWidth) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Characters a Japanese line must not start with (、。 closing brackets, small kana, ー). */
const NO_LINE_START =
  /^[、。，．,.）)」』】〕〉》！!？?：:；;ー…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々]/;
/** More characters than this without a space: a partner's sentence, not a phrase of ours. */
const LONG_WORD = 12;

/** Characters a line must not end with (opening brackets). */
const NO_LINE_END = /[（(「『【〔〈《]$/;

/**
 * Lines for text with or without spaces: at spaces, as `wrapLines`, except that a long word
 * without spaces (a partner's Japanese sentence) fills the line it starts on rather than
 * leaving it nearly empty; then the Japanese line-breaking rules (禁則): a line never starts
 * with 、 or 。 and never ends with 「 — a character moves to the next line instead, when that
 * line still fits.
 */
export function wrapJapanese(
  text: string,
  maxWidth: number,
  fontSize: number,
  bold: boolean,
  measure: MeasureText,
): string[] {
  const fits = (candidate: string) => measure(candidate.trimEnd(), fontSize, bold) <= maxWidth;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(?<= )/)) {
      if (line === '' || fits(line + word)) {
        line += word;
      } else if (word.trim().length > LONG_WORD || measure(word, fontSize, bold) > maxWidth) {
        // Fill this line with as much of the long word as fits; the rest goes on.
        let cut = 0;
        while (cut < word.length && fits(line + word.slice(0, cut + 1))) cut++;
        lines.push((line + word.slice(0, cut)).trimEnd());
        line = word.slice(cut);
      } else {
        lines.push(line.trimEnd());
        line = word;
      }
      while (!fits(line) && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && !fits(line.slice(0, cut))) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return keepJapaneseRules(lines, maxWidth, fontSize, bold, measure);
}

function keepJapaneseRules(
  lines: string[],
  maxWidth: number,
  fontSize: number,
  bold: boolean,
  measure: MeasureText,
): string[] {
  for (let index = 1; index < lines.length; index++) {
    let previous = lines[index - 1] ?? '';
    let line = lines[index] ?? '';
    if (previous === '' || line === '') continue;
    let moves = 0;
    while (moves < 3 && previous.length > 1 && (NO_LINE_START.test(line) || NO_LINE_END.test(previous))) {
      const moved = previous.slice(-1) + line;
      // A line the move would make too wide keeps the break as it was (rare, never a loop).
      if (measure(moved, fontSize, bold) > maxWidth) break;
      line = moved;
      previous = previous.slice(0, -1);
      moves++;
    }
    lines[index - 1] = previous;
    lines[index] = line;
  }
  return lines;
}
