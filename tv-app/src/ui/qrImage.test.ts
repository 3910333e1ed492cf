import { describe, expect, it } from 'vitest';
import { QUIET_ZONE_MODULES, qrImage, qrLayout } from './qrImage';

const URI = 'http://127.0.0.1:8181/link?code=BCDFGHJK';

describe('the QR code', () => {
  it('uses whole pixels per module and fits the room given, quiet zone included', () => {
    expect(qrLayout(29, 520)).toEqual({ modules: 37, scale: 14, size: 518 });
    expect(qrLayout(29, 20)).toEqual({ modules: 37, scale: 1, size: 37 });
  });

  it('is a PNG data URL of that size, large enough to read from a sofa', async () => {
    const image = await qrImage(URI, 520);
    expect(image.src.startsWith('data:image/png;base64,')).toBe(true);
    expect(image.size).toBeLessThanOrEqual(520);
    // Well over 10 pixels per module on a 1080p stage.
    expect(image.size / image.modules).toBeGreaterThanOrEqual(10);
    expect(image.modules).toBeGreaterThan(2 * QUIET_ZONE_MODULES + 20);
    const png = Buffer.from(image.src.slice('data:image/png;base64,'.length), 'base64');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBe(image.size);
    expect(png.readUInt32BE(20)).toBe(image.size);
  });
});
