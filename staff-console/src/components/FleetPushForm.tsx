import { REMOTE_KEYS, type AckError } from '@madoguchi/shared';
import { useState } from 'preact/hooks';
import { apiAckError, type ApiClient } from '../api';
import { buildPush, problemsOfFields, type PushProblem, type PushTarget } from '../fleet';
import { useI18n } from '../i18n';
import { ErrorMessage } from './ErrorMessage';

interface FleetPushFormProps {
  api: ApiClient;
  /** Boxes ticked in the table. */
  selectedIds: readonly string[];
  profiles: readonly string[];
  /** The profile the table is filtered by, offered first. */
  filterProfile: string;
  onPushed: () => void;
}

const PROBLEM_FIELD: Record<PushProblem, 'target' | 'serverUrl' | 'keyMap' | 'form'> = {
  deviceIds: 'target',
  serverUrl: 'serverUrl',
  keyMapOverride: 'keyMap',
  json: 'keyMap',
  empty: 'form',
};

/** Server address and key map changes for some boxes; validated here, and again by the server. */
export function FleetPushForm({ api, selectedIds, profiles, filterProfile, onPushed }: FleetPushFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [targetKind, setTargetKind] = useState<PushTarget['kind']>('selected');
  const [profile, setProfile] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [keyMap, setKeyMap] = useState('');
  const [problems, setProblems] = useState<PushProblem[]>([]);
  const [error, setError] = useState<AckError | undefined>(undefined);
  const [pushedCount, setPushedCount] = useState<number | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const chosenProfile = profile || filterProfile || profiles[0] || '';

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setPushedCount(undefined);
    const target: PushTarget =
      targetKind === 'selected'
        ? { kind: 'selected', deviceIds: selectedIds }
        : { kind: 'profile', profile: chosenProfile };
    const built = buildPush({ target, serverUrl, keyMap });
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    setSubmitting(true);
    try {
      const result = await api.pushFleetConfig(built.push);
      setPushedCount(result.pushed.length);
      onPushed();
    } catch (failure) {
      const ackError = apiAckError(failure);
      const fieldProblems =
        ackError.code === 'PAYLOAD_INVALID' ? problemsOfFields(ackError.fields ?? []) : [];
      if (fieldProblems.length > 0) setProblems(fieldProblems);
      else setError(ackError);
    } finally {
      setSubmitting(false);
    }
  };

  const problemText = (problem: PushProblem): string =>
    problem === 'deviceIds' || problem === 'empty' || problem === 'json' || problem === 'serverUrl'
      ? t(`staff.fleet.push.fieldInvalid.${problem}`)
      : t('staff.fleet.push.fieldInvalid.keyMapOverride', { keys: REMOTE_KEYS.join(', ') });
  const problemsOf = (field: (typeof PROBLEM_FIELD)[PushProblem]) =>
    problems.filter((problem) => PROBLEM_FIELD[problem] === field);
  const fieldError = (field: (typeof PROBLEM_FIELD)[PushProblem], id: string) =>
    problemsOf(field).length > 0 ? (
      <p id={id} class="field__error" data-testid={id}>
        {problemsOf(field).map(problemText).join(' ')}
      </p>
    ) : null;

  return (
    <section class="panel fleet__push" aria-labelledby="fleet-push-title" data-testid="fleet-push">
      <h2 id="fleet-push-title" class="panel__title">
        {t('staff.fleet.push.title')}
      </h2>
      <p class="panel__lead">{t('staff.fleet.push.lead')}</p>
      <div class="message-slot message-slot--inline" role="status">
        {pushedCount !== undefined && (
          <p class="message message--success" data-testid="fleet-push-done" data-count={pushedCount}>
            {t('staff.fleet.push.pushed', { count: pushedCount })}
          </p>
        )}
      </div>
      {error && <ErrorMessage error={error} testId="fleet-push-error" />}
      {fieldError('form', 'fleet-push-form-error')}
      <form class="form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset class="field fleet__targets" aria-describedby="fleet-push-target-error">
          <legend class="field__label">{t('staff.fleet.push.target')}</legend>
          <label class="fleet__choice">
            <input
              type="radio"
              name="fleet-target"
              checked={targetKind === 'selected'}
              data-testid="fleet-push-target-selected"
              onChange={() => setTargetKind('selected')}
            />
            {t('staff.fleet.push.targetSelected', { count: selectedIds.length })}
          </label>
          <label class="fleet__choice">
            <input
              type="radio"
              name="fleet-target"
              checked={targetKind === 'profile'}
              data-testid="fleet-push-target-profile"
              onChange={() => setTargetKind('profile')}
            />
            <select
              class="field__input fleet__profile"
              aria-label={t('staff.fleet.profile')}
              value={chosenProfile}
              data-testid="fleet-push-profile"
              onChange={(event) => {
                setProfile(event.currentTarget.value);
                setTargetKind('profile');
              }}
            >
              {profiles.map((name) => (
                <option key={name} value={name}>
                  {t('staff.fleet.push.targetProfile', { profile: name })}
                </option>
              ))}
            </select>
          </label>
          {fieldError('target', 'fleet-push-target-error')}
        </fieldset>
        <div class="field">
          <label for="fleet-push-server-url" class="field__label">
            {t('staff.fleet.push.serverUrl')}
          </label>
          <p id="fleet-push-server-url-hint" class="field__hint">
            {t('staff.fleet.push.serverUrlHint')}
          </p>
          <input
            id="fleet-push-server-url"
            type="url"
            class="field__input"
            value={serverUrl}
            maxLength={300}
            autocomplete="off"
            spellcheck={false}
            aria-invalid={problemsOf('serverUrl').length > 0}
            aria-describedby="fleet-push-server-url-hint fleet-push-server-url-error"
            data-testid="fleet-push-server-url"
            onInput={(event) => setServerUrl(event.currentTarget.value)}
          />
          {fieldError('serverUrl', 'fleet-push-server-url-error')}
        </div>
        <div class="field">
          <label for="fleet-push-keymap" class="field__label">
            {t('staff.fleet.push.keyMap')}
          </label>
          <p id="fleet-push-keymap-hint" class="field__hint">
            {t('staff.fleet.push.keyMapHint')}
          </p>
          <textarea
            id="fleet-push-keymap"
            class="field__input fleet__keymap"
            rows={4}
            value={keyMap}
            spellcheck={false}
            aria-invalid={problemsOf('keyMap').length > 0}
            aria-describedby="fleet-push-keymap-hint fleet-push-keymap-error"
            data-testid="fleet-push-keymap"
            onInput={(event) => setKeyMap(event.currentTarget.value)}
          />
          {fieldError('keyMap', 'fleet-push-keymap-error')}
        </div>
        <button
          type="submit"
          class="button button--primary"
          disabled={submitting}
          aria-busy={submitting}
          data-testid="fleet-push-submit"
        >
          {submitting ? t('staff.fleet.push.pushing') : t('staff.fleet.push.submit')}
        </button>
      </form>
    </section>
  );
}
