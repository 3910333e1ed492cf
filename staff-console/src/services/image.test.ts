import { describe, expect, it } from 'vitest';
import {
  IMAGE_DATA_URL_MAX,
  IMAGE_MAX_SIDE,
  IMAGE_MIN_SIDE,
  ImagePrepareError,
  JPEG_MIN_QUALITY,
  dataUrlBytes,
  dataUrlLength,
  firstAttempt,
  fitWithin,
  isCardImage,
  nextAttempt,
  shrinkToFit,
  type Attempt,
} from './image';

/** A fake encoder: a JPEG of about `bytesPerPixel × quality` bytes per pixel. */
function fakeEncoder(bytesPerPixel: number) {
  const attempts: Attempt[] = [];
  return {
    attempts,
    encode(attempt: Attempt): string {
      attempts.push(attempt);
      const bytes = Math.round(attempt.width * attempt.height * bytesPerPixel * attempt.quality);
      return `data:image/jpeg;base64,${'A'.repeat(4 * Math.ceil(bytes / 3))}`;
    },
  };
}

describe('image sizes', () => {
  it('fits a picture within a square, keeping its shape and never enlarging it', () => {
    expect(fitWithin(4000, 3000, 800)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1080, 1920, 800)).toEqual({ width: 450, height: 800 });
    expect(fitWithin(300, 200, 800)).toEqual({ width: 300, height: 200 });
    expect(fitWithin(10_000, 1, 800)).toEqual({ width: 800, height: 1 });
    expect(fitWithin(0, 100, 800)).toEqual({ width: 0, height: 0 });
  });

  it('counts data URL characters the way base64 does', () => {
    expect(dataUrlLength(3, 'image/jpeg')).toBe('data:image/jpeg;base64,'.length + 4);
    expect(dataUrlLength(4, 'image/png')).toBe('data:image/png;base64,'.length + 8);
    // The byte budget of an image card.
    const budget = Math.floor((IMAGE_DATA_URL_MAX - 'data:image/jpeg;base64,'.length) / 4) * 3;
    expect(dataUrlLength(budget, 'image/jpeg')).toBeLessThanOrEqual(IMAGE_DATA_URL_MAX);
    expect(dataUrlLength(budget + 1, 'image/jpeg')).toBeGreaterThan(IMAGE_DATA_URL_MAX);
    expect(dataUrlBytes('data:image/png;base64,QUJD')).toBe(3);
    expect(dataUrlBytes('data:image/png;base64,QUI=')).toBe(2);
  });

  it('accepts only PNG and JPEG data URLs within the limit', () => {
    expect(isCardImage('data:image/png;base64,QUJD')).toBe(true);
    expect(isCardImage('data:image/gif;base64,QUJD')).toBe(false);
    expect(isCardImage(`data:image/jpeg;base64,${'A'.repeat(IMAGE_DATA_URL_MAX)}`)).toBe(false);
  });
});

describe('shrinking to fit', () => {
  it('starts at most IMAGE_MAX_SIDE wide and tall', () => {
    expect(firstAttempt(4000, 3000)).toMatchObject({ width: IMAGE_MAX_SIDE, height: 600 });
  });

  it('stops when it fits', () => {
    expect(nextAttempt({ width: 800, height: 600, quality: 0.85 }, 47_999)).toBe('fits');
  });

  it('lowers the quality first when it is a little too big, then the size', () => {
    const a: Attempt = { width: 800, height: 600, quality: 0.85 };
    const b = nextAttempt(a, 60_000);
    expect(b).toEqual({ width: 800, height: 600, quality: 0.7 });
    const c = nextAttempt({ ...a, quality: JPEG_MIN_QUALITY }, 60_000);
    expect(c).not.toBe('fits');
    if (typeof c === 'string') throw new Error('expected a smaller attempt');
    expect(c.width).toBeLessThan(800);
    expect(c.width / c.height).toBeCloseTo(800 / 600, 1);
  });

  it('shrinks by about the square root of the excess when far too big', () => {
    const next = nextAttempt({ width: 800, height: 800, quality: 0.85 }, 4 * IMAGE_DATA_URL_MAX);
    if (typeof next === 'string') throw new Error('expected a smaller attempt');
    expect(next.width).toBe(380);
  });

  it('gives up below the smallest side', () => {
    expect(nextAttempt({ width: IMAGE_MIN_SIDE, height: 50, quality: JPEG_MIN_QUALITY }, 100_000)).toBe(
      'tooBig',
    );
  });

  it('finds a size that fits for a big photo, in a few encodings', () => {
    const encoder = fakeEncoder(0.5);
    const image = shrinkToFit(4032, 3024, encoder);
    expect(image.dataUrl.length).toBeLessThanOrEqual(IMAGE_DATA_URL_MAX);
    expect(image.width).toBeLessThanOrEqual(IMAGE_MAX_SIDE);
    expect(image.width / image.height).toBeCloseTo(4032 / 3024, 1);
    expect(encoder.attempts.length).toBeLessThan(10);
    // It does not shrink more than needed: the last but one attempt was too big.
    expect(image.width).toBeGreaterThan(200);
  });

  it('says so when nothing fits', () => {
    expect(() => shrinkToFit(4000, 4000, fakeEncoder(100))).toThrow(ImagePrepareError);
  });
});
