import { describe, expect, it } from 'vitest';
import { tenantBasePath, tenantFromPath, tenantIdSchema } from './tenantPath.js';

describe('tenantIdSchema', () => {
  it('takes lower-case ids of 2 to 32 characters that start with a letter', () => {
    for (const id of ['omura', 'minato', 'ab', 'city-2', `a${'b'.repeat(31)}`]) {
      expect(tenantIdSchema.safeParse(id).success, id).toBe(true);
    }
  });

  it('refuses anything else', () => {
    for (const id of [
      '',
      'a',
      'Omura',
      '2city',
      '-omura',
      'omu_ra',
      'omura/',
      'ōmura',
      `a${'b'.repeat(32)}`,
      7,
    ]) {
      expect(tenantIdSchema.safeParse(id).success, String(id)).toBe(false);
    }
  });
});

describe('tenant base path', () => {
  it('is /t/<id>', () => {
    expect(tenantBasePath('omura')).toBe('/t/omura');
  });

  it('reads the tenant and the rest from a path below the base', () => {
    expect(tenantFromPath('/t/omura/tv/hbbtv/')).toEqual({ tenant: 'omura', rest: '/tv/hbbtv/' });
    expect(tenantFromPath('/t/minato/staff/')).toEqual({ tenant: 'minato', rest: '/staff/' });
    expect(tenantFromPath('/t/omura/')).toEqual({ tenant: 'omura', rest: '/' });
    expect(tenantFromPath('/t/omura')).toEqual({ tenant: 'omura', rest: '/' });
    expect(tenantFromPath(`${tenantBasePath('city-2')}/api/v1/kpi`)).toEqual({
      tenant: 'city-2',
      rest: '/api/v1/kpi',
    });
  });

  it('is null for a path outside any tenant or with an id that is not one', () => {
    for (const path of [
      '/',
      '/tv/',
      '/staff/',
      '/t/',
      '/t//tv/',
      '/t/Omura/tv/',
      '/t/a/tv/',
      '/x/t/omura/',
      't/omura/',
    ]) {
      expect(tenantFromPath(path), path).toBeNull();
    }
  });
});
