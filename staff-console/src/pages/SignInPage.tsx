import type { AckError, StaffSessionInfo } from '@madoguchi/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiAckError, type ApiClient } from '../api';
import { CityBrand } from '../components/CityBrand';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { errorText } from '../format';
import { useI18n } from '../i18n';

interface SignInPageProps {
  api: ApiClient;
  /** Why the officer is here again (the session ended), shown above the form. */
  notice?: 'sessionEnded';
  /** An error from before the form was used, e.g. the server could not be reached at load. */
  initialError?: AckError;
  onSignedIn: (session: StaffSessionInfo) => void;
}

export function SignInPage({ api, notice, initialError, onSignedIn }: SignInPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [signingIn, setSigningIn] = useState(false);
  // Kept as a key or an error, not as text, so a language switch translates it too.
  const [problem, setProblem] = useState<AckError | 'required' | undefined>(initialError);
  const loginIdInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    loginIdInput.current?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (signingIn) return;
    if (loginId.trim() === '' || password === '') {
      setProblem('required');
      (loginId.trim() === '' ? loginIdInput : passwordInput).current?.focus();
      return;
    }
    setSigningIn(true);
    setProblem(undefined);
    try {
      const session = await api.login({ loginId: loginId.trim(), password });
      onSignedIn(session);
    } catch (error) {
      const ackError = apiAckError(error);
      setProblem(ackError);
      setSigningIn(false);
      if (ackError.code === 'LOGIN_FAILED') {
        setPassword('');
        passwordInput.current?.focus();
      }
    }
  };

  const problemText =
    problem === undefined
      ? ''
      : problem === 'required'
        ? t('staff.login.required')
        : errorText(i18n, problem);

  return (
    <div class="signin">
      <div class="signin__top">
        <CityBrand class="signin__brand" />
        <LanguageSwitch />
      </div>
      <main id="main" class="signin__card">
        <h1 class="signin__title">{t('staff.login.title')}</h1>
        {notice === 'sessionEnded' && (
          <p class="message message--info" role="status" data-testid="session-notice">
            {t('staff.sessionEnded')}
          </p>
        )}
        <div
          class={problemText ? 'message message--error' : 'message-slot'}
          role="alert"
          data-testid="login-error"
          data-error-code={
            problem === undefined ? undefined : problem === 'required' ? 'REQUIRED' : problem.code
          }
        >
          {problemText}
        </div>
        <form class="form" data-testid="login-form" noValidate onSubmit={submit}>
          <div class="field">
            <label for="login-id" class="field__label">
              {t('staff.login.loginId')}
            </label>
            <input
              ref={loginIdInput}
              id="login-id"
              name="username"
              class="field__input"
              type="text"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              maxLength={64}
              required
              value={loginId}
              aria-invalid={problem !== undefined && loginId.trim() === ''}
              data-testid="login-id"
              onInput={(event) => setLoginId(event.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="login-password" class="field__label">
              {t('staff.login.password')}
            </label>
            <input
              ref={passwordInput}
              id="login-password"
              name="password"
              class="field__input"
              type="password"
              autocomplete="current-password"
              maxLength={256}
              required
              value={password}
              data-testid="login-password"
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </div>
          <button
            type="submit"
            class="button button--primary button--wide"
            disabled={signingIn}
            aria-busy={signingIn}
            data-testid="login-submit"
          >
            {signingIn ? t('staff.login.signingIn') : t('staff.login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
