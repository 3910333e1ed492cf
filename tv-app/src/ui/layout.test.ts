import { TEXT_SCALES } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  FOCUS_MARGIN,
  SAFE,
  frameOf,
  homeGrid,
  listLayout,
  moveInGrid,
  scrollToShow,
  stageSize,
  wrapJapanese,
  wrapLines,
  type MeasureText,
} from './layout';
import { typography } from './theme';

/** Every character as wide as the font is high: close enough for CJK. */
const squareMeasure: MeasureText = (text, fontSize) => text.length * fontSize;

describe('stage', () => {
  it('fits 1080p into any window at 16:9 and tells Lightning the precision', () => {
    expect(stageSize(1920, 1080)).toEqual({ w: 1920, h: 1080, precision: 1 });
    expect(stageSize(1280, 720)).toEqual({ w: 1280, h: 720, precision: 1280 / 1920 });
    expect(stageSize(1280, 1024)).toEqual({ w: 1280, h: 720, precision: 1280 / 1920 });
    expect(stageSize(3840, 2160).precision).toBe(2);
  });

  it('keeps a 5% safe area', () => {
    expect(SAFE).toEqual({ x: 96, y: 54, w: 1728, h: 972 });
  });
});

describe('typography', () => {
  it.each(TEXT_SCALES)('keeps body ≥ 32 px, titles ≥ 48 px and nothing below 28 px at ×%s', (scale) => {
    const type = typography(scale);
    expect(type.body).toBeGreaterThanOrEqual(32);
    expect(type.title).toBeGreaterThanOrEqual(48);
    for (const size of Object.values(type)) expect(size).toBeGreaterThanOrEqual(28);
  });

  it('grows with the text scale', () => {
    expect(typography(1.5).body).toBeGreaterThan(typography(1.25).body);
    expect(typography(1.25).body).toBeGreaterThan(typography(1).body);
  });
});

describe('frame', () => {
  it.each(TEXT_SCALES)('stacks header, content and legend inside the safe area at ×%s', (scale) => {
    for (const banner of [false, true]) {
      const frame = frameOf(scale, banner);
      expect(frame.content.y).toBeGreaterThan(SAFE.y + frame.headerHeight);
      expect(frame.content.y + frame.content.h).toBeLessThan(frame.legend.y);
      expect(frame.legend.y + frame.legend.h).toBe(SAFE.y + SAFE.h);
      expect(frame.content.x).toBe(SAFE.x);
      expect(frame.content.w).toBe(SAFE.w);
    }
  });

  it('makes room for the banner instead of covering the screen', () => {
    const without = frameOf(1, false);
    const withBanner = frameOf(1, true);
    expect(withBanner.banner.h).toBeGreaterThan(0);
    expect(withBanner.content.y).toBeGreaterThanOrEqual(withBanner.banner.y + withBanner.banner.h);
    expect(withBanner.content.h).toBeLessThan(without.content.h);
  });
});

describe('home grid', () => {
  const content = frameOf(1, false).content;

  it('has three columns at ×1 and two larger ones at ×1.25 and ×1.5', () => {
    const normal = homeGrid(6, 1, content.w, 700);
    const large = homeGrid(6, 1.25, content.w, 700);
    const veryLarge = homeGrid(6, 1.5, content.w, 700);
    expect([normal.columns, large.columns, veryLarge.columns]).toEqual([3, 2, 2]);
    expect(large.tileW).toBeGreaterThan(normal.tileW);
    expect(veryLarge.tileH).toBeGreaterThanOrEqual(large.tileH);
  });

  it('places tiles row by row inside the width, with room for the focus ring', () => {
    const grid = homeGrid(5, 1.25, content.w, 700);
    expect(grid.positions).toHaveLength(5);
    expect(grid.positions[0]).toEqual({ x: FOCUS_MARGIN, y: FOCUS_MARGIN });
    expect(grid.positions[1]?.y).toBe(FOCUS_MARGIN);
    expect(grid.positions[2]?.x).toBe(FOCUS_MARGIN);
    for (const { x } of grid.positions) expect(x + grid.tileW).toBeLessThanOrEqual(content.w - FOCUS_MARGIN);
  });

  it('grows tiles into free height, but never below the size the text needs', () => {
    const roomy = homeGrid(3, 1, content.w, 700);
    const cramped = homeGrid(3, 1, content.w, 100);
    expect(roomy.tileH).toBeGreaterThan(cramped.tileH);
    expect(cramped.tileH).toBeGreaterThanOrEqual(typography(1).tile * 2);
    expect(cramped.height).toBeGreaterThan(100);
  });

  it('moves focus with arrows and stops at the edges', () => {
    // 3 columns, 5 tiles:  0 1 2 / 3 4
    expect(moveInGrid(0, 5, 3, 'Left')).toBe(0);
    expect(moveInGrid(0, 5, 3, 'Right')).toBe(1);
    expect(moveInGrid(2, 5, 3, 'Right')).toBe(2);
    expect(moveInGrid(1, 5, 3, 'Down')).toBe(4);
    expect(moveInGrid(2, 5, 3, 'Down')).toBe(4);
    expect(moveInGrid(4, 5, 3, 'Down')).toBe(4);
    expect(moveInGrid(4, 5, 3, 'Up')).toBe(1);
    expect(moveInGrid(4, 5, 3, 'Right')).toBe(4);
    expect(moveInGrid(0, 3, 3, 'Down')).toBe(0);
  });
});

