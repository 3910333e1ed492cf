import type { HouseholdMember } from '@madoguchi/shared';
import type { HouseholdChange } from '../services/Household';
import { speechOf } from '../services/counterModel';
import { ctx, shell } from '../services/runtime';
import type { PersonDetails } from '../testHook/screenDetails';
import type { ListItem } from './ListPage';
import { MemberPage } from './MemberPage';

/**
 * One person linked to this TV: use the TV as them, their consents, or stop linking them to
 * this TV (asked first). If a phone unlinks them meanwhile, the screen says so.
 */
export class PersonPage extends MemberPage<'person'> {
  readonly route = 'person' as const;
  protected readonly titleKey = 'tvApp.household.person';
  private busy = false;

  protected items(): ListItem[] {
    const { household, texts } = ctx();
    const back = { id: 'back', label: texts.t('tvApp.household.back') };
    if (!this.member()) return [back];
    const rows: ListItem[] = [];
    if (household.activeCitizenId !== this.citizenId)
      rows.push({ id: 'use', label: texts.t('tvApp.household.use') });
    rows.push(
      { id: 'consents', label: texts.t('tvApp.household.consents') },
      { id: 'unlink', label: texts.t('tvApp.household.unlink') },
    );
    return rows;
  }

  protected override lead(): string {
    const member = this.member();
    if (!member) return ctx().t('tvApp.household.gone');
    return ctx().t(
      member.linkedBy === 'staff' ? 'tvApp.household.linkedStaff' : 'tvApp.household.linkedSelf',
    );
  }

  override details(): PersonDetails {
    return {
      citizenId: this.citizenId,
      linked: this.member() !== undefined,
      dialog: this.openQuestion !== null,
    };
  }

  protected onHousehold(change: HouseholdChange): void {
    if (change.kind === 'consents' || change.kind === 'load' || !this.attached || !this.visible) return;
    const gone =
      change.kind === 'members' && change.removed.some((member) => member.citizenId === this.citizenId);
    if (gone && this.openQuestion) this.openQuestion = null;
    this.draw();
    shell().pageChanged();
    if (gone && !this.busy) ctx().announcer.focus(speechOf([this.lead(), this.focusSpeech()]));
  }

  override _handleEnter(): boolean {
    if (this.openQuestion) {
      const choice = this.openQuestion.choices[this.questionFocus]?.id;
      if (choice === 'unlink') void this.unlink();
      else this.closeQuestion();
      return true;
    }
    const member = this.member();
    switch (this.items()[this.focus]?.id) {
      case 'use':
        if (member) {
          ctx().household.choose({ kind: 'person', citizenId: member.citizenId });
          shell().toast(ctx().t('tvApp.chooser.chosen', { name: member.displayName }));
          this.draw();
          shell().pageChanged();
        }
        return true;
      case 'consents':
        shell().open('consent', { citizenId: this.citizenId });
        return true;
      case 'unlink':
        if (member) this.askUnlink(member);
        return true;
      default:
        shell().back();
        return true;
    }
  }

  private askUnlink(member: HouseholdMember): void {
    const { texts } = ctx();
    const name = member.displayName;
    this.ask({
      question: `${texts.t('tvApp.household.unlinkQuestion', { name })}\n${texts.t('tvApp.household.unlinkNote', { name })}`,
      hint: texts.t('tvApp.household.dialogHint'),
      // The safe answer first: OK pressed twice by accident keeps the person.
      choices: [
        { id: 'keep', label: texts.t('tvApp.household.unlinkNo') },
        { id: 'unlink', label: texts.t('tvApp.household.unlinkYes') },
      ],
    });
  }

  private async unlink(): Promise<void> {
    const member = this.member();
    if (this.busy || !member) return;
    this.busy = true;
    try {
      await ctx().household.unlink(member.citizenId);
      this.openQuestion = null;
      shell().toast(ctx().t('tvApp.household.unlinked', { name: member.displayName }));
      if (this.attached) shell().back();
    } catch {
      shell().toast(ctx().t('tvApp.household.failed'), true);
    } finally {
      this.busy = false;
    }
  }

  override _handleLeft(): boolean {
    return this.openQuestion ? this.moveQuestionFocus(-1) : true;
  }

  override _handleRight(): boolean {
    return this.openQuestion ? this.moveQuestionFocus(1) : true;
  }

  override _handleBack(): boolean {
    if (!this.openQuestion) return false;
    this.closeQuestion();
    return true;
  }

  _handleRed(): boolean {
    return this._handleBack();
  }
}
