import i18next, { type i18n as I18n } from 'i18next';
import type { Language } from '../settings.js';
import { en } from './en.js';
import { ja, type Resources } from './ja.js';
import { jaEasy } from './ja-easy.js';
import { staffEn } from './staff-en.js';
import { staffJa, type StaffResources } from './staff-ja.js';
import { tvEn } from './tv-en.js';
import { tvJa, type TvResources } from './tv-ja.js';
import { tvJaEasy } from './tv-ja-easy.js';

export type { Resources, StaffResources, TvResources };
export { ja, en, jaEasy };

/**
 * Texts only one app shows, by language, under their own top-level key. Each app passes its
 * own to `createI18n`, so the TV app does not ship the console's texts nor the console the TV's.
 * A language a bundle leaves out falls back to Japanese.
 */
export type TextBundle = Partial<Record<Language, Record<string, unknown>>>;

/** The staff console's texts (`staff.*`). */
export const STAFF_TEXTS = { ja: { staff: staffJa }, en: { staff: staffEn } } satisfies TextBundle;

/** The TV app's own texts (`tvApp.*`). */
export const TV_TEXTS = {
  ja: { tvApp: tvJa },
  en: { tvApp: tvEn },
  'ja-easy': { tvApp: tvJaEasy },
} satisfies TextBundle;

const COMMON: Record<Language, Resources> = { ja, en, 'ja-easy': jaEasy };

/**
 * A fresh i18next instance with the texts every app shares (errors, counter, phone…) in every
 * language, and the app's own bundles. Missing keys fall back to Japanese, the language every
 * text is written in first.
 */
export async function createI18n(language: Language = 'ja', ...bundles: TextBundle[]): Promise<I18n> {
  const translation = (lang: Language): Record<string, unknown> =>
    Object.assign({}, COMMON[lang], ...bundles.map((bundle) => bundle[lang] ?? {})) as Record<
      string,
      unknown
    >;
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'ja',
    supportedLngs: ['ja', 'en', 'ja-easy'],
    lowerCaseLng: true,
    load: 'currentOnly',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    resources: {
      ja: { translation: translation('ja') },
      en: { translation: translation('en') },
      'ja-easy': { translation: translation('ja-easy') },
    },
  });
  return instance;
}

/** BCP 47 tag for speech synthesis and `<html lang>`. */
export function speechLanguageTag(language: Language): string {
  return language === 'en' ? 'en-US' : 'ja-JP';
}
