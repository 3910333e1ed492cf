import type { StaffAccount } from '@madoguchi/shared';
import { useI18n } from '../i18n';
import { routeHash, type Route } from '../routes';
import { CityBrand } from './CityBrand';
import { LanguageSwitch } from './LanguageSwitch';

interface HeaderProps {
  staff: StaffAccount;
  routes: readonly Route[];
  current: Route;
  signingOut: boolean;
  onSignOut: () => void;
}

const ROUTE_LABEL: Record<Route, string> = {
  counter: 'staff.nav.counter',
  supervisor: 'staff.nav.supervisor',
  devices: 'staff.nav.devices',
  fleet: 'staff.nav.fleet',
  accounts: 'staff.nav.accounts',
  audit: 'staff.nav.audit',
  city: 'staff.nav.city',
  partners: 'staff.nav.partners',
};

export function Header({ staff, routes, current, signingOut, onSignOut }: HeaderProps) {
  const { t } = useI18n();
  return (
    <header class="header">
      <CityBrand class="header__brand" />
      <nav class="header__nav" aria-label={t('staff.nav.menu')}>
        <ul>
          {routes.map((route) => (
            <li key={route}>
              <a
                href={routeHash(route)}
                class="header__link"
                aria-current={route === current ? 'page' : undefined}
                data-testid={`nav-${route}`}
              >
                {t(ROUTE_LABEL[route])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="header__tools">
        <p class="header__user" data-testid="current-staff" data-role={staff.role}>
          <span class="visually-hidden">{t('staff.signedInAs')}: </span>
          <span class="header__name">{staff.displayName}</span>
          <span class="role-badge">{t(`staff.role.${staff.role}`)}</span>
        </p>
        <LanguageSwitch />
        <button
          type="button"
          class="button button--on-dark"
          data-testid="nav-logout"
          disabled={signingOut}
          onClick={onSignOut}
        >
          {t('staff.nav.logout')}
        </button>
      </div>
    </header>
  );
}