describe('list layout', () => {
  it.each(TEXT_SCALES)('makes rows taller with the text at ×%s and stacks them without overlap', (scale) => {
    const layout = listLayout([{ lines: 1 }, { lines: 2 }, { lines: 1 }], scale);
    expect(layout.rowHeights[1]).toBeGreaterThan(layout.rowHeights[0] ?? 0);
    for (let i = 1; i < 3; i++) {
      expect(layout.rowTops[i]).toBeGreaterThan(
        (layout.rowTops[i - 1] ?? 0) + (layout.rowHeights[i - 1] ?? 0),
      );
    }
    expect(layout.lineHeight).toBeGreaterThanOrEqual(typography(scale).body);
  });

  it('gives larger text taller rows', () => {
    const heights = TEXT_SCALES.map((scale) => listLayout([{ lines: 1 }], scale).rowHeights[0] ?? 0);
    expect(heights).toEqual([...heights].sort((a, b) => a - b));
    expect(new Set(heights).size).toBe(3);
  });
});

describe('scrolling', () => {
  it('does not move while the item is visible', () => {
    expect(scrollToShow(100, 100, 500, 2000, 0)).toBe(0);
  });

  it('moves just enough to show an item below or above, never past the ends', () => {
    expect(scrollToShow(600, 100, 500, 2000, 0)).toBe(600 + 100 + FOCUS_MARGIN - 500);
    expect(scrollToShow(200, 100, 500, 2000, 400)).toBe(200 - FOCUS_MARGIN);
    expect(scrollToShow(1900, 100, 500, 2000, 0)).toBe(1500);
    expect(scrollToShow(0, 100, 500, 300, 50)).toBe(0);
  });
});

describe('wrapping', () => {
  it('wraps at spaces, like Lightning', () => {
    expect(wrapLines('いま 窓口は あいています', 6 * 10, 10, false, squareMeasure)).toEqual([
      'いま 窓口は',
      'あいています',
    ]);
  });

  it('breaks a word that is wider than the line', () => {
    expect(wrapLines('あいうえおかきくけこ', 40, 10, false, squareMeasure)).toEqual([
      'あいうえ',
      'おかきく',
      'けこ',
    ]);
  });

  it('keeps explicit line breaks', () => {
    expect(wrapLines('a\nb', 1000, 10, false, squareMeasure)).toEqual(['a', 'b']);
  });
});

describe('wrapJapanese', () => {
  const measure = (text: string) => text.length * 10;

  it('never starts a line with 、 or 。, never ends one with 「', () => {
    const lines = wrapJapanese('あいうえおかきくけこ、さしすせそ。', 100, 10, false, measure);
    expect(lines).toEqual(['あいうえおかきくけ', 'こ、さしすせそ。']);
    expect(wrapJapanese('あいうえおかきくけ「こ」', 100, 10, false, measure)).toEqual([
      'あいうえおかきくけ',
      '「こ」',
    ]);
  });

  it('lets a long unspaced sentence fill the line after a short label', () => {
    expect(wrapJapanese('1   あいうえおかきくけこさしすせそ', 100, 10, false, measure)).toEqual([
      '1   あいうえおか',
      'きくけこさしすせそ',
    ]);
    // Short phrases still wrap at their spaces.
    expect(wrapJapanese('おみせの ひとに みせて', 100, 10, false, measure)).toEqual([
      'おみせの ひとに',
      'みせて',
    ]);
  });

  it('ends even when the width is narrower than one character', () => {
    const lines = wrapJapanese('。 1「1あ」あ1「 あ1。）あa。）。ー1', 5, 10, false, measure);
    expect(lines.join('').replace(/ /g, '')).toBe('。1「1あ」あ1「あ1。）あa。）。ー1');
  });

  it('keeps every line within the width', () => {
    const text = 'あ、'.repeat(40);
    for (const line of wrapJapanese(text, 100, 10, false, measure)) {
      expect(measure(line)).toBeLessThanOrEqual(100);
      expect(line.startsWith('、')).toBe(false);
    }
  });
});
