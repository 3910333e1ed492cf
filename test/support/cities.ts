import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tenants folder window-server ships: 大村市 and the fictional みなと市. */
export const BUNDLED_TENANTS_DIR = fileURLToPath(new URL('../../window-server/tenants/', import.meta.url));

const ALWAYS_OPEN = {
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
  ),
  closedOnPublicHolidays: false,
  closedDates: [],
};

/**
 * A copy of the bundled tenants folder with both cities open around the clock (a test runs at any
 * hour): `overrides` replaces top-level fields of a city's file, `extra` adds more cities' files.
 */
export function citiesFolder(
  options: { overrides?: Record<string, Record<string, unknown>>; extra?: Record<string, unknown>[] } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-cities-'));
  cpSync(BUNDLED_TENANTS_DIR, dir, { recursive: true });
  for (const id of ['omura', 'minato']) {
    const file = join(dir, `${id}.json`);
    const city = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...city, businessHours: ALWAYS_OPEN, ...options.overrides?.[id] }));
  }
  for (const city of options.extra ?? [])
    writeFileSync(join(dir, `${String(city.id)}.json`), JSON.stringify(city));
  return dir;
}
