import { CONSOLE_LANGUAGES, useI18n } from '../i18n';

/** Always on screen: Japanese first, English one click away, remembered for the next visit. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div class="language-switch" role="group" aria-labelledby="language-switch-label">
      <span id="language-switch-label" class="language-switch__label">
        {t('staff.language')}
      </span>
      {CONSOLE_LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          class="language-switch__option"
          aria-pressed={language === option}
          data-testid={`lang-${option}`}
          onClick={() => setLanguage(option)}
        >
          {t(`settings.languageValue.${option}`)}
        </button>
      ))}
    </div>
  );
}
