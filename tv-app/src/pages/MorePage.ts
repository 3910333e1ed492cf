import type { ServiceId } from '@madoguchi/shared';
import { ctx, shell } from '../services/runtime';
import type { MoreDetails } from '../testHook/screenDetails';
import { ListPage, type ListItem } from './ListPage';
import { moreServices, routeOfService } from './routes';

/**
 * そのほか: the services that do not fit on Home's six tiles, numbered; a number key opens one
 * at once, as on Home.
 */
export class MorePage extends ListPage<'more'> {
  readonly route = 'more' as const;

  title(): string {
    return ctx().t('tvApp.homeServices.moreTitle');
  }

  private services(): ServiceId[] {
    return moreServices(ctx().tenant?.services ?? []);
  }

  protected items(): ListItem[] {
    const { texts } = ctx();
    return this.services().map((service, index) => {
      const label = texts.t(`services.${service}`);
      return {
        id: service,
        label: `${index + 1}   ${label}`,
        speech: texts.t('tvApp.tileSpeech', { number: index + 1, label }),
        bold: true,
      };
    });
  }

  protected override hint(): string {
    return ctx().t('tvApp.homeServices.moreHint');
  }

  override details(): MoreDetails {
    return { services: this.services() };
  }

  private openService(index: number): boolean {
    const service = this.services()[index];
    const route = service ? routeOfService(service) : undefined;
    if (route) shell().open(route);
    return true;
  }

  override _handleEnter(): boolean {
    return this.openService(this.focus);
  }

  protected override onDigit(digit: number): boolean {
    if (digit > this.services().length) return true;
    this.focus = digit - 1;
    this.draw();
    return this.openService(digit - 1);
  }
}
