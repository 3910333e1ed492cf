import type { AppContext, RouteName, RouteParams } from './AppContext';

/** What screens may ask of the app around them. */
export interface Shell {
  open(route: RouteName, params?: RouteParams): void;
  /** Open a screen in place of the current one (Back then skips the one replaced). */
  replace(route: RouteName, params?: RouteParams): void;
  back(): void;
  /** Go to a screen and forget the way there (Home, first start). */
  reset(route: RouteName): void;
  /** A short message on screen; `speech` is said instead of it when the words should say more. */
  toast(text: string, failure?: boolean, speech?: string): void;
  /** A screen changed what it shows (focus, loaded data): redraw what depends on it. */
  pageChanged(): void;
}

let current: AppContext | undefined;
let currentShell: Shell | undefined;

/** Set once at start-up, before the Lightning app is launched. */
export function setContext(context: AppContext): void {
  current = context;
}

/** The app's shared context, for components Lightning constructs without arguments. */
export function ctx(): AppContext {
  if (!current) throw new Error('the app context is not set yet');
  return current;
}

export function setShell(shell: Shell): void {
  currentShell = shell;
}

export function shell(): Shell {
  if (!currentShell) throw new Error('the app shell is not set yet');
  return currentShell;
}
