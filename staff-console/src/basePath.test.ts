import { describe, expect, it } from 'vitest';
import { consoleBasePath } from './basePath';

describe('consoleBasePath', () => {
  it("is the city's base when served below /t/<tenant>/staff/", () => {
    expect(consoleBasePath('/t/omura/staff/')).toBe('/t/omura');
    expect(consoleBasePath('/t/minato/staff/index.html')).toBe('/t/minato');
    // A city may be called "staff": the last /staff/ is the console's.
    expect(consoleBasePath('/t/staff/staff/')).toBe('/t/staff');
  });

  it('keeps whatever comes before /staff/ (a proxy that mounts the server under a path)', () => {
    expect(consoleBasePath('/madoguchi/t/omura/staff/')).toBe('/madoguchi/t/omura');
  });

  it("is '' at /staff/ itself or anywhere else (the dev server at /)", () => {
    expect(consoleBasePath('/staff/')).toBe('');
    expect(consoleBasePath('/staff/index.html')).toBe('');
    expect(consoleBasePath('/')).toBe('');
    expect(consoleBasePath('/index.html')).toBe('');
    expect(consoleBasePath('/t/omura/staff')).toBe('');
  });
});
