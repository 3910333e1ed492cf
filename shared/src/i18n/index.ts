import i18next, { type i18n as I18n } from 'i18next';
import type { Language } from '../settings.js';
import { en } from './en.js';
import { ja, type Resources } from './ja.js';
import { jaEasy } from './ja-easy.js';

export type { Resources };
export { ja, en, jaEasy };

export const RESOURCES: Record<Language, Resources> = { ja, en, 'ja-easy': jaEasy };

/**
 * A fresh i18next instance with every language loaded. Missing keys fall back to Japanese,
 * the language every text is written in first.
 */
export async function createI18n(language: Language = 'ja'): Promise<I18n> {
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
      ja: { translation: ja },
      en: { translation: en },
      'ja-easy': { translation: jaEasy },
    },
  });
  return instance;
}

/** BCP 47 tag for speech synthesis and `<html lang>`. */
export function speechLanguageTag(language: Language): string {
  return language === 'en' ? 'en-US' : 'ja-JP';
}
