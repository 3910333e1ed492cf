import type { Page } from '../pages/Page';
import { humanRoute } from '../pages/routes';
import { ctx, type Shell } from '../services/runtime';
import { nextTextScale } from '../services/settingsModel';

/** What the keys need of the app around the screens. */
export type KeyedApp = Shell & { readonly screen: Page | undefined };

/**
 * What the keys mean on every screen (TV-UX.md). A screen, a card or a ringing call back
 * handles a key first; what they pass on bubbles up to the app, which asks here.
 */
export class GlobalKeys {
  constructor(private readonly app: KeyedApp) {}

  /** OK on a screen that does not use it: nothing. */
  enter(): boolean {
    return true;
  }

  /** Back: one step back; on Home (or any first screen) nothing, and never leave the app. */
  back(): boolean {
    this.app.back();
    return true;
  }

  /** Red: cancel, one step back. */
  red(): boolean {
    this.app.back();
    return true;
  }

  /** Green (and 0): a human — the video counter when offered, else the hours and the phone number. */
  green(): boolean {
    const services = ctx().tenant?.services;
    if (!services || !ctx().registered) return true;
    this.app.open(humanRoute(services));
    return true;
  }

  /** Yellow: larger text, ×1 → ×1.25 → ×1.5 → ×1, saved. */
  yellow(): boolean {
    const context = ctx();
    void context.updateSettings({ textScale: nextTextScale(context.settings.textScale) }).then((result) => {
      if (result === 'failed') this.app.toast(context.t('settings.saveFailed'), true);
    });
    return true;
  }

  /** Blue: read the screen and the focused item again. */
  blue(): boolean {
    const page = this.app.screen;
    if (page) ctx().announcer.repeat(ctx().t('speech.screen', { title: page.title() }), page.focusSpeech());
    return true;
  }

  /** d (data) key: Home. */
  data(): boolean {
    const context = ctx();
    if (context.registered && context.session && this.app.screen?.route !== 'home') this.app.reset('home');
    return true;
  }
}
