import { AID_TEMPLATE_IDS, type AidRequestView, type AidTemplateId } from '@madoguchi/shared';
import type { MutualAidData } from './CityServices';
import { speechOf } from './counterModel';
import { dayLabel, groupDigits, nextDays } from './serviceFormat';
import {
  emptySpec,
  line,
  numbered,
  pagedChoices,
  question,
  titleOf,
  type ServiceChoice,
  type ServiceScreenSpec,
  type SpecContext,
} from './serviceScreens';

export type AidPeriod = AidRequestView['period'];
export const AID_PERIODS: readonly AidPeriod[] = ['morning', 'afternoon'];

/** Days offered when asking for help: the next seven, from tomorrow (a helper needs a day's notice). */
export const ASK_DAYS = 7;

/** Where the viewer is inside 地域共助. */
export type AidStep =
  | { step: 'main' }
  | { step: 'nearby' }
  | { step: 'request'; id: string }
  | { step: 'template' }
  | { step: 'day'; template: AidTemplateId }
  | { step: 'period'; template: AidTemplateId; date: string }
  | { step: 'confirm'; template: AidTemplateId; date: string; period: AidPeriod }
  | { step: 'asked'; request: AidRequestView }
  | { step: 'mine' }
  | { step: 'myRequest'; id: string };

/** A question over the screen, about one request. */
export type AidDialog = { kind: 'offer' | 'accept' | 'complete' | 'cancel'; id: string } | null;

export interface AidInput {
  step: AidStep;
  data: MutualAidData;
  page: number;
  dialog: AidDialog;
}

/** What the viewer can do with one of their own requests, in the order offered. */
export function myActions(request: AidRequestView): ('accept' | 'complete' | 'cancel')[] {
  switch (request.status) {
    case 'open':
      return ['cancel'];
    case 'offered':
      return ['accept', 'cancel'];
    case 'accepted':
      return ['complete', 'cancel'];
    default:
      return [];
  }
}

/** Someone else's request can be offered help while nobody has been chosen yet and it is not ours. */
export function canOffer(request: AidRequestView): boolean {
  return !request.mine && !request.offeredByMe && request.status === 'open';
}

/** The request's state in words (for the asker, or for a neighbour). */
export function statusText(context: SpecContext, request: AidRequestView): string {
  const { texts } = context;
  if (request.mine) return texts.t(`tvApp.mutualAid.status.${request.status}`);
  if (request.offeredByMe) {
    return texts.t(
      request.status === 'accepted' ? 'tvApp.mutualAid.others.chosen' : 'tvApp.mutualAid.others.offered',
    );
  }
  if (request.status === 'open') return texts.t('tvApp.mutualAid.others.open');
  if (request.status === 'completed' || request.status === 'cancelled') {
    return texts.t(`tvApp.mutualAid.status.${request.status}`);
  }
  return texts.t('tvApp.mutualAid.others.taken');
}

function templateLabel(context: SpecContext, template: AidTemplateId): string {
  return context.texts.t(`tvApp.mutualAid.templates.${template}`);
}

function whenText(context: SpecContext, request: { date: string; period: AidPeriod }): string {
  return context.texts.t('tvApp.mutualAid.when', {
    day: dayLabel(context.texts, request.date, context.today),
    period: context.texts.t(`tvApp.mutualAid.periods.${request.period}`),
  });
}

function requestRow(context: SpecContext, request: AidRequestView): ServiceChoice {
  const label = requestTitle(context, request);
  const status = statusText(context, request);
  return {
    id: `request:${request.id}`,
    label,
    value: status,
    speech: speechOf([label, status]),
  };
}

function requestTitle(context: SpecContext, request: AidRequestView): string {
  return context.texts.t('tvApp.mutualAid.row', {
    template: templateLabel(context, request.template),
    when: whenText(context, request),
  });
}

export function findRequest(data: MutualAidData, id: string): AidRequestView | undefined {
  return data.mine.find((request) => request.id === id) ?? data.nearby.find((request) => request.id === id);
}

export function aidSpec(context: SpecContext, input: AidInput): ServiceScreenSpec {
  const spec = stepSpec(context, input);
  if (input.dialog) spec.dialog = dialogOf(context, input.dialog);
  return spec;
}

