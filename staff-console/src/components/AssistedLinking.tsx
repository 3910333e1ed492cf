import { IDENTITY_CHECKS, type AckError, type CitizenSearch, type DirectoryCitizen } from '@madoguchi/shared';
import { useRef, useState } from 'preact/hooks';
import {
  NO_CHECKS,
  assistProblemText,
  type AssistAttempt,
  isRequiredCheck,
  linkChecks,
  missingChecks,
  parseBirthDate,
  searchPayload,
  type IdentityChecks,
  type SearchProblem,
} from '../citizen';
import { useToday } from '../clock';
import { useConsole } from '../context';
import { useI18n } from '../i18n';
import { request, toAckError, type StaffReply } from '../staffRequest';
import { BirthDate } from './CitizenCard';
import { ConfirmDialog } from './ConfirmDialog';
import { DataTable } from './DataTable';
import { Icon } from './Icon';
import { ErrorMessage } from './ErrorMessage';

type Linked = StaffReply<'citizen:link'>;

interface AssistedLinkingProps {
  consultationId: string;
  onLinked: (linked: Linked) => void;
}

/**
 * Staff-assisted linking for a citizen without a smartphone: the officer confirms who is on
 * the call (a checklist), finds them in the provider's directory and links this TV to them.
 * The server audits it; supervisors see it listed.
 */
