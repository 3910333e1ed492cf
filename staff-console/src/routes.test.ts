import { describe, expect, it } from 'vitest';
import { parseRoute, resolveRoute, routesFor } from './routes';

describe('routes', () => {
  it('parses hashes', () => {
    expect(parseRoute('#/accounts')).toBe('accounts');
    expect(parseRoute('#/devices?x=1')).toBe('devices');
    expect(parseRoute('')).toBeUndefined();
    expect(parseRoute('#/nope')).toBeUndefined();
  });

  it('offers the supervisor page to supervisors, staff accounts and the audit trail to admins only', () => {
    expect(routesFor('staff')).toEqual(['counter', 'devices']);
    expect(routesFor('supervisor')).toEqual(['counter', 'supervisor', 'devices']);
    expect(routesFor('admin')).toEqual([
      'counter',
      'supervisor',
      'devices',
      'fleet',
      'accounts',
      'audit',
      'city',
      'partners',
    ]);
  });

  it('offers the cable operator the fleet and nothing of the counter', () => {
    expect(routesFor('operator')).toEqual(['fleet']);
    expect(resolveRoute('', 'operator')).toBe('fleet');
    expect(resolveRoute('#/counter', 'operator')).toBe('fleet');
    expect(resolveRoute('#/devices', 'operator')).toBe('fleet');
    expect(resolveRoute('#/supervisor', 'operator')).toBe('fleet');
    expect(resolveRoute('#/fleet', 'operator')).toBe('fleet');
    expect(resolveRoute('#/fleet', 'admin')).toBe('fleet');
    expect(resolveRoute('#/fleet', 'supervisor')).toBe('counter');
    expect(resolveRoute('#/fleet', 'staff')).toBe('counter');
  });

  it('sends a role to the counter when it may not see the page asked for', () => {
    expect(resolveRoute('#/accounts', 'supervisor')).toBe('counter');
    expect(resolveRoute('#/accounts', 'admin')).toBe('accounts');
    expect(resolveRoute('#/audit', 'admin')).toBe('audit');
    expect(resolveRoute('#/audit', 'supervisor')).toBe('counter');
    expect(resolveRoute('#/partners', 'admin')).toBe('partners');
    expect(resolveRoute('#/partners', 'supervisor')).toBe('counter');
    expect(resolveRoute('#/city', 'admin')).toBe('city');
    expect(resolveRoute('#/city', 'supervisor')).toBe('counter');
    expect(resolveRoute('#/city', 'operator')).toBe('fleet');
    expect(resolveRoute('#/supervisor', 'staff')).toBe('counter');
    expect(resolveRoute('#/supervisor', 'supervisor')).toBe('supervisor');
    expect(resolveRoute('#/whatever', 'admin')).toBe('counter');
    expect(resolveRoute('', 'staff')).toBe('counter');
  });
});
