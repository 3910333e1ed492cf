import type { NoticeView, RecommendationView } from '@madoguchi/shared';
import { speechOf } from './counterModel';
import { formatDate, type Texts } from './hoursModel';
import { charsPerTextPage, jstParts, localText, textPages } from './serviceFormat';
import {
  emptySpec,
  line,
  numbered,
  pagedChoices,
  titleOf,
  type ServiceChoice,
  type SpecContext,
  type ServiceScreenSpec,
} from './serviceScreens';

/** Where the viewer is inside お知らせ. */
export type NoticesStep =
  | { step: 'list' }
  | { step: 'detail'; id: string; textPage: number }
  | { step: 'recommendations' }
  | { step: 'recommendation'; id: string; textPage: number };

export interface NoticesInput {
  step: NoticesStep;
  notices: readonly NoticeView[];
  recommendations: readonly RecommendationView[];
  /** The page of the list on screen (0-based). */
  page: number;
}

/** Urgent ones first (a disaster warning), then the newest. */
export function sortNotices(notices: readonly NoticeView[]): NoticeView[] {
  return [...notices].sort((a, b) => {
    if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
    return Date.parse(b.publishedAt) - Date.parse(a.publishedAt);
  });
}

function dateOf(texts: Texts, iso: string): string {
  const parts = jstParts(iso);
  return parts ? formatDate(texts, parts.date) : '';
}

function category(texts: Texts, notice: NoticeView): string {
  return texts.t(`tvApp.notices.categories.${notice.category}`);
}

export function noticeRow(context: SpecContext, notice: NoticeView): ServiceChoice {
  const { texts, language } = context;
  const title = localText(notice.title, language);
  const label = notice.urgent ? texts.t('tvApp.notices.urgentTitle', { title }) : title;
  const date = dateOf(texts, notice.publishedAt);
  const value = notice.read ? date : texts.t('tvApp.notices.unreadValue', { date });
  return {
    id: `notice:${notice.id}`,
    label,
    value,
    // The ● is for the eye; the voice says 未読 in words.
    speech: speechOf([notice.read ? null : texts.t('tvApp.notices.unreadWord'), label, date]),
  };
}

export function noticesSpec(context: SpecContext, input: NoticesInput): ServiceScreenSpec {
  switch (input.step.step) {
    case 'list':
      return listSpec(context, input);
    case 'detail':
      return detailSpec(context, input, input.step);
    case 'recommendations':
      return recommendationsSpec(context, input);
    case 'recommendation':
      return recommendationSpec(context, input, input.step);
  }
}

function listSpec(context: SpecContext, input: NoticesInput): ServiceScreenSpec {
  const { texts } = context;
  const spec = emptySpec(titleOf(texts, 'notices'));
  const notices = sortNotices(input.notices);
  const unread = notices.filter((notice) => !notice.read).length;
  if (notices.length === 0) spec.lines.push(line(texts.t('tvApp.notices.none'), 'strong'));
  else if (unread > 0)
    spec.lines.push(line(texts.t('tvApp.notices.count', { count: notices.length, unread }), 'strong'));
  else spec.lines.push(line(texts.t('tvApp.notices.countAllRead', { count: notices.length }), 'strong'));
  const fixed: ServiceChoice[] =
    input.recommendations.length > 0
      ? [
          {
            id: 'recommendations',
            label: texts.t('tvApp.notices.recommendations', { count: input.recommendations.length }),
          },
        ]
      : [];
  return pagedChoices(
    spec,
    texts,
    notices.map((notice) => noticeRow(context, notice)),
    input.page,
    fixed,
  );
}

/** A long text one screen at a time, with the rows to read on and to go back. */
function textWithPages(
  spec: ServiceScreenSpec,
  context: SpecContext,
  text: string,
  textPage: number,
): { page: number; pages: number } {
  const pages = textPages(text, charsPerTextPage(context.textScale));
  const page = Math.min(Math.max(0, textPage), pages.length - 1);
  spec.lines.push(line(pages[page] ?? '', 'body'));
  if (pages.length > 1) {
    spec.lines.push(
      line(context.texts.t('tvApp.services.textPage', { page: page + 1, pages: pages.length }), 'note'),
    );
    spec.paging = { page: page + 1, pages: pages.length };
    spec.choices.push({
      id: 'text:next',
      label:
        page + 1 < pages.length
          ? context.texts.t('tvApp.services.readMore', { page: page + 2, pages: pages.length })
          : context.texts.t('tvApp.services.readFromStart'),
    });
  }
  return { page, pages: pages.length };
}

