import { textSettings } from '../components/card';
import { ctx } from '../services/runtime';
import type { NoDetails } from '../testHook/screenDetails';
import { Page } from './Page';

/** Registered, but the server has not answered yet and nothing is cached: say that we are getting ready. */
export class LoadingPage extends Page<'loading'> {
  readonly route = 'loading' as const;

  override details(): NoDetails {
    return {};
  }

  static override _template() {
    return { Message: {} };
  }

  title(): string {
    return ctx().t('app.name');
  }

  override openingSpeech(): string {
    return ctx().t('tvApp.loading');
  }

  override visibleTexts(): string[] {
    return [this.title(), ctx().t('tvApp.loading')];
  }

  protected draw(): void {
    this.patch({
      Message: {
        x: 40,
        y: 40,
        text: textSettings({
          text: ctx().t('tvApp.loading'),
          fontSize: this.sizes.body,
          colour: ctx().theme.text,
          wrapWidth: this.frame.w - 80,
        }),
      },
    });
  }
}
