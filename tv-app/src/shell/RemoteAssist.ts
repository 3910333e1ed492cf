import { Lightning } from '@lightningjs/sdk';
import { Banner } from '../components/Banner';
import type { Page } from '../pages/Page';
import type { RouteName } from '../services/AppContext';
import type { AssistRequest } from '../services/OfficerPushes';
import { speechOf } from '../services/counterModel';
import { ctx, type Shell } from '../services/runtime';
import { SAFE, frameOf } from '../ui/layout';
import { typography } from '../ui/theme';

/** 「係員が 画面を 操作しています」 stays this long after an officer opened a screen. */
export const ASSIST_NOTICE_MS = 6_000;

/** What remote assist needs of the app: to change screens, and the screen on top. */
export type AssistedApp = Pick<Shell, 'open' | 'reset'> & { readonly screen: Page | undefined };

/**
 * An officer opens a screen on this TV. During a call the call stays underneath (its voice
 * goes on; green or Back returns to it), and the TV says who is operating it, over the title.
 */
export class RemoteAssist extends Lightning.Component {
  private shown: AssistRequest | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  static override _template(): Lightning.Component.Template {
    return { Notice: { type: Banner, visible: false } };
  }

  /** The request whose notice is on screen, for a few seconds after it came. */
  get request(): AssistRequest | null {
    return this.shown;
  }

  follow(request: AssistRequest, app: AssistedApp): void {
    const context = ctx();
    // The officer moves the viewer on: cards from before are done with.
    context.pushes.clear();
    const route: RouteName = request.route;
    if (route === 'home') app.reset('home');
    else if (app.screen?.route !== route) app.open(route);
    this.shown = request;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.shown = null;
      this.draw();
    }, ASSIST_NOTICE_MS);
    this.draw();
    const page = app.screen;
    const screen = page ? context.t('speech.screen', { title: page.title() }) : null;
    context.announcer.screen(this.notice(request), speechOf([screen, page?.openingSpeech()]) || null);
  }

  draw(): void {
    const banner = this.tag('Notice') as Banner;
    // Over the title and the city's name, opaque: one line the eye cannot miss.
    banner.visible = this.shown !== null;
    if (!this.shown) return;
    const context = ctx();
    const { textScale } = context.settings;
    const headerHeight = frameOf(textScale, false).headerHeight;
    banner.update({
      frame: { x: SAFE.x, y: SAFE.y, w: SAFE.w, h: headerHeight },
      text: this.notice(this.shown),
      fontSize: typography(textScale).body,
      theme: context.theme,
    });
  }

  private notice(request: AssistRequest): string {
    const { texts } = ctx();
    return request.officerName
      ? texts.t('tvApp.assist.notice', { name: request.officerName })
      : texts.t('tvApp.assist.noticeNoName');
  }
}
