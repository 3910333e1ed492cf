/**
 * Which demo data a city's sandbox shows. The fictional みなと市 has residents and places of its
 * own; 大村市, and any other city until it is given its own, has 大村市's (the data the demo
 * script and the tests were written for). What a demo text calls the city is the city's own name
 * (its tenant file's displayName), not the data set's.
 */
export type DemoSet = 'omura' | 'minato';

export function demoSetOf(tenantId: string): DemoSet {
  return tenantId === 'minato' ? 'minato' : 'omura';
}

/** A city's name in the sandbox's demo texts: its tenant file's displayName. */
export interface CityName {
  ja: string;
  en: string;
}

/** The city the demo data was first written for, and the one a sandbox serves by default. */
export const OMURA: CityName = { ja: '大村市', en: 'Omura' };

/** The city a sandbox partner serves: whose demo data it holds, and what its texts call the city. */
export interface DemoCity {
  set: DemoSet;
  name: CityName;
}

/** What a sandbox partner serves when nobody says otherwise. */
export const OMURA_DEMO: DemoCity = { set: 'omura', name: OMURA };

export function demoCityOf(tenantId: string, name: CityName): DemoCity {
  return { set: demoSetOf(tenantId), name };
}

/**
 * The towns (町) of the three demo households — the elderly couple (demo-0001, demo-0002), the
 * parent with two small children (demo-0003) and the young family (demo-0004, demo-0005) — where
 * their mutual-aid neighbours live too. A resident's area is the city's name and the town.
 */
export const DEMO_TOWNS: Record<DemoSet, { elders: string; parent: string; family: string }> = {
  omura: { elders: '西本町', parent: '久原', family: '竹松' },
  minato: { elders: '港町', parent: '汐見', family: '浜風台' },
};
