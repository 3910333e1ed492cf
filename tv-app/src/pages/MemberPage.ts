import type { HouseholdMember } from '@madoguchi/shared';
import type { HouseholdChange } from '../services/Household';
import { ctx } from '../services/runtime';
import { ListPage } from './ListPage';

/**
 * A screen about one person linked to this TV (`routeParams.citizenId`), titled with their
 * name and told of every household change while it is attached (a phone may unlink them).
 */
export abstract class MemberPage<R extends 'person' | 'consent'> extends ListPage<R> {
  private householdOff: (() => void) | undefined;
  /** The title's i18n key; it gets the person's name as `name`. */
  protected abstract readonly titleKey: string;

  protected get citizenId(): string {
    return this.routeParams.citizenId ?? '';
  }

  protected member(): HouseholdMember | undefined {
    return ctx().household.memberOf(this.citizenId);
  }

  title(): string {
    const member = this.member();
    return member ? ctx().t(this.titleKey, { name: member.displayName }) : ctx().t('tvApp.household.title');
  }

  override _attach(): void {
    this.householdOff = ctx().household.on('changed', (change) => this.onHousehold(change));
  }

  override _detach(): void {
    this.householdOff?.();
    this.householdOff = undefined;
  }

  protected abstract onHousehold(change: HouseholdChange): void;
}
