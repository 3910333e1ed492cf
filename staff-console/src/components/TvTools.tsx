import { useI18n } from '../i18n';
import { CardComposer } from './CardComposer';
import { RemoteAssist } from './RemoteAssist';

/** What the officer shows on, or opens on, the TV of this call. */
export function TvTools({ consultationId }: { consultationId: string }) {
  const { t } = useI18n();
  return (
    <section class="tv-tools" aria-labelledby="tv-tools-title" data-testid="tv-tools">
      <h3 id="tv-tools-title" class="tv-tools__title">
        {t('staff.tvTools.title')}
      </h3>
      <div class="tv-tools__grid">
        <RemoteAssist consultationId={consultationId} />
        <CardComposer consultationId={consultationId} />
      </div>
    </section>
  );
}
