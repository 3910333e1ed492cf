import type { HouseholdChange } from '../services/Household';
import { choiceOfRow, chooserRows } from '../services/householdModel';
import { ctx, shell } from '../services/runtime';
import type { ChooserDetails } from '../testHook/screenDetails';
import { ListPage, type ListItem } from './ListPage';

/**
 * どなたが 使いますか？ — the people linked to this TV in large names, numbered (a number key
 * picks at once), then signed-out use, then the household screen. Back means signed-out use.
 */
export class ChooserPage extends ListPage<'chooser'> {
  readonly route = 'chooser' as const;
  private householdOff: (() => void) | undefined;

  title(): string {
    return ctx().t('tvApp.chooser.title');
  }

  override _attach(): void {
    ctx().household.markAsked();
    this.householdOff = ctx().household.on('changed', (change) => this.onHousehold(change));
  }

  override _detach(): void {
    this.householdOff?.();
    this.householdOff = undefined;
  }

  private label(row: string): string {
    const { household, texts } = ctx();
    if (row === 'guest') return texts.t('tvApp.chooser.guest');
    if (row === 'manage') return texts.t('tvApp.chooser.manage');
    const member = household.memberOf(row.slice('person:'.length));
    return texts.t('tvApp.chooser.person', { name: member?.displayName ?? '' });
  }

  protected items(): ListItem[] {
    const { texts } = ctx();
    return chooserRows(ctx().household.members).map((row, index) => {
      const label = this.label(row);
      return {
        id: row,
        label: `${index + 1}   ${label}`,
        speech: texts.t('tvApp.tileSpeech', { number: index + 1, label }),
        bold: row.startsWith('person:'),
      };
    });
  }

  protected override hint(): string {
    return ctx().t('tvApp.chooser.hint');
  }

  override details(): ChooserDetails {
    return { rows: this.items().map((item) => item.id) };
  }

  private onHousehold(change: HouseholdChange): void {
    if (change.kind !== 'members' || !this.attached || !this.visible) return;
    this.draw();
    shell().pageChanged();
  }

  private pick(index: number): boolean {
    const row = this.items()[index]?.id;
    const choice = row ? choiceOfRow(row) : undefined;
    if (!choice) return true;
    if (choice === 'manage') {
      shell().open('household');
      return true;
    }
    ctx().household.choose(choice);
    // Home greets the person by name when it shows again; signed-out use is said once here.
    shell().back();
    if (choice.kind === 'guest') shell().toast(ctx().t('tvApp.chooser.chosenGuest'));
    return true;
  }

  override _handleEnter(): boolean {
    return this.pick(this.focus);
  }

  protected override onDigit(digit: number): boolean {
    if (digit > this.items().length) return true;
    this.focus = digit - 1;
    this.draw();
    return this.pick(digit - 1);
  }
}
