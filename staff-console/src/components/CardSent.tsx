import { useI18n } from '../i18n';
import type { SentCard } from '../useSendCard';

/** "It is on the TV": the card's id for tests and support, the words for the officer. */
export function CardSent({ sent }: { sent: SentCard }) {
  const { t } = useI18n();
  return (
    <p
      class="message message--success card-sent"
      role="status"
      data-testid="card-sent"
      data-card-id={sent.cardId}
      data-card-kind={sent.kind}
    >
      {t(sent.message.key, sent.message.params)}
    </p>
  );
}
