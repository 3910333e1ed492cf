import type { OfficerView, Topic } from '@madoguchi/shared';
import { useState } from 'preact/hooks';
import { parseTransferTarget } from '../call/transfer';
import { useI18n } from '../i18n';

interface TransferFormProps {
  topics: readonly Topic[];
  currentTopic: string;
  officers: readonly OfficerView[];
  staffId: string;
  busy: boolean;
  onTransfer: (target: { topic: string } | { staffId: string }) => void;
}

/** Hand the citizen to another topic's queue or to an available colleague. */
export function TransferForm({
  topics,
  currentTopic,
  officers,
  staffId,
  busy,
  onTransfer,
}: TransferFormProps) {
  const { t, language } = useI18n();
  const [target, setTarget] = useState('');
  const otherTopics = topics.filter((topic) => topic.id !== currentTopic);
  const colleagues = officers.filter(
    (officer) => officer.staffId !== staffId && officer.status === 'available',
  );
  const parsed = parseTransferTarget(target);
  // A colleague who went away meanwhile is no longer a choice.
  const stillThere =
    parsed === null ||
    ('topic' in parsed
      ? otherTopics.some((topic) => topic.id === parsed.topic)
      : colleagues.some((o) => o.staffId === parsed.staffId));

  return (
    <form
      class="form call-form"
      data-testid="transfer-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (parsed && stillThere) onTransfer(parsed);
      }}
    >
      <h3 class="call-form__title">{t('staff.call.transferTitle')}</h3>
      <div class="field">
        <label class="field__label" for="transfer-target">
          {t('staff.call.transferTo')}
        </label>
        <select
          id="transfer-target"
          class="field__input"
          data-testid="transfer-topic"
          value={stillThere ? target : ''}
          onChange={(event) => setTarget(event.currentTarget.value)}
        >
          <option value="">{t('staff.call.transferChoose')}</option>
          <optgroup label={t('staff.call.transferTopics')}>
            {otherTopics.map((topic) => (
              <option key={topic.id} value={`topic:${topic.id}`}>
                {topic.label[language]}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('staff.call.transferOfficers')}>
            {colleagues.length === 0 ? (
              <option value="" disabled>
                {t('staff.call.transferNobody')}
              </option>
            ) : (
              colleagues.map((officer) => (
                <option key={officer.staffId} value={`staff:${officer.staffId}`}>
                  {officer.displayName}
                </option>
              ))
            )}
          </optgroup>
        </select>
      </div>
      <button
        type="submit"
        class="button button--wide"
        data-testid="transfer-submit"
        disabled={busy || !parsed || !stillThere}
      >
        {t('staff.call.transferSubmit')}
      </button>
    </form>
  );
}