function stepSpec(context: SpecContext, input: AidInput): ServiceScreenSpec {
  const { texts } = context;
  const { step, data } = input;
  const title = (part?: string) =>
    titleOf(texts, 'mutualAid', part ? texts.t(`tvApp.mutualAid.titles.${part}`) : undefined);
  switch (step.step) {
    case 'main': {
      const spec = emptySpec(title());
      spec.lines.push(line(texts.t('tvApp.mutualAid.lead', { area: data.area }), 'strong'));
      spec.lines.push(line(texts.t('tvApp.mutualAid.about'), 'note'));
      const waiting = data.mine.filter((request) => request.status === 'offered').length;
      if (waiting > 0)
        spec.lines.push(line(texts.t('tvApp.mutualAid.offersWaiting', { count: waiting }), 'notice'));
      spec.choices = [
        { id: 'nearby', label: texts.t('tvApp.mutualAid.nearby', { count: data.nearby.length }) },
        { id: 'ask', label: texts.t('tvApp.mutualAid.ask') },
        { id: 'mine', label: texts.t('tvApp.mutualAid.mine', { count: data.mine.length }) },
      ];
      return numbered(spec, texts);
    }
    case 'nearby': {
      const spec = emptySpec(title('nearby'));
      if (data.nearby.length === 0) {
        spec.lines.push(line(texts.t('tvApp.mutualAid.noneNearby', { area: data.area }), 'strong'));
        spec.choices = [{ id: 'ask', label: texts.t('tvApp.mutualAid.ask') }];
        return numbered(spec, texts);
      }
      spec.lines.push(line(texts.t('tvApp.mutualAid.nearbyLead', { area: data.area }), 'strong'));
      return pagedChoices(
        spec,
        texts,
        data.nearby.map((request) => requestRow(context, request)),
        input.page,
      );
    }
    case 'request':
    case 'myRequest':
      return requestSpec(context, input, step.id);
    case 'template': {
      const spec = emptySpec(title('ask'));
      spec.lines.push(line(texts.t('tvApp.mutualAid.chooseTemplate'), 'strong'));
      spec.choices = AID_TEMPLATE_IDS.map((template) => ({
        id: `template:${template}`,
        label: templateLabel(context, template),
      }));
      return numbered(spec, texts);
    }
    case 'day': {
      const spec = emptySpec(title('ask'));
      spec.lines.push(
        line(
          texts.t('tvApp.mutualAid.chooseDay', { template: templateLabel(context, step.template) }),
          'strong',
        ),
      );
      const rows = nextDays(context.today, ASK_DAYS).map((date) => ({
        id: `day:${date}`,
        label: dayLabel(texts, date, context.today),
      }));
      return pagedChoices(spec, texts, rows, input.page);
    }
    case 'period': {
      const spec = emptySpec(title('ask'));
      spec.lines.push(
        line(
          texts.t('tvApp.mutualAid.choosePeriod', { day: dayLabel(texts, step.date, context.today) }),
          'strong',
        ),
      );
      spec.choices = AID_PERIODS.map((period) => ({
        id: `period:${period}`,
        label: texts.t(`tvApp.mutualAid.periodsLong.${period}`),
      }));
      return numbered(spec, texts);
    }
    case 'confirm': {
      const spec = emptySpec(title('confirm'));
      spec.lines.push(
        line(
          texts.t('tvApp.mutualAid.confirm', {
            template: templateLabel(context, step.template),
            when: whenText(context, step),
          }),
          'headline',
        ),
      );
      spec.lines.push(line(texts.t('tvApp.mutualAid.confirmArea', { area: data.area }), 'body'));
      spec.lines.push(line(texts.t('tvApp.mutualAid.confirmQuestion'), 'strong'));
      spec.choices = [
        { id: 'send', label: texts.t('tvApp.mutualAid.send') },
        { id: 'back', label: texts.t('tvApp.mutualAid.dontSend') },
      ];
      return numbered(spec, texts);
    }
    case 'asked': {
      const spec = emptySpec(title('asked'));
      spec.lines.push(line(texts.t('tvApp.mutualAid.asked'), 'headline'));
      spec.lines.push(line(requestTitle(context, step.request), 'strong'));
      spec.lines.push(line(texts.t('tvApp.mutualAid.askedNote'), 'body'));
      spec.choices = [
        { id: 'mine', label: texts.t('tvApp.mutualAid.seeMine') },
        { id: 'home', label: texts.t('tvApp.services.home') },
      ];
      return numbered(spec, texts);
    }
    case 'mine': {
      const spec = emptySpec(title('mine'));
      if (data.mine.length === 0) {
        spec.lines.push(line(texts.t('tvApp.mutualAid.noneMine'), 'strong'));
        spec.choices = [{ id: 'ask', label: texts.t('tvApp.mutualAid.ask') }];
        return numbered(spec, texts);
      }
      spec.lines.push(line(texts.t('tvApp.mutualAid.mineLead'), 'strong'));
      return pagedChoices(
        spec,
        texts,
        data.mine.map((request) => requestRow(context, request)),
        input.page,
      );
    }
  }
}

function requestSpec(context: SpecContext, input: AidInput, id: string): ServiceScreenSpec {
  const { texts } = context;
  const request = findRequest(input.data, id);
  const spec = emptySpec(titleOf(texts, 'mutualAid', texts.t('tvApp.mutualAid.titles.detail')));
  if (!request) {
    spec.lines.push(line(texts.t('tvApp.mutualAid.gone'), 'strong'));
    spec.choices = [{ id: 'back', label: texts.t('tvApp.services.back') }];
    return numbered(spec, texts);
  }
  spec.lines.push(line(templateLabel(context, request.template), 'headline'));
  spec.lines.push(line(whenText(context, request), 'strong'));
  spec.lines.push(line(texts.t('tvApp.mutualAid.place', { area: request.area }), 'body'));
  spec.lines.push(
    line(texts.t('tvApp.mutualAid.statusLine', { status: statusText(context, request) }), 'strong'),
  );
  if (request.points > 0) {
    spec.lines.push(
      line(texts.t('tvApp.mutualAid.pointsLine', { points: groupDigits(request.points) }), 'note'),
    );
  }
  if (request.mine) {
    spec.choices = myActions(request).map((action) => ({
      id: `action:${action}`,
      label: texts.t(`tvApp.mutualAid.actions.${action}`),
    }));
  } else if (canOffer(request)) {
    spec.choices = [{ id: 'action:offer', label: texts.t('tvApp.mutualAid.actions.offer') }];
  }
  spec.choices.push({ id: 'back', label: texts.t('tvApp.services.back') });
  return numbered(spec, texts);
}

function dialogOf(context: SpecContext, dialog: NonNullable<AidDialog>) {
  const { texts } = context;
  const k = (key: string) => texts.t(`tvApp.mutualAid.questions.${dialog.kind}.${key}`);
  return question(texts, k('question'), k('keep'), k('act'));
}
