import { describe, expect, it } from 'vitest';
import { containsMyNumber, isMyNumber } from './identity.js';

describe('My Number check digit', () => {
  it('accepts the published sample number and refuses a wrong check digit', () => {
    // 123456789018 is the Digital Agency's sample; its check digit is 8.
    expect(isMyNumber('123456789018')).toBe(true);
    expect(isMyNumber('123456789010')).toBe(false);
    expect(isMyNumber('12345678901')).toBe(false);
  });

  it('finds one in free text, with spaces or hyphens between digits', () => {
    expect(containsMyNumber('番号は 1234 5678 9018 です')).toBe(true);
    expect(containsMyNumber('1234-5678-9018')).toBe(true);
    expect(containsMyNumber('口座 00123456789018 の件')).toBe(true);
  });

  it('leaves telephone numbers, dates and wrong check digits alone', () => {
    expect(containsMyNumber('0957-53-4111')).toBe(false);
    expect(containsMyNumber('2026-11-27 10:00')).toBe(false);
    expect(containsMyNumber('123456789010')).toBe(false);
    expect(containsMyNumber('')).toBe(false);
  });
});
