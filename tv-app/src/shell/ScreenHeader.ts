import { Lightning } from '@lightningjs/sdk';
import { textSettings } from '../components/card';
import { ctx } from '../services/runtime';
import { SAFE, frameOf } from '../ui/layout';
import { typography } from '../ui/theme';

/** Above every screen: its title (where the viewer is), the city's name, and a rule. */
export class ScreenHeader extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return { Title: {}, City: {}, Rule: { rect: true } };
  }

  /** A toast sits where the city's name is: the name hides while it shows. */
  setCityVisible(visible: boolean): void {
    this.tag('City')!.visible = visible;
  }

  draw(title: string): void {
    const context = ctx();
    const { textScale } = context.settings;
    const type = typography(textScale);
    const theme = context.theme;
    const headerHeight = frameOf(textScale, false).headerHeight;
    // The city's name takes what it needs (at most 40%): the title says where the viewer is.
    const city = context.t('app.tenantGreeting', { city: context.cityName() });
    const cityWidth = Math.min(
      Math.round(SAFE.w * 0.4),
      Math.round(context.measure(city, type.small, false)) + 24,
    );
    this.patch({
      x: SAFE.x,
      y: SAFE.y,
      Title: {
        text: textSettings({
          text: title,
          fontSize: type.title,
          colour: theme.text,
          bold: true,
          wrapWidth: SAFE.w - cityWidth - 40,
          maxLines: 1,
        }),
      },
      City: {
        x: SAFE.w,
        y: headerHeight - Math.round(type.small * 1.35),
        mountX: 1,
        text: textSettings({
          text: city,
          fontSize: type.small,
          colour: theme.text,
          wrapWidth: cityWidth,
          maxLines: 1,
          align: 'right',
        }),
      },
      Rule: { y: headerHeight + 8, w: SAFE.w, h: 4, color: theme.accent },
    });
  }
}
