import { SERVICE_IDS } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { MAX_TILES, homeTiles, humanRoute, moreServices, routeOfService } from './routes';

describe('routes', () => {
  it('shows only services that have a screen, in the tenant order, when six or fewer', () => {
    expect(homeTiles(['videoCounter', 'notices', 'hours', 'guide', 'settings'])).toEqual([
      'videoCounter',
      'notices',
      'hours',
      'guide',
      'settings',
    ]);
    expect(homeTiles(['settings', 'hours'])).toEqual(['settings', 'hours']);
    expect(moreServices(['settings', 'hours'])).toEqual([]);
    expect(MAX_TILES).toBe(6);
  });

  it('has a screen for every service a tenant can list', () => {
    for (const service of SERVICE_IDS) expect(routeOfService(service), service).toBeDefined();
  });

  it('keeps six large tiles: the first five and 「そのほか」 for the rest, still in order', () => {
    const all = SERVICE_IDS;
    expect(homeTiles(all)).toEqual(['videoCounter', 'notices', 'wallet', 'mutualAid', 'childcare', 'more']);
    expect(moreServices(all)).toEqual(['hours', 'guide', 'settings']);
    const seven = ['settings', 'hours', 'guide', 'notices', 'wallet', 'mutualAid', 'childcare'] as const;
    expect(homeTiles(seven)).toEqual(['settings', 'hours', 'guide', 'notices', 'wallet', 'more']);
    expect(moreServices(seven)).toEqual(['mutualAid', 'childcare']);
    expect(homeTiles(all.slice(0, 6))).toEqual([...all.slice(0, 6)]);
  });

  it('sends the green key to the video counter when the city offers it, else to the hours and phone', () => {
    expect(humanRoute(['videoCounter', 'hours'])).toBe('videoCounter');
    expect(humanRoute(['hours', 'settings', 'videoCounter'])).toBe('videoCounter');
    expect(humanRoute(['settings'])).toBe('hours');
  });
});
