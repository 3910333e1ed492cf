/** ISO/IEC 18004 asks for four modules of light margin round the symbol. */
export const QUIET_ZONE_MODULES = 4;

export interface QrImage {
  /** A PNG data URL, for a Lightning image texture. */
  src: string;
  /** Width and height in pixels, quiet zone included. */
  size: number;
  /** Modules per side, quiet zone included. */
  modules: number;
}

/**
 * The largest whole number of pixels per module that keeps the image within `maxPx`: whole
 * pixels keep every module's edge sharp, which phone cameras read best from across a room.
 */
export function qrLayout(
  symbolModules: number,
  maxPx: number,
): { modules: number; scale: number; size: number } {
  const modules = symbolModules + 2 * QUIET_ZONE_MODULES;
  const scale = Math.max(1, Math.floor(maxPx / modules));
  return { modules, scale, size: modules * scale };
}

/**
 * Black on white (the highest contrast a camera can have), with the quiet zone. The encoder is
 * loaded on first use: only the sign-in screen needs it, and start-up stays as fast as before.
 */
export async function qrImage(text: string, maxPx: number): Promise<QrImage> {
  const { create, toDataURL } = await import('qrcode');
  const { modules, scale, size } = qrLayout(create(text, { errorCorrectionLevel: 'M' }).modules.size, maxPx);
  const src = await toDataURL(text, {
    errorCorrectionLevel: 'M',
    margin: QUIET_ZONE_MODULES,
    scale,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  return { src, size, modules };
}
