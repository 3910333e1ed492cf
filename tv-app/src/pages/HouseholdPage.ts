import type { HouseholdChange } from '../services/Household';
import { ctx, shell } from '../services/runtime';
import type { HouseholdDetails } from '../testHook/screenDetails';
import { ListPage, type ListItem } from './ListPage';

/**
 * このテレビを 使う人: the people linked to this TV in large names (OK opens a person), and
 * "sign in someone new". Kept current by pushes: a phone may unlink someone meanwhile.
 */
export class HouseholdPage extends ListPage<'household'> {
  readonly route = 'household' as const;
  private householdOff: (() => void) | undefined;

  title(): string {
    return ctx().t('tvApp.household.title');
  }

  override _attach(): void {
    this.householdOff = ctx().household.on('changed', (change) => this.onHousehold(change));
    if (!ctx().household.loaded) void ctx().household.refresh();
  }

  override _detach(): void {
    this.householdOff?.();
    this.householdOff = undefined;
  }

  protected items(): ListItem[] {
    const { household, texts } = ctx();
    const activeId = household.activeCitizenId;
    const people = household.members.map((member) => ({
      id: `person:${member.citizenId}`,
      label: texts.t(
        member.citizenId === activeId ? 'tvApp.household.personActive' : 'tvApp.household.person',
        {
          name: member.displayName,
        },
      ),
      bold: true,
    }));
    return [...people, { id: 'add', label: texts.t('tvApp.household.add') }];
  }

  protected override lead(): string | null {
    const { household, texts } = ctx();
    if (household.members.length > 0) return null;
    if (household.loadState === 'loading' || household.loadState === 'idle') {
      return texts.t('tvApp.household.loading');
    }
    if (household.loadState === 'failed') return texts.t('tvApp.household.loadFailed');
    return texts.t('tvApp.household.empty');
  }

  protected override hint(): string {
    return ctx().t('tvApp.household.hint');
  }

  override details(): HouseholdDetails {
    return { loadState: ctx().household.loadState };
  }

  override onConnection(online: boolean): void {
    if (online && !ctx().household.loaded) void ctx().household.refresh();
  }

  private onHousehold(change: HouseholdChange): void {
    if (change.kind === 'consents' || !this.attached || !this.visible) return;
    this.draw();
    shell().pageChanged();
    // The list under the viewer changed (someone added or removed): say where the focus is now.
    if (change.kind === 'members' && (change.added.length > 0 || change.removed.length > 0)) {
      ctx().announcer.focus(this.focusSpeech());
    }
  }

  override _handleEnter(): boolean {
    const id = this.items()[this.focus]?.id;
    if (id === 'add') shell().open('link');
    else if (id?.startsWith('person:')) shell().open('person', { citizenId: id.slice('person:'.length) });
    return true;
  }
}
