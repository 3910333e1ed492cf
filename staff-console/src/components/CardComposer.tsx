import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import {
  CARD_BODY_MAX,
  CARD_QR_MAX,
  CARD_TITLE_MAX,
  COMPOSED_KINDS,
  EMPTY_DRAFT,
  cardProblems,
  toTvCard,
  type CardDraft,
  type CardField,
  type CardProblem,
  type ComposedKind,
} from '../services/cards';
import {
  IMAGE_DATA_URL_MAX,
  ImagePrepareError,
  prepareCardImage,
  type ImageProblem,
  type PreparedImage,
} from '../services/image';
import { formatPoints } from '../services/wallet';
import { useSendCard } from '../useSendCard';
import { CardSent } from './CardSent';
import { ServiceProblem } from './ServiceProblem';

const MAX: Record<CardField, number> = {
  title: CARD_TITLE_MAX,
  body: CARD_BODY_MAX,
  qr: CARD_QR_MAX,
  image: IMAGE_DATA_URL_MAX,
};

function problemKey(field: CardField, problem: CardProblem): string {
  if (problem === 'myNumber') return 'staff.tvCard.problem.myNumber';
  if (field === 'title')
    return problem === 'missing' ? 'staff.tvCard.problem.titleMissing' : 'staff.tvCard.problem.titleTooLong';
  if (field === 'body') return 'staff.tvCard.problem.bodyTooLong';
  if (field === 'qr')
    return problem === 'missing' ? 'staff.tvCard.problem.qrMissing' : 'staff.tvCard.problem.qrTooLong';
  return problem === 'missing' ? 'staff.tvCard.problem.imageMissing' : 'staff.tvCard.problem.imageInvalid';
}

const IMAGE_PROBLEM_KEY: Record<ImageProblem, string> = {
  notImage: 'staff.tvCard.problem.notImage',
  unreadable: 'staff.tvCard.problem.unreadable',
  tooBig: 'staff.tvCard.problem.tooBig',
};

/**
 * A text, image or QR card for the TV of this call. A My Number never leaves the console: the
 * server's check runs here first. A chosen image is made small enough to send.
 */
