/**
 * Image cards: the TV accepts a PNG or JPEG data URL of at most IMAGE_DATA_URL_MAX characters
 * (the socket's message limit). A chosen file is sent as it is when it already fits; otherwise
 * it is redrawn in a canvas, smaller and as JPEG, until it does.
 */

export const IMAGE_DATA_URL_MAX = 48_000;

/** The longest side a card image needs: it is shown over the call on a 1280×720 or 1920×1080 TV. */
export const IMAGE_MAX_SIDE = 800;
/** Below this the picture is no longer worth sending. */
export const IMAGE_MIN_SIDE = 96;
export const JPEG_FIRST_QUALITY = 0.85;
export const JPEG_MIN_QUALITY = 0.45;
const QUALITY_STEP = 0.15;

const DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/;

/** A data URL the server takes as an image card. */
export function isCardImage(dataUrl: string): boolean {
  return dataUrl.length <= IMAGE_DATA_URL_MAX && DATA_URL.test(dataUrl);
}

/** Characters of a base64 data URL holding `bytes` bytes. */
export function dataUrlLength(bytes: number, mime: 'image/png' | 'image/jpeg'): number {
  return `data:${mime};base64,`.length + 4 * Math.ceil(Math.max(0, bytes) / 3);
}

/** Bytes a data URL holds (its base64 part, padding taken off). */
export function dataUrlBytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  const base64 = comma < 0 ? '' : dataUrl.slice(comma + 1);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

/** The size that keeps the aspect ratio with neither side above `maxSide` (never enlarged, at least 1×1). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

export interface Attempt {
  width: number;
  height: number;
  quality: number;
}

export function firstAttempt(width: number, height: number): Attempt {
  return { ...fitWithin(width, height, IMAGE_MAX_SIDE), quality: JPEG_FIRST_QUALITY };
}

/**
 * What to try after an encoding came out `length` characters long: nothing more when it fits
 * (`'fits'`) or cannot be made to (`'tooBig'`); else first a lower JPEG quality while the excess
 * is small, then a smaller picture, shrunk by about the square root of the excess (the size of a
 * JPEG grows with its pixel count), never by less than 10% so the search always ends.
 */
export function nextAttempt(
  previous: Attempt,
  length: number,
  limit = IMAGE_DATA_URL_MAX,
): Attempt | 'fits' | 'tooBig' {
  if (length <= limit) return 'fits';
  const ratio = limit / length;
  if (ratio > 0.6 && previous.quality > JPEG_MIN_QUALITY + 1e-9) {
    return { ...previous, quality: round2(Math.max(JPEG_MIN_QUALITY, previous.quality - QUALITY_STEP)) };
  }
  const shrink = Math.min(0.9, Math.max(0.3, Math.sqrt(ratio) * 0.95));
  const longest = Math.max(previous.width, previous.height);
  if (longest <= IMAGE_MIN_SIDE) return 'tooBig';
  const side = Math.max(IMAGE_MIN_SIDE, Math.floor(longest * shrink));
  return { ...fitWithin(previous.width, previous.height, side), quality: previous.quality };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface PreparedImage {
  dataUrl: string;
  width: number;
  height: number;
  /** The file was sent as it was (it already fitted). */
  original: boolean;
}

export type ImageProblem = 'notImage' | 'unreadable' | 'tooBig';

export class ImagePrepareError extends Error {
  override readonly name = 'ImagePrepareError';
  constructor(readonly problem: ImageProblem) {
    super(problem);
  }
}

/** Encoders, so the search can run without a browser. */
export interface ImageEncoder {
  /** The picture drawn at this size on white, as a JPEG data URL of this quality. */
  encode(attempt: Attempt): string;
}

/** Runs the attempts until one fits; gives up after a bounded number of encodings. */
export function shrinkToFit(width: number, height: number, encoder: ImageEncoder): PreparedImage {
  let attempt = firstAttempt(width, height);
  for (let tries = 0; tries < 24; tries += 1) {
    const dataUrl = encoder.encode(attempt);
    const next = nextAttempt(attempt, dataUrl.length);
    if (next === 'fits' && isCardImage(dataUrl)) {
      return { dataUrl, width: attempt.width, height: attempt.height, original: false };
    }
    if (next === 'tooBig' || next === 'fits') break;
    attempt = next;
  }
  throw new ImagePrepareError('tooBig');
}

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new ImagePrepareError('unreadable'));
    reader.readAsDataURL(file);
  });
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new ImagePrepareError('unreadable'));
    image.src = src;
  });
}

/** A chosen file as a card image (browser only: FileReader, Image and a canvas). */
export async function prepareCardImage(file: File): Promise<PreparedImage> {
  if (!file.type.startsWith('image/')) throw new ImagePrepareError('notImage');
  const source = await readAsDataUrl(file);
  const image = await loadImage(source);
  const width = image.naturalWidth;
  const height = image.naturalHeight;
  if (!(width > 0) || !(height > 0)) throw new ImagePrepareError('unreadable');
  const fits = fitWithin(width, height, IMAGE_MAX_SIDE);
  if (isCardImage(source) && fits.width === width && fits.height === height) {
    return { dataUrl: source, width, height, original: true };
  }
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new ImagePrepareError('unreadable');
  return shrinkToFit(width, height, {
    encode: ({ width: w, height: h, quality }) => {
      canvas.width = w;
      canvas.height = h;
      // JPEG has no transparency: what was transparent turns white, not black.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, w, h);
      context.imageSmoothingQuality = 'high';
      context.drawImage(image, 0, 0, w, h);
      return canvas.toDataURL('image/jpeg', quality);
    },
  });
}
