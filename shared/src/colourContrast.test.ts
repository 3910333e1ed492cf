import { describe, expect, it } from 'vitest';
import {
  FOCUSED_SURFACE_LIGHTEN,
  MIN_TEXT_CONTRAST,
  colourContrastProblems,
  contrast,
  lighten,
  luminance,
} from './colourContrast.js';

/** 大村市's colours: every text pair is readable. */
const OMURA = {
  background: '#0b1f3a',
  surface: '#16335c',
  text: '#f5f7fa',
  focus: '#ffd23f',
  accent: '#2e7d32',
};

describe('WCAG colour arithmetic', () => {
  it('gives white on black 21:1 and a colour on itself 1:1, either way round', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBeCloseTo(1, 5);
    expect(luminance('#ffffff')).toBeCloseTo(1, 5);
    expect(luminance('#000000')).toBe(0);
  });

  it('lightens towards white', () => {
    expect(lighten('#000000', 0.5)).toBe('#808080');
    expect(lighten('#16335c', 0)).toBe('#16335c');
    expect(lighten('#16335c', 1)).toBe('#ffffff');
  });
});

describe('colourContrastProblems', () => {
  it("finds nothing wrong with white on black (21:1), or with 大村市's colours", () => {
    expect(
      colourContrastProblems({
        background: '#000000',
        surface: '#000000',
        text: '#ffffff',
        focus: '#ffffff',
        accent: '#ff0000',
      }),
    ).toEqual([]);
    expect(colourContrastProblems(OMURA)).toEqual([]);
  });

  it('names each pair a grey text on navy fails, with the contrast it has and needs', () => {
    const problems = colourContrastProblems({ ...OMURA, text: '#8899aa' });
    expect(problems.map(({ field, against, needed }) => ({ field, against, needed }))).toEqual([
      { field: 'text', against: 'background', needed: MIN_TEXT_CONTRAST },
      { field: 'text', against: 'surface', needed: MIN_TEXT_CONTRAST },
      { field: 'text', against: 'focusedSurface', needed: MIN_TEXT_CONTRAST },
    ]);
    expect(problems[0]?.ratio).toBeCloseTo(5.65, 2);
    expect(problems[0]?.ratio).toBeCloseTo(contrast('#8899aa', OMURA.background), 10);
    expect(problems[2]?.ratio).toBeCloseTo(
      contrast('#8899aa', lighten(OMURA.surface, FOCUSED_SURFACE_LIGHTEN)),
      10,
    );
  });

  it('checks the focus colour on a focused card and background-coloured digits on the focus colour', () => {
    // A focus colour close to the surface: unreadable as focused text and behind the badge digits.
    const problems = colourContrastProblems({ ...OMURA, focus: '#3a5a8a' });
    expect(problems.map(({ field, against }) => [field, against])).toEqual([
      ['focus', 'focusedSurface'],
      ['background', 'focus'],
    ]);
    for (const problem of problems) expect(problem.ratio).toBeLessThan(MIN_TEXT_CONTRAST);
  });

  it('takes the accent colour as it is: no text is drawn on it', () => {
    expect(colourContrastProblems({ ...OMURA, accent: OMURA.background })).toEqual([]);
  });

  it('counts a colour that is not #rrggbb as unreadable', () => {
    expect(colourContrastProblems({ ...OMURA, text: 'white' }).map((p) => p.against)).toEqual([
      'background',
      'surface',
      'focusedSurface',
    ]);
  });
});
