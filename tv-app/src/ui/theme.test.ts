import { FOCUSED_SURFACE_LIGHTEN, contrast, lighten } from '@madoguchi/shared';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOURS, KEY_COLOURS, WARNING_COLOURS, argb, readableColours, themeOf } from './theme';

describe('colours', () => {
  it('converts #rrggbb to Lightning ARGB', () => {
    expect(argb('#0b1d3a')).toBe(0xff0b1d3a);
    expect(argb('#ffffff', 0)).toBe(0x00ffffff);
  });

  it('keeps every default text pair at 7:1 or more', () => {
    const { text, background, surface, focus } = DEFAULT_COLOURS;
    expect(contrast(text, background)).toBeGreaterThanOrEqual(7);
    expect(contrast(text, surface)).toBeGreaterThanOrEqual(7);
    expect(contrast(text, lighten(surface, FOCUSED_SURFACE_LIGHTEN))).toBeGreaterThanOrEqual(7);
    // Focus colour: the focused value text and the badge digit (background colour on focus).
    expect(contrast(focus, background)).toBeGreaterThanOrEqual(7);
    expect(contrast(focus, lighten(surface, FOCUSED_SURFACE_LIGHTEN))).toBeGreaterThanOrEqual(7);
    expect(contrast(WARNING_COLOURS.text, WARNING_COLOURS.background)).toBeGreaterThanOrEqual(7);
  });

  it('uses a background that is dark navy, not black', () => {
    expect(DEFAULT_COLOURS.background).not.toBe('#000000');
    expect(contrast(DEFAULT_COLOURS.background, '#000000')).toBeGreaterThan(1.1);
  });

  it("keeps a tenant's colours when they are readable and refuses them when not", () => {
    const omura = {
      background: '#0b1f3a',
      surface: '#16335c',
      text: '#f5f7fa',
      focus: '#ffd23f',
      accent: '#2e7d32',
    };
    expect(readableColours(omura)).toBe(omura);
    expect(readableColours({ ...omura, text: '#8899aa' })).toBe(DEFAULT_COLOURS);
    expect(readableColours(undefined)).toBe(DEFAULT_COLOURS);
  });

  it('keeps the colours of every bundled demo city (else the TV would quietly show ours)', () => {
    const folder = new URL('../../../window-server/tenants/', import.meta.url);
    const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const name of files) {
      const { colours } = JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as {
        colours: Parameters<typeof readableColours>[0];
      };
      expect({ name, colours: readableColours(colours) }).toEqual({ name, colours });
    }
  });

  it('builds a theme with the colour keys of the remote', () => {
    const theme = themeOf(undefined);
    expect(theme.keys.blue).toBe(argb(KEY_COLOURS.blue));
    expect(theme.text).toBe(argb(DEFAULT_COLOURS.text));
  });
});
