import type { Page } from '../pages/Page';
import type { HouseholdChange } from '../services/Household';
import { ctx, type Shell } from '../services/runtime';

/** What following the household needs of the app around the screens. */
export type HouseholdFollowingApp = Pick<Shell, 'open' | 'toast'> & {
  readonly screen: Page | undefined;
  /** A call back rings over the screens: nothing is asked meanwhile. */
  readonly callBackRinging: boolean;
};

/** At start, with two or more people linked: 「どなたが 使いますか？」 over Home. */
export function askWhoIsWatching(app: HouseholdFollowingApp): void {
  if (app.callBackRinging || app.screen?.route !== 'home' || !ctx().household.shouldAsk) return;
  app.open('chooser');
}

/** Linked or unlinked elsewhere (the phone, an officer in a call): said wherever the viewer is. */
export function followHousehold(change: HouseholdChange, app: HouseholdFollowingApp): void {
  const context = ctx();
  if (change.kind !== 'members') return;
  if (change.first) askWhoIsWatching(app);
  // The sign-in screen greets by itself; this TV's own unlinking has its own message.
  if (change.source !== 'push' || app.screen?.route === 'link') return;
  for (const member of change.added) {
    app.toast(context.t('tvApp.household.linked', { name: member.displayName }));
  }
  for (const member of change.removed) {
    app.toast(context.t('tvApp.household.unlinked', { name: member.displayName }));
  }
}
