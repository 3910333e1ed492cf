import type { AckError, CityBranding, StaffSessionInfo } from '@madoguchi/shared';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient, ApiError } from './api';
import { consoleBasePath } from './basePath';
import { CityContext } from './components/CityBrand';
import { I18nContext, storeLanguage, type ConsoleLanguage, type Translator } from './i18n';
import { SignInPage } from './pages/SignInPage';
import { SignedIn } from './SignedIn';

type AuthState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; notice?: 'sessionEnded'; error?: AckError }
  | { kind: 'signed-in'; session: StaffSessionInfo };

interface AppProps {
  translators: Record<ConsoleLanguage, Translator>;
  initialLanguage: ConsoleLanguage;
}

export function App({ translators, initialLanguage }: AppProps) {
  const [language, setLanguage] = useState<ConsoleLanguage>(initialLanguage);
  const [auth, setAuth] = useState<AuthState>({ kind: 'checking' });
  const [city, setCity] = useState<CityBranding | null>(null);

  const sessionEnded = useCallback(() => {
    setAuth((current) =>
      current.kind === 'signed-in' ? { kind: 'signed-out', notice: 'sessionEnded' } : current,
    );
  }, []);

  // A 401 on any call made with a session means the server has forgotten it: back to sign-in.
  // Every call goes below the city's base, read from where the console is served.
  const api = useMemo(
    () => new ApiClient({ baseUrl: consoleBasePath(location.pathname), onUnauthenticated: sessionEnded }),
    [sessionEnded],
  );

  useEffect(() => {
    void api.branding().then(setCity);
  }, [api]);

  useEffect(() => {
    api.session().then(
      (session) => setAuth(session ? { kind: 'signed-in', session } : { kind: 'signed-out' }),
      (error: unknown) =>
        setAuth({ kind: 'signed-out', error: error instanceof ApiError ? error.toAckError() : undefined }),
    );
  }, [api]);

  const translator = translators[language];
  useEffect(() => {
    document.documentElement.lang = language;
    const product = translator.t('staff.title');
    document.title = city ? `${city.displayName[language]} — ${product}` : product;
  }, [language, city, translator]);

  const i18n = useMemo(
    () => ({
      ...translator,
      setLanguage: (next: ConsoleLanguage) => {
        storeLanguage(globalThis.localStorage, next);
        setLanguage(next);
      },
    }),
    [translator],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <CityContext.Provider value={city}>
        {auth.kind === 'checking' && (
          <p class="boot" role="status">
            {translator.t('staff.loading')}
          </p>
        )}
        {auth.kind === 'signed-out' && (
          <SignInPage
            // A fresh form (and focus on the login id) every time the officer is sent back here.
            key={auth.notice ?? 'signin'}
            api={api}
            notice={auth.notice}
            initialError={auth.error}
            onSignedIn={(session) => setAuth({ kind: 'signed-in', session })}
          />
        )}
        {auth.kind === 'signed-in' && (
          <SignedIn
            api={api}
            session={auth.session}
            onSessionEnded={sessionEnded}
            onSignedOut={() => setAuth({ kind: 'signed-out' })}
          />
        )}
      </CityContext.Provider>
    </I18nContext.Provider>
  );
}
