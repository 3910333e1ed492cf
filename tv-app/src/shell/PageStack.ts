import { Lightning } from '@lightningjs/sdk';
import { ChildcarePage } from '../pages/ChildcarePage';
import { ChooserPage } from '../pages/ChooserPage';
import { ConsentPage } from '../pages/ConsentPage';
import { FirstStartPage } from '../pages/FirstStartPage';
import { GuidePage } from '../pages/GuidePage';
import { HomePage } from '../pages/HomePage';
import { HoursPage } from '../pages/HoursPage';
import { HouseholdPage } from '../pages/HouseholdPage';
import { LinkPage } from '../pages/LinkPage';
import { LoadingPage } from '../pages/LoadingPage';
import { MorePage } from '../pages/MorePage';
import { MutualAidPage } from '../pages/MutualAidPage';
import { NoticesPage } from '../pages/NoticesPage';
import type { Page } from '../pages/Page';
import { PersonPage } from '../pages/PersonPage';
import { SettingsPage } from '../pages/SettingsPage';
import { VideoCounterPage } from '../pages/VideoCounterPage';
import { WalletPage } from '../pages/WalletPage';
import type { RouteName, RouteParams } from '../services/AppContext';
import { videoLayer } from '../ui/VideoLayer';

/** Each route's screen; the type checks that each page reports its route's details. */
const PAGES = {
  loading: LoadingPage,
  firstStart: FirstStartPage,
  home: HomePage,
  settings: SettingsPage,
  hours: HoursPage,
  guide: GuidePage,
  videoCounter: VideoCounterPage,
  household: HouseholdPage,
  person: PersonPage,
  consent: ConsentPage,
  link: LinkPage,
  chooser: ChooserPage,
  notices: NoticesPage,
  wallet: WalletPage,
  mutualAid: MutualAidPage,
  childcare: ChildcarePage,
  more: MorePage,
} satisfies { [R in RouteName]: new (...args: never[]) => Page<R> };

/** A screen on the stack, as the page of its own route (so its report names its details). */
export type ScreenPage = { [R in RouteName]: Page<R> }[RouteName];

/**
 * The screens the viewer went through, the one on top shown and focused. Back goes one down;
 * the video counter is on the stack at most once, and a live call keeps it under the others.
 */
export class PageStack extends Lightning.Component {
  /** Set by the app: a screen came on top (opened, or shown again after Back). */
  onShown: (page: ScreenPage) => void = () => undefined;
  private stack: ScreenPage[] = [];

  override _getFocused(): Lightning.Component | undefined {
    return this.current;
  }

  get current(): ScreenPage | undefined {
    return this.stack[this.stack.length - 1];
  }

  hasScreen(route: RouteName): boolean {
    return this.stack.some((page) => page.route === route);
  }

  open(route: RouteName, params: RouteParams = {}): void {
    if (this.current?.route === route && this.current.routeParams.citizenId === params.citizenId) return;
    // One video counter screen at most: go back down to it rather than stack another.
    if (route === 'videoCounter' && this.hasScreen(route)) {
      while (this.current && this.current.route !== route) this.back();
      return;
    }
    const previous = this.current;
    if (previous) previous.visible = false;
    // The call goes on under the new screen: its voice plays, its picture waits (green returns).
    if (previous?.route === 'videoCounter') videoLayer().place(null, null);
    // `routeParams` is set before the page is attached, so its _init and _attach can read it.
    // childList.a() is typed as a plain Element, not as the component type it was given.
    const page = this.childList.a({ type: PAGES[route], routeParams: params }) as unknown as ScreenPage;
    this.stack.push(page);
    this.onShown(page);
  }

  replace(route: RouteName, params: RouteParams = {}): void {
    if (this.stack.length > 1) this.drop();
    this.open(route, params);
  }

  back(): void {
    if (this.stack.length <= 1) return;
    this.drop();
    this.showAgain();
  }

  /**
   * Only `route` from now on. With `keepCall`, the call screen stays underneath (the call goes
   * on; green or Back returns to it) and the screens above it go without being shown again.
   */
  reset(route: RouteName, keepCall: boolean): void {
    const callIndex = this.stack.findIndex((page) => page.route === 'videoCounter');
    if (keepCall && callIndex >= 0) {
      while (this.stack.length > callIndex + 1) this.drop();
      if (route !== 'videoCounter') this.open(route);
      else this.showAgain();
      return;
    }
    for (const page of this.stack.splice(0)) this.childList.remove(page);
    this.open(route);
  }

  private drop(): void {
    const leaving = this.stack.pop();
    if (leaving) this.childList.remove(leaving);
  }

  private showAgain(): void {
    const page = this.current;
    if (!page) return;
    page.visible = true;
    page.onShow();
    this.onShown(page);
  }
}
