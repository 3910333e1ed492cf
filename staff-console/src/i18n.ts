import { createI18n, STAFF_TEXTS } from '@madoguchi/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Staff screens are written in Japanese and English; やさしい日本語 is for citizens on the TV. */
export const CONSOLE_LANGUAGES = ['ja', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'madoguchi.staff.language';

export type TranslateParams = Record<string, string | number>;

/** The part of i18next the screens use. */
export interface Translator {
  language: ConsoleLanguage;
  t: (key: string, params?: TranslateParams) => string;
  exists: (key: string) => boolean;
}

export function isConsoleLanguage(value: unknown): value is ConsoleLanguage {
  return typeof value === 'string' && (CONSOLE_LANGUAGES as readonly string[]).includes(value);
}

/** Japanese unless the officer chose English before; storage may be unavailable (private mode). */
export function readStoredLanguage(storage: Pick<Storage, 'getItem'> | undefined): ConsoleLanguage {
  try {
    const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isConsoleLanguage(stored) ? stored : 'ja';
  } catch {
    return 'ja';
  }
}

export function storeLanguage(
  storage: Pick<Storage, 'setItem'> | undefined,
  language: ConsoleLanguage,
): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is harmless: the console still switches for this visit.
  }
}

/** One translator per language, so a switch re-renders everything with the new texts. */
export async function createTranslators(): Promise<Record<ConsoleLanguage, Translator>> {
  const entries = await Promise.all(
    CONSOLE_LANGUAGES.map(async (language) => {
      const i18n = await createI18n(language, STAFF_TEXTS);
      const translator: Translator = {
        language,
        t: (key, params) => i18n.t(key, params ?? {}),
        exists: (key) => i18n.exists(key),
      };
      return [language, translator] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ConsoleLanguage, Translator>;
}

export interface I18nContextValue extends Translator {
  setLanguage: (language: ConsoleLanguage) => void;
}

export const I18nContext = createContext<I18nContextValue | null>(null);

export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nContext');
  return value;
}