export function CardComposer({ consultationId }: { consultationId: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<CardDraft>(EMPTY_DRAFT);
  const [submitted, setSubmitted] = useState(false);
  const [image, setImage] = useState<PreparedImage | null>(null);
  const [imageProblem, setImageProblem] = useState<ImageProblem | null>(null);
  const [preparing, setPreparing] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const pick = useRef(0);
  const cards = useSendCard(consultationId);

  const problems = cardProblems(draft);
  // A My Number is said at once; a missing field only after a try.
  const shown = (field: CardField): CardProblem | undefined => {
    const problem = problems[field];
    if (!problem) return undefined;
    if (field === 'image' && imageProblem) return undefined;
    return problem === 'myNumber' || problem === 'tooLong' || submitted ? problem : undefined;
  };
  const update = (patch: Partial<CardDraft>) => {
    setDraft({ ...draft, ...patch });
    if (cards.sent || cards.error) cards.clear();
  };

  const chooseFile = async (file: File | undefined) => {
    const ticket = (pick.current += 1);
    setImage(null);
    setImageProblem(null);
    update({ image: '' });
    if (!file) return;
    setPreparing(true);
    try {
      const prepared = await prepareCardImage(file);
      if (ticket !== pick.current) return;
      setImage(prepared);
      setDraft((current) => ({ ...current, image: prepared.dataUrl }));
    } catch (error) {
      if (ticket !== pick.current) return;
      setImageProblem(error instanceof ImagePrepareError ? error.problem : 'unreadable');
    } finally {
      if (ticket === pick.current) setPreparing(false);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    const card = toTvCard(draft);
    if (!card || preparing) {
      const first = (['title', 'body', 'qr', 'image'] as const).find((field) => problems[field]);
      if (first) document.getElementById(`card-${first}`)?.focus();
      return;
    }
    const title = card.kind === 'booking' ? '' : card.title;
    const sent = await cards.send(card, 'composer', { key: 'staff.tvCard.sent', params: { title } });
    if (sent) {
      // The next card starts empty (of the same kind): the officer often sends several.
      setDraft({ ...EMPTY_DRAFT, kind: draft.kind });
      setImage(null);
      setSubmitted(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const fieldError = (field: CardField) => {
    const problem = shown(field);
    if (!problem) return null;
    return (
      <p
        id={`card-${field}-error`}
        class="field__error"
        data-testid="card-problem"
        data-field={field}
        data-problem={problem}
      >
        {t(problemKey(field, problem), { max: MAX[field] })}
      </p>
    );
  };
  const invalid = (field: CardField) => shown(field) !== undefined;
  const describedBy = (field: CardField, hint?: string) =>
    [invalid(field) ? `card-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <form class="tv-card" data-testid="tv-card" onSubmit={(event) => void submit(event)} noValidate>
      <h4 class="tv-tools__subtitle">{t('staff.tvCard.title')}</h4>
      <p class="tv-tools__lead">{t('staff.tvCard.lead')}</p>

      <div class="field">
        <label class="field__label" for="card-kind">
          {t('staff.tvCard.kind')}
        </label>
        <select
          id="card-kind"
          class="field__input"
          data-testid="card-kind"
          value={draft.kind}
          onChange={(event) => {
            update({ kind: event.currentTarget.value as ComposedKind });
            setSubmitted(false);
          }}
        >
          {COMPOSED_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`staff.tvCard.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>

      <div class="field">
        <label class="field__label" for="card-title">
          {t('staff.tvCard.cardTitle')}
        </label>
        <input
          id="card-title"
          class="field__input"
          data-testid="card-title"
          autocomplete="off"
          value={draft.title}
          aria-invalid={invalid('title')}
          aria-describedby={describedBy('title')}
          onInput={(event) => update({ title: event.currentTarget.value })}
        />
        {fieldError('title')}
      </div>

      {draft.kind === 'text' && (
        <div class="field">
          <label class="field__label" for="card-body">
            {t('staff.tvCard.body')}
          </label>
          <textarea
            id="card-body"
            class="field__input field__input--area"
            data-testid="card-body"
            rows={4}
            value={draft.body}
            aria-invalid={invalid('body')}
            aria-describedby={describedBy('body', 'card-body-count')}
            onInput={(event) => update({ body: event.currentTarget.value })}
          />
          <p id="card-body-count" class="field__hint">
            {t('staff.tvCard.count', { count: draft.body.length, max: CARD_BODY_MAX })}
          </p>
          {fieldError('body')}
        </div>
      )}

      {draft.kind === 'image' && (
        <div class="field">
          <label class="field__label" for="card-image">
            {t('staff.tvCard.image')}
          </label>
          <input
            ref={fileInput}
            id="card-image"
            type="file"
            accept="image/*"
            class="field__input field__input--file"
            data-testid="card-image"
            aria-invalid={invalid('image') || imageProblem !== null}
            aria-describedby={describedBy('image', 'card-image-hint')}
            onChange={(event) => void chooseFile(event.currentTarget.files?.[0])}
          />
          <p id="card-image-hint" class="field__hint">
            {t('staff.tvCard.imageHint', { max: formatPoints(IMAGE_DATA_URL_MAX) })}
          </p>
          {preparing && (
            <p class="field__hint" role="status" data-testid="card-image-preparing">
              {t('staff.tvCard.imagePreparing')}
            </p>
          )}
          {imageProblem && (
            <p class="field__error" data-testid="card-problem" data-field="image" data-problem={imageProblem}>
              {t(IMAGE_PROBLEM_KEY[imageProblem])}
            </p>
          )}
          {fieldError('image')}
          {image && (
            <figure
              class="tv-card__preview"
              data-testid="card-image-ready"
              data-length={image.dataUrl.length}
              data-width={image.width}
              data-height={image.height}
            >
              <img
                src={image.dataUrl}
                alt={t('staff.tvCard.imagePreview')}
                width={image.width}
                height={image.height}
              />
              <figcaption>
                {t('staff.tvCard.imageReady', {
                  width: image.width,
                  height: image.height,
                  size: formatPoints(image.dataUrl.length),
                  percent: Math.ceil((image.dataUrl.length / IMAGE_DATA_URL_MAX) * 100),
                })}
                {image.original && ` ${t('staff.tvCard.imageOriginal')}`}
              </figcaption>
            </figure>
          )}
        </div>
      )}

      {draft.kind === 'qr' && (
        <div class="field">
          <label class="field__label" for="card-qr">
            {t('staff.tvCard.qr')}
          </label>
          <input
            id="card-qr"
            class="field__input"
            data-testid="card-qr"
            autocomplete="off"
            inputMode="url"
            value={draft.qr}
            aria-invalid={invalid('qr')}
            aria-describedby={describedBy('qr')}
            onInput={(event) => update({ qr: event.currentTarget.value })}
          />
          {fieldError('qr')}
          {draft.qr.trim() !== '' && !problems.qr && (
            <p class="tv-card__qr" data-testid="card-qr-preview">
              <span>{t('staff.tvCard.qrPreview')}</span>
              <code>{draft.qr.trim()}</code>
            </p>
          )}
        </div>
      )}

      {cards.sent && <CardSent sent={cards.sent} />}
      {cards.error && (
        <ServiceProblem error={cards.error.error} service="card" lead={t('staff.tvCard.failed')} />
      )}

      <button
        type="submit"
        class="button button--primary"
        data-testid="card-send"
        disabled={cards.sending !== null || preparing}
      >
        {cards.sending ? t('staff.tvCard.sending') : t('staff.tvCard.send')}
      </button>
    </form>
  );
}
