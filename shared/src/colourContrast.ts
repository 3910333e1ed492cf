import type { TenantColours } from './tenant.js';

/**
 * Colour arithmetic for a city's brand colours (WCAG 2), in one place so the TV that draws them
 * and the server that reads the tenant file judge them alike.
 */

/** Text pairs need at least 7:1 (WCAG AAA): elderly viewers read them across a room. */
export const MIN_TEXT_CONTRAST = 7;

/** A focused card is a little lighter than the others (the ring is the main sign). */
export const FOCUSED_SURFACE_LIGHTEN = 0.05;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const rgb = Number.parseInt(hex.slice(1), 16);
  return (
    0.2126 * channel((rgb >> 16) & 255) + 0.7152 * channel((rgb >> 8) & 255) + 0.0722 * channel(rgb & 255)
  );
}

/** WCAG contrast ratio, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Mix `#rrggbb` towards white by `amount` (0–1). */
export function lighten(hex: string, amount: number): string {
  const rgb = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const value = (mix((rgb >> 16) & 255) << 16) | (mix((rgb >> 8) & 255) << 8) | mix(rgb & 255);
  return `#${value.toString(16).padStart(6, '0')}`;
}

/** A colour a pair is measured against: one of the tenant's, or the surface of a focused card. */
export type ContrastCounterpart = keyof TenantColours | 'focusedSurface';

/** A pair of a tenant's colours with too little contrast to read. */
export interface ColourContrastProblem {
  /** The colour drawn (text, or focus-coloured text, or background-coloured digits). */
  field: keyof TenantColours;
  /** What it is drawn on. */
  against: ContrastCounterpart;
  /** The contrast it has, 1 to 21. */
  ratio: number;
  /** The contrast it needs. */
  needed: number;
}

/** Every pair the TV draws text with: [the colour drawn, what it is drawn on]. */
const TEXT_PAIRS: readonly (readonly [keyof TenantColours, ContrastCounterpart])[] = [
  ['text', 'background'],
  ['text', 'surface'],
  ['text', 'focusedSurface'],
  // Focus-coloured text: the focused value on a focused card; background-coloured digits on it.
  ['focus', 'focusedSurface'],
  ['background', 'focus'],
];

/**
 * The pairs of `colours` that text is drawn with and that fall below {@link MIN_TEXT_CONTRAST};
 * none when every text stays readable. A colour that is not `#rrggbb` fails every pair it is in.
 */
export function colourContrastProblems(colours: TenantColours): ColourContrastProblem[] {
  const shade = (name: ContrastCounterpart): string =>
    name === 'focusedSurface' ? lighten(colours.surface, FOCUSED_SURFACE_LIGHTEN) : colours[name];
  const problems: ColourContrastProblem[] = [];
  for (const [field, against] of TEXT_PAIRS) {
    const ratio = contrast(shade(field), shade(against));
    // Written so that NaN (a colour that is not #rrggbb) counts as unreadable.
    if (!(ratio >= MIN_TEXT_CONTRAST)) problems.push({ field, against, ratio, needed: MIN_TEXT_CONTRAST });
  }
  return problems;
}
