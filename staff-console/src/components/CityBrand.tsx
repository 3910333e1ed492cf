import type { CityBranding } from '@madoguchi/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { useI18n } from '../i18n';

/** Whose counter this console is: `GET /api/v1/branding`, null until known (or unreachable). */
export const CityContext = createContext<CityBranding | null>(null);

export function useCity(): CityBranding | null {
  return useContext(CityContext);
}

/**
 * The city's logo and name before the product's: an officer signed in to two cities in two
 * tabs must see at a glance which one this is.
 */
export function CityBrand({ class: className }: { class: string }) {
  const city = useCity();
  const { t, language } = useI18n();
  return (
    <div class={`city-brand ${className}`} data-testid="city-brand">
      {city?.logoPath && (
        // Decorative: the name beside it says the same.
        <img
          class="city-brand__logo"
          src={city.logoPath}
          alt=""
          width={32}
          height={32}
          data-testid="city-logo"
        />
      )}
      {city && (
        <span class="city-brand__name" data-testid="city-name" data-city={city.id}>
          {city.displayName[language]}
        </span>
      )}
      <span class="city-brand__product">{t('staff.title')}</span>
    </div>
  );
}