function detailSpec(
  context: SpecContext,
  input: NoticesInput,
  step: { id: string; textPage: number },
): ServiceScreenSpec {
  const { texts, language } = context;
  const notices = sortNotices(input.notices);
  const index = notices.findIndex((notice) => notice.id === step.id);
  const notice = notices[index];
  const spec = emptySpec(titleOf(texts, 'notices', notice ? category(texts, notice) : undefined));
  if (!notice) {
    spec.lines.push(line(texts.t('tvApp.notices.gone'), 'strong'));
    spec.choices = [{ id: 'back', label: texts.t('tvApp.notices.backToList') }];
    return numbered(spec, texts);
  }
  const title = localText(notice.title, language);
  spec.lines.push(line(notice.urgent ? texts.t('tvApp.notices.urgentTitle', { title }) : title, 'headline'));
  spec.lines.push(
    line(
      texts.t('tvApp.notices.posted', {
        date: dateOf(texts, notice.publishedAt),
        category: category(texts, notice),
      }),
      'note',
    ),
  );
  textWithPages(spec, context, localText(notice.body, language), step.textPage);
  if (index + 1 < notices.length)
    spec.choices.push({ id: 'notice:following', label: texts.t('tvApp.notices.next') });
  spec.choices.push({ id: 'back', label: texts.t('tvApp.notices.backToList') });
  return numbered(spec, texts);
}

function recommendationsSpec(context: SpecContext, input: NoticesInput): ServiceScreenSpec {
  const { texts, language } = context;
  const spec = emptySpec(titleOf(texts, 'notices', texts.t('tvApp.notices.recommendationsTitle')));
  spec.lines.push(line(texts.t('tvApp.notices.recommendationsLead'), 'strong'));
  const rows = input.recommendations.map((item) => ({
    id: `recommendation:${item.id}`,
    label: localText(item.title, language),
  }));
  return pagedChoices(spec, texts, rows, input.page);
}

function recommendationSpec(
  context: SpecContext,
  input: NoticesInput,
  step: { id: string; textPage: number },
): ServiceScreenSpec {
  const { texts, language } = context;
  const item = input.recommendations.find((candidate) => candidate.id === step.id);
  const spec = emptySpec(titleOf(texts, 'notices', texts.t('tvApp.notices.recommendationsTitle')));
  if (item) {
    spec.lines.push(line(localText(item.title, language), 'headline'));
    spec.lines.push(
      line(texts.t('tvApp.notices.reason', { reason: localText(item.reason, language) }), 'strong'),
    );
    textWithPages(spec, context, localText(item.body, language), step.textPage);
  }
  spec.choices.push({ id: 'back', label: texts.t('tvApp.services.back') });
  return numbered(spec, texts);
}

/** How many pages of text the step on screen has (left/right turn them). */
export function textPageCount(context: SpecContext, input: NoticesInput): number {
  const { step } = input;
  if (step.step === 'detail') {
    const notice = input.notices.find((candidate) => candidate.id === step.id);
    return notice
      ? textPages(localText(notice.body, context.language), charsPerTextPage(context.textScale)).length
      : 1;
  }
  if (step.step === 'recommendation') {
    const item = input.recommendations.find((candidate) => candidate.id === step.id);
    return item
      ? textPages(localText(item.body, context.language), charsPerTextPage(context.textScale)).length
      : 1;
  }
  return 1;
}

/** The notice after this one in the list's order, for 「つぎの お知らせ」. */
export function followingNotice(notices: readonly NoticeView[], id: string): NoticeView | null {
  const sorted = sortNotices(notices);
  const index = sorted.findIndex((notice) => notice.id === id);
  return index >= 0 ? (sorted[index + 1] ?? null) : null;
}
