import { Button } from '../components/Button';
import { textSettings } from '../components/card';
import { ctx, shell } from '../services/runtime';
import { wrapLines } from '../ui/layout';
import type { FirstStartDetails, FirstStartPhase } from '../testHook/screenDetails';
import { Page } from './Page';

/** Welcome; OK registers this TV. After a revocation it says so; a failure offers one retry button. */
export class FirstStartPage extends Page<'firstStart'> {
  readonly route = 'firstStart' as const;
  private phase: FirstStartPhase = 'idle';

  static override _template() {
    return { Body: {}, Message: {}, Start: { type: Button } };
  }

  title(): string {
    return ctx().t('firstStart.title');
  }

  private message(): string | null {
    if (this.phase === 'registering') return ctx().t('firstStart.registering');
    if (this.phase === 'failed') return ctx().t('firstStart.failed');
    if (ctx().firstStartReason === 'revoked') return ctx().t('firstStart.revoked');
    return null;
  }

  private buttonLabel(): string {
    return ctx().t(this.phase === 'failed' ? 'tvApp.retry' : 'firstStart.start');
  }

  override focusIndex(): number {
    return 0;
  }

  override focusId(): string {
    return 'start';
  }

  override focusSpeech(): string {
    return this.phase === 'registering' ? ctx().t('firstStart.registering') : this.buttonLabel();
  }

  override openingSpeech(): string {
    return [this.message(), ctx().t('firstStart.body'), this.buttonLabel()].filter(Boolean).join(' ');
  }

  override visibleTexts(): string[] {
    const message = this.message();
    return [this.title(), ctx().t('firstStart.body'), ...(message ? [message] : []), this.buttonLabel()];
  }

  override details(): FirstStartDetails {
    return { phase: this.phase, reason: ctx().firstStartReason };
  }

  protected draw(): void {
    const { w } = this.frame;
    // The first screen has one idea and lots of room: larger than body text.
    const fontSize = this.sizes.tile;
    const lineHeight = Math.round(fontSize * 1.4);
    const theme = ctx().theme;
    const measure = ctx().measure;
    const textWidth = w - 80;
    const body = ctx().t('firstStart.body');
    const bodyLines = wrapLines(body, textWidth, fontSize, false, measure).length;
    const message = this.message();
    const messageLines = message ? wrapLines(message, textWidth, fontSize, true, measure).length : 0;
    const messageTop = 40 + bodyLines * lineHeight + 40;
    const buttonTop = messageTop + (message ? messageLines * lineHeight + 48 : 0);
    const buttonH = Math.round(fontSize * 2.4);
    const buttonW = Math.min(
      textWidth,
      Math.round(Math.max(measure(this.buttonLabel(), fontSize, true) + 4 * fontSize, 640)),
    );
    this.patch({
      Body: {
        x: 40,
        y: 40,
        text: textSettings({ text: body, fontSize, colour: theme.text, wrapWidth: textWidth, lineHeight }),
      },
      Message: {
        visible: message !== null,
        x: 40,
        y: messageTop,
        text: textSettings({
          text: message ?? '',
          fontSize,
          colour: theme.focus,
          bold: true,
          wrapWidth: textWidth,
          lineHeight,
        }),
      },
    });
    const button = this.tag('Start') as Button;
    button.patch({ x: 40 + 20, y: buttonTop + 20 });
    button.update({
      label: this.buttonLabel(),
      w: buttonW,
      h: buttonH,
      fontSize,
      focused: true,
      enabled: this.phase !== 'registering',
      theme,
    });
  }

  override _handleEnter(): boolean {
    if (this.phase === 'registering') return true;
    this.phase = 'registering';
    this.focusMoved();
    ctx()
      .register()
      .then(
        () => shell().reset('home'),
        () => {
          this.phase = 'failed';
          if (!this.attached) return;
          this.focusMoved();
          ctx().announcer.focus(`${ctx().t('firstStart.failed')} ${this.buttonLabel()}`);
        },
      );
    return true;
  }
}
