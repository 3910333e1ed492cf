import { describe, expect, it } from 'vitest';
import { parseRoute, resolveRoute, routesFor } from './routes';

describe('routes', () => {
  it('parses hashes', () => {
    expect(parseRoute('#/accounts')).toBe('accounts');
    expect(parseRoute('#/devices?x=1')).toBe('devices');
    expect(parseRoute('')).toBeUndefined();
    expect(parseRoute('#/nope')).toBeUndefined();
  });

  it('offers staff accounts to admins only', () => {
    expect(routesFor('staff')).toEqual(['devices']);
    expect(routesFor('supervisor')).toEqual(['devices']);
    expect(routesFor('admin')).toEqual(['devices', 'accounts']);
  });

  it('sends a role to the default page when it may not see the one asked for', () => {
    expect(resolveRoute('#/accounts', 'supervisor')).toBe('devices');
    expect(resolveRoute('#/accounts', 'admin')).toBe('accounts');
    expect(resolveRoute('#/whatever', 'admin')).toBe('devices');
  });
});
