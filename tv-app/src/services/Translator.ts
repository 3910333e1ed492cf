import { createI18n, speechLanguageTag, TV_TEXTS, type Language } from '@madoguchi/shared';

type I18n = Awaited<ReturnType<typeof createI18n>>;
export type Params = Record<string, string | number>;

/** i18next behind a small interface: the app only needs `t`, objects, and the language. */
export class Translator {
  private constructor(private readonly i18n: I18n) {}

  static async create(language: Language): Promise<Translator> {
    return new Translator(await createI18n(language, TV_TEXTS));
  }

  get language(): Language {
    return this.i18n.language as Language;
  }

  get speechLang(): string {
    return speechLanguageTag(this.language);
  }

  async setLanguage(language: Language): Promise<void> {
    if (language !== this.language) await this.i18n.changeLanguage(language);
  }

  t(key: string, params?: Params): string {
    return this.i18n.t(key, params ?? {}) as string;
  }

  /** A value inside an i18n object whose keys contain dots (`settings.textSizeValue` → `'1.25'`). */
  pick(objectKey: string, key: string): string {
    const object = this.i18n.t(objectKey, { returnObjects: true }) as unknown;
    const value =
      typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : key;
  }
}