export function AssistedLinking({ consultationId, onLinked }: AssistedLinkingProps) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { socket } = useConsole();
  const [open, setOpen] = useState(false);
  const [checks, setChecks] = useState<IdentityChecks>(NO_CHECKS);
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [searching, setSearching] = useState(false);
  const [found, setFound] = useState<{ query: CitizenSearch; results: DirectoryCitizen[] } | null>(null);
  const [chosen, setChosen] = useState<DirectoryCitizen | null>(null);
  const [linking, setLinking] = useState(false);
  const [done, setDone] = useState<Linked | null>(null);
  const [problem, setProblem] = useState<{ error: AckError; attempt: AssistAttempt } | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  const today = useToday();
  const form = searchPayload(consultationId, name, birthDate, today);
  const problems: SearchProblem[] = submitted && !form.ok ? form.problems : [];
  const parsedBirthDate = birthDate.trim() ? parseBirthDate(birthDate, today) : null;
  const ready = linkChecks(checks);
  const missing = missingChecks(checks);
  const separator = language === 'ja' ? '・' : ', ';

  const search = async (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    if (!form.ok) {
      const first = form.problems[0] === 'birthDateInvalid' ? 'assist-birth-date' : 'assist-name';
      document.getElementById(first)?.focus();
      return;
    }
    setSearching(true);
    setProblem(null);
    setDone(null);
    try {
      const answer = await request(socket, 'citizen:search', form.payload);
      setFound({ query: form.payload, results: Array.isArray(answer.results) ? answer.results : [] });
      // The results are the next step: take the keyboard there.
      setTimeout(() => resultsRef.current?.focus(), 0);
    } catch (error) {
      setFound(null);
      setProblem({ error: toAckError(error), attempt: 'search' });
    } finally {
      setSearching(false);
    }
  };

  const link = async () => {
    const citizen = chosen;
    if (!citizen || !ready || linking) return;
    setLinking(true);
    setProblem(null);
    try {
      const linked = await request(socket, 'citizen:link', {
        consultationId,
        ref: citizen.ref,
        checks: ready,
      });
      setChosen(null);
      setDone(linked);
      // The next person starts with a fresh check.
      setChecks(NO_CHECKS);
      setFound(null);
      setName('');
      setBirthDate('');
      setSubmitted(false);
      onLinked(linked);
      setTimeout(() => doneRef.current?.focus(), 0);
    } catch (error) {
      setChosen(null);
      setProblem({ error: toAckError(error), attempt: 'link' });
    } finally {
      setLinking(false);
    }
  };

  return (
    <div class={`assist${open ? ' assist--open' : ''}`} data-testid="assist">
      <button
        type="button"
        class="assist__toggle"
        aria-expanded={open}
        aria-controls="assist-body"
        data-testid="assist-open"
        data-open={String(open)}
        onClick={() => setOpen(!open)}
      >
        <span class="assist__chevron" aria-hidden="true" />
        {t('staff.assist.open')}
      </button>

      {open && (
        <div id="assist-body" class="assist__body">
          <p class="assist__lead">{t('staff.assist.lead')}</p>

          {done && (
            <div
              ref={doneRef}
              tabIndex={-1}
              class="message message--success"
              role="status"
              data-testid="assist-done"
              data-citizen-id={done.citizenId}
            >
              {t('staff.assist.done', { name: done.displayName })}
            </div>
          )}
          {problem && (
            <ErrorMessage
              error={problem.error}
              testId="assist-error"
              text={assistProblemText(i18n, problem.error, problem.attempt)}
            />
          )}

          <fieldset class="assist__step assist__checks">
            <legend class="assist__step-title">{t('staff.assist.checksTitle')}</legend>
            <p class="field__hint">{t('staff.assist.checksHint')}</p>
            <ul class="checklist">
              {IDENTITY_CHECKS.map((check) => {
                const required = isRequiredCheck(check);
                return (
                  <li key={check}>
                    <label class={`check${checks[check] ? ' check--on' : ''}`}>
                      <input
                        type="checkbox"
                        class="check__box"
                        data-testid={`assist-check-${check}`}
                        checked={checks[check]}
                        onChange={(event) => setChecks({ ...checks, [check]: event.currentTarget.checked })}
                      />
                      <span class="check__label">{t(`staff.assist.check.${check}`)}</span>
                      <span class={`check__tag check__tag--${required ? 'required' : 'optional'}`}>
                        {required ? t('staff.assist.required') : t('staff.assist.optional')}
                      </span>
                      <span class="check__hint">{t(`staff.assist.checkHint.${check}`)}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
            <p
              id="assist-checks-status"
              class={`assist__status assist__status--${ready ? 'ready' : 'missing'}`}
              aria-live="polite"
              data-testid="assist-checks-status"
              data-ready={String(ready !== null)}
            >
              <Icon name={ready ? 'check' : 'lock'} size={18} />
              {ready
                ? t('staff.assist.checksReady')
                : t('staff.assist.checksMissing', {
                    items: missing.map((check) => t(`staff.assist.check.${check}`)).join(separator),
                  })}
            </p>
          </fieldset>

          <form class="assist__step assist__search" onSubmit={(event) => void search(event)} noValidate>
            <h4 class="assist__step-title">{t('staff.assist.searchTitle')}</h4>
            <div class="assist__fields">
              <div class="field">
                <label class="field__label" for="assist-name">
                  {t('staff.assist.name')}
                </label>
                <input
                  id="assist-name"
                  class="field__input"
                  data-testid="assist-search-name"
                  autocomplete="off"
                  value={name}
                  maxLength={200}
                  aria-invalid={problems.includes('nameMissing') || problems.includes('nameTooLong')}
                  aria-describedby={problems.length > 0 ? 'assist-name-error' : undefined}
                  onInput={(event) => setName(event.currentTarget.value)}
                />
                {(problems.includes('nameMissing') || problems.includes('nameTooLong')) && (
                  <p id="assist-name-error" class="field__error">
                    {problems.includes('nameMissing')
                      ? t('staff.assist.nameMissing')
                      : t('staff.assist.nameTooLong', { max: 100 })}
                  </p>
                )}
              </div>
              <div class="field">
                <label class="field__label" for="assist-birth-date">
                  {t('staff.assist.birthDate')}
                </label>
                <input
                  id="assist-birth-date"
                  class="field__input"
                  data-testid="assist-search-birthDate"
                  autocomplete="off"
                  inputMode="text"
                  value={birthDate}
                  aria-invalid={problems.includes('birthDateInvalid')}
                  aria-describedby="assist-birth-date-hint"
                  onInput={(event) => setBirthDate(event.currentTarget.value)}
                />
                <p
                  id="assist-birth-date-hint"
                  class={problems.includes('birthDateInvalid') ? 'field__error' : 'field__hint'}
                >
                  {problems.includes('birthDateInvalid')
                    ? t('staff.assist.birthDateInvalid')
                    : parsedBirthDate
                      ? t('staff.assist.birthDateParsed', { date: parsedBirthDate.replaceAll('-', '/') })
                      : t('staff.assist.birthDateHint')}
                </p>
              </div>
            </div>
            <button
              type="submit"
              class="button button--primary"
              data-testid="assist-search-submit"
              disabled={searching}
            >
              {searching ? t('staff.assist.searching') : t('staff.assist.search')}
            </button>
          </form>

          {found && (
            <section class="assist__step assist__results" aria-labelledby="assist-results-title">
              <h4 id="assist-results-title" class="assist__step-title" tabIndex={-1} ref={resultsRef}>
                {t('staff.assist.resultsTitle')}
                <span class="assist__results-count" data-testid="assist-result-count">
                  {t('staff.assist.resultCount', { count: found.results.length, name: found.query.name })}
                </span>
              </h4>
              {found.results.length === 0 ? (
                <p class="citizen__empty" data-testid="assist-no-results">
                  {t('staff.assist.noResults')}
                </p>
              ) : (
                <>
                  {!ready && (
                    <p id="assist-link-hint" class="assist__hint">
                      <Icon name="lock" size={16} />
                      {t('staff.assist.linkDisabledHint')}
                    </p>
                  )}
                  <DataTable
                    caption={t('staff.assist.resultsTitle')}
                    columns={[
                      t('staff.assist.name'),
                      t('staff.citizen.birthDate'),
                      t('staff.assist.area'),
                      t('staff.actions'),
                    ]}
                    compact
                    testId="assist-results"
                  >
                    {found.results.map((result) => (
                      <tr key={result.ref} data-testid="assist-result" data-ref={result.ref}>
                        <th scope="row">{result.name}</th>
                        <td>
                          <BirthDate date={result.birthDate} today={today} />
                        </td>
                        <td>{result.area}</td>
                        <td>
                          <button
                            type="button"
                            class="button button--small button--primary"
                            data-testid="assist-link"
                            disabled={!ready || linking}
                            aria-describedby={ready ? undefined : 'assist-link-hint'}
                            aria-label={t('staff.assist.chooseRow', { name: result.name })}
                            onClick={() => {
                              setProblem(null);
                              setChosen(result);
                            }}
                          >
                            {t('staff.assist.choose')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </DataTable>
                </>
              )}
            </section>
          )}
        </div>
      )}

      {chosen && ready && (
        <ConfirmDialog
          title={t('staff.assist.confirmTitle')}
          confirmLabel={linking ? t('staff.assist.linking') : t('staff.assist.confirm')}
          tone="primary"
          confirmTestId="assist-confirm"
          busy={linking}
          onConfirm={() => void link()}
          onCancel={() => setChosen(null)}
        >
          <p>{t('staff.assist.confirmLead')}</p>
          <dl class="dialog__facts" data-testid="assist-confirm-facts">
            <dt>{t('staff.assist.name')}</dt>
            <dd>{chosen.name}</dd>
            <dt>{t('staff.citizen.birthDate')}</dt>
            <dd>
              <BirthDate date={chosen.birthDate} today={today} />
            </dd>
            <dt>{t('staff.assist.area')}</dt>
            <dd>{chosen.area}</dd>
            <dt>{t('staff.assist.checksDone')}</dt>
            <dd>
              <ul class="dialog__checks">
                {IDENTITY_CHECKS.map((check) => (
                  <li key={check} class={checks[check] ? 'is-done' : 'is-not-done'}>
                    <Icon name={checks[check] ? 'check' : 'dash'} size={16} />
                    {t(`staff.assist.check.${check}`)}
                    {': '}
                    {checks[check] ? t('staff.assist.checked') : t('staff.assist.notChecked')}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          <p class="dialog__note">{t('staff.assist.auditNote')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
