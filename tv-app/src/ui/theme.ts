import {
  FOCUSED_SURFACE_LIGHTEN,
  colourContrastProblems,
  lighten,
  type TenantColours,
  type TextScale,
} from '@madoguchi/shared';

/** Dark navy, near-white text, yellow focus: every text pair here is ≥ 7:1 (TV-UX.md). */
export const DEFAULT_COLOURS: TenantColours = {
  background: '#0b1d3a',
  surface: '#173463',
  text: '#f5f7fa',
  focus: '#ffd23f',
  accent: '#3a7bd5',
};

/** The remote's colour keys, as they look on Japanese remotes. */
export const KEY_COLOURS = {
  blue: '#2f6bff',
  red: '#e53935',
  green: '#2eaa4a',
  yellow: '#f5c400',
} as const;

/** Banner for lost connection: dark text on amber (≈ 12:1). */
export const WARNING_COLOURS = { background: '#ffcc4d', text: '#10171f' } as const;

export interface Theme {
  background: number;
  surface: number;
  surfaceFocused: number;
  text: number;
  /** Text drawn on the focus colour (badges, the focused button). */
  textOnFocus: number;
  focus: number;
  accent: number;
  warningBackground: number;
  warningText: number;
  keys: Record<keyof typeof KEY_COLOURS, number>;
}

/** `#rrggbb` → Lightning's 0xAARRGGBB. */
export function argb(hex: string, alpha = 1): number {
  const rgb = Number.parseInt(hex.slice(1), 16);
  return ((Math.round(alpha * 255) << 24) | rgb) >>> 0;
}

/**
 * The tenant's colours when they keep text readable, else ours: a city's brand colours must
 * not cost an elderly viewer the ability to read. window-server refuses such a tenant file at
 * start-up already; this keeps a TV safe all the same (an older server, a cached tenant).
 */
export function readableColours(colours: TenantColours | undefined): TenantColours {
  if (!colours) return DEFAULT_COLOURS;
  return colourContrastProblems(colours).length === 0 ? colours : DEFAULT_COLOURS;
}

export function themeOf(tenantColours: TenantColours | undefined): Theme {
  const colours = readableColours(tenantColours);
  return {
    background: argb(colours.background),
    surface: argb(colours.surface),
    surfaceFocused: argb(lighten(colours.surface, FOCUSED_SURFACE_LIGHTEN)),
    text: argb(colours.text),
    textOnFocus: argb(colours.background),
    focus: argb(colours.focus),
    accent: argb(colours.accent),
    warningBackground: argb(WARNING_COLOURS.background),
    warningText: argb(WARNING_COLOURS.text),
    keys: {
      blue: argb(KEY_COLOURS.blue),
      red: argb(KEY_COLOURS.red),
      green: argb(KEY_COLOURS.green),
      yellow: argb(KEY_COLOURS.yellow),
    },
  };
}

/** Font sizes in stage pixels (1080p) for a text scale; nothing below 28 px (TV-UX.md). */
export interface Typography {
  title: number;
  body: number;
  tile: number;
  small: number;
  legend: number;
}

export function typography(scale: TextScale): Typography {
  return {
    title: Math.round(56 * scale),
    body: Math.round(38 * scale),
    tile: Math.round(46 * scale),
    small: Math.round(32 * scale),
    // The legend has four fixed columns; it grows less so it never wraps.
    legend: Math.round(32 * Math.min(scale, 1.25)),
  };
}

/** A Lightning colour (0xAARRGGBB) as CSS, without its alpha: for the page behind the canvas. */
export function cssColour(argbValue: number): string {
  return `#${(argbValue & 0xffffff).toString(16).padStart(6, '0')}`;
}
