import { AID_TEMPLATE_IDS, type AidTemplateId } from '@madoguchi/shared';
import type { MutualAidData } from '../services/CityServices';
import {
  aidSpec,
  findRequest,
  type AidDialog,
  type AidPeriod,
  type AidStep,
} from '../services/mutualAidModel';
import { ctx, shell } from '../services/runtime';
import type { ServiceScreenSpec, SpecContext } from '../services/serviceScreens';
import type { MutualAidDetails } from '../testHook/screenDetails';
import { ServicePage, splitChoiceId } from './services/ServicePage';

/**
 * 地域共助: requests nearby (offer to help), asking for help from a template (day by keys, then
 * morning or afternoon, then confirm), and the viewer's own requests with the actions that make
 * sense for their state. Seeing requests nearby uses the household's town: without that consent
 * the screen explains it and opens the consent screen.
 */
export class MutualAidPage extends ServicePage<'mutualAid', AidStep, MutualAidData> {
  readonly route = 'mutualAid' as const;
  readonly service = 'mutualAid' as const;
  private dialog: AidDialog = null;

  protected firstStep(): AidStep {
    return { step: 'main' };
  }

  protected fetch(citizenId: string | null): Promise<MutualAidData> {
    return ctx().services.mutualAid(citizenId ?? '');
  }

  protected stepSpec(context: SpecContext, data: MutualAidData): ServiceScreenSpec {
    return aidSpec(context, { step: this.step, data, page: this.listPage, dialog: this.dialog });
  }

  override details(): MutualAidDetails {
    const step = this.step;
    return {
      ...this.serviceDetails(),
      template: 'template' in step ? step.template : null,
      date: 'date' in step ? step.date : null,
      period: 'period' in step ? step.period : null,
      requestId: step.step === 'request' || step.step === 'myRequest' ? step.id : null,
      idempotencyKey: this.confirmationKey(),
    };
  }

  protected override closeDialog(): void {
    this.dialog = null;
  }

  protected choose(id: string, data: MutualAidData): void {
    const step = this.step;
    const [kind, value] = splitChoiceId(id);
    switch (kind) {
      case 'nearby':
        this.forward({ step: 'nearby' });
        return;
      case 'ask':
        this.forward({ step: 'template' });
        return;
      case 'mine':
        // From the confirmation that a request went out: my requests, with Back to the start.
        if (step.step === 'asked') this.backTo((earlier) => earlier.step === 'main');
        this.forward({ step: 'mine' });
        return;
      case 'request': {
        const request = findRequest(data, value);
        if (request)
          this.forward(request.mine ? { step: 'myRequest', id: value } : { step: 'request', id: value });
        return;
      }
      case 'template':
        if ((AID_TEMPLATE_IDS as readonly string[]).includes(value)) {
          this.forward({ step: 'day', template: value as AidTemplateId });
        }
        return;
      case 'day':
        if (step.step === 'day') this.forward({ step: 'period', template: step.template, date: value });
        return;
      case 'period':
        if (step.step === 'period')
          this.forwardToConfirm({ ...step, step: 'confirm', period: value as AidPeriod });
        return;
      case 'send':
        void this.send();
        return;
      case 'action':
        if (step.step === 'request' || step.step === 'myRequest') {
          this.dialog = { kind: value as NonNullable<AidDialog>['kind'], id: step.id };
          this.dialogFocus = 0;
          this.focusMoved();
        }
        return;
      default:
        return;
    }
  }

  /** たのむ: once per confirmation screen, with its key; a retry after a failure reuses it. */
  private async send(): Promise<void> {
    const step = this.step;
    const citizenId = this.citizenId;
    if (step.step !== 'confirm' || !citizenId) return;
    await this.sendConfirmed(
      (key) =>
        ctx().services.askForHelp(
          { citizenId, template: step.template, date: step.date, period: step.period },
          key,
        ),
      (request) => {
        this.backTo((earlier) => earlier.step === 'main');
        this.forward({ step: 'asked', request });
        void this.reload();
      },
    );
  }

  protected override answerDialog(act: boolean): void {
    const dialog = this.dialog;
    const citizenId = this.citizenId;
    this.dialog = null;
    if (!act || !dialog || !citizenId) {
      this.focusMoved();
      return;
    }
    void this.perform(
      () => ctx().services.aidAction(dialog.id, dialog.kind, citizenId),
      () => {
        shell().toast(ctx().t(`tvApp.mutualAid.done.${dialog.kind}`));
        // A cancelled request is gone from what can be done: back to the list.
        if (dialog.kind === 'cancel') this.stepBack();
        void this.reload();
      },
    );
  }
}
