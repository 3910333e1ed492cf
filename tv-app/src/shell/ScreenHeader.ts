import { Lightning } from '@lightningjs/sdk';
import { textSettings } from '../components/card';
import { ctx } from '../services/runtime';
import { SAFE, frameOf, type Rect } from '../ui/layout';
import { typography } from '../ui/theme';

/** Above every screen: its title (where the viewer is), the city's name, and a rule. */
export class ScreenHeader extends Lightning.Component {
  /** Where the logo is on the stage, and whether its image has loaded (null: no logo). */
  private logoState: { rect: Rect; src: string; loaded: boolean } | null = null;

  static override _template(): Lightning.Component.Template {
    return { Title: {}, Logo: { visible: false }, City: {}, Rule: { rect: true } };
  }

  override _init(): void {
    const logo = this.tag('Logo')!;
    logo.on('txLoaded', () => {
      if (this.logoState) this.logoState.loaded = true;
    });
    // A logo that does not load (moved, or the server is away) just leaves the name alone.
    logo.on('txError', () => {
      if (this.logoState) this.logoState.loaded = false;
    });
  }

  /** The logo as drawn, for the test hook. */
  logo(): { rect: Rect; loaded: boolean } | null {
    return this.logoState ? { rect: { ...this.logoState.rect }, loaded: this.logoState.loaded } : null;
  }

  /** A toast sits where the city's name is: the name hides while it shows. */
  setCityVisible(visible: boolean): void {
    this.tag('City')!.visible = visible;
    this.tag('Logo')!.alpha = visible ? 1 : 0;
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
    // The city's logo, as tall as its name's line, just left of the name.
    const logo = context.logoUrl();
    const logoSize = Math.round(type.small * 1.4);
    const logoRoom = logo ? logoSize + 16 : 0;
    const logoX = SAFE.w - cityWidth - 16 - logoSize;
    const logoY =
      headerHeight - Math.round(type.small * 1.35) + Math.round((type.small * 1.35 - logoSize) / 2);
    if (!logo) this.logoState = null;
    else if (this.logoState?.src !== logo) {
      this.logoState = { rect: { x: 0, y: 0, w: 0, h: 0 }, src: logo, loaded: false };
      // The address has no extension, from which Lightning would guess PNG's alpha: say so, or
      // an SVG's transparent corners come out black.
      this.tag('Logo')!.texture = { type: Lightning.textures.ImageTexture, src: logo, hasAlpha: true };
    }
    if (this.logoState)
      this.logoState.rect = { x: SAFE.x + logoX, y: SAFE.y + logoY, w: logoSize, h: logoSize };
    this.patch({
      x: SAFE.x,
      y: SAFE.y,
      Title: {
        text: textSettings({
          text: title,
          fontSize: type.title,
          colour: theme.text,
          bold: true,
          wrapWidth: SAFE.w - cityWidth - logoRoom - 40,
          maxLines: 1,
        }),
      },
      Logo: logo
        ? {
            visible: true,
            x: logoX,
            y: logoY,
            w: logoSize,
            h: logoSize,
          }
        : { visible: false },
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
