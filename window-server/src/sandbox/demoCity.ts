/** A city's name in the sandbox's demo texts: its tenant file's displayName. */
export interface CityName {
  ja: string;
  en: string;
}

/** The city the demo data was first written for, and the one a sandbox serves by default. */
export const OMURA: CityName = { ja: '大村市', en: 'Omura' };
