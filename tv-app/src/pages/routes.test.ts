import { describe, expect, it } from 'vitest';
import { MAX_TILES, homeTiles, humanRoute } from './routes';

describe('routes', () => {
  it('shows only services that have a screen, in the tenant order, at most six', () => {
    expect(homeTiles(['videoCounter', 'notices', 'hours', 'guide', 'settings'])).toEqual([
      'hours',
      'guide',
      'settings',
    ]);
    expect(homeTiles(['settings', 'hours'])).toEqual(['settings', 'hours']);
    expect(MAX_TILES).toBe(6);
  });

  it('sends the green key to the hours and phone number while there is no video counter screen', () => {
    expect(humanRoute(['videoCounter', 'hours'])).toBe('hours');
    expect(humanRoute(['settings'])).toBe('hours');
  });
});
