import { describe, expect, it } from 'vitest';
import { MAX_TILES, homeTiles, humanRoute } from './routes';

describe('routes', () => {
  it('shows only services that have a screen, in the tenant order, at most six', () => {
    expect(homeTiles(['videoCounter', 'notices', 'hours', 'guide', 'settings'])).toEqual([
      'videoCounter',
      'hours',
      'guide',
      'settings',
    ]);
    expect(homeTiles(['settings', 'hours'])).toEqual(['settings', 'hours']);
    expect(MAX_TILES).toBe(6);
  });

  it('sends the green key to the video counter when the city offers it, else to the hours and phone', () => {
    expect(humanRoute(['videoCounter', 'hours'])).toBe('videoCounter');
    expect(humanRoute(['hours', 'settings', 'videoCounter'])).toBe('videoCounter');
    expect(humanRoute(['settings'])).toBe('hours');
  });
});
