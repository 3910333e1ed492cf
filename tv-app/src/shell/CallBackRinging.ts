import { Lightning } from '@lightningjs/sdk';
import { errorKey, isErrorKey } from '@madoguchi/shared';
import { RingingOverlay } from '../components/RingingOverlay';
import { speechOf, topicLabel } from '../services/counterModel';
import { ctx, shell } from '../services/runtime';
import { Ringer } from '../ui/Ringer';
import { overlayFrame } from '../ui/layout';
import { typography } from '../ui/theme';

/** While a call back rings, the words are said again this often. */
const RING_SPEECH_EVERY_MS = 9_000;

interface RingingTexts {
  title: string;
  lines: string[];
  answer: string;
  decline: string;
}

/**
 * An officer calls this TV back: over whatever screen is on, it rings (sound, a pulsing card,
 * the words said again every few seconds) until it is answered, declined or ends. While it
 * rings it holds the focus: OK, green or 0 answer, red declines, Back and blue say it again.
 */
export class CallBackRinging extends Lightning.Component {
  private ringing = false;
  private answering = false;
  private readonly ringer = new Ringer(window);
  private ringSpeech: ReturnType<typeof setInterval> | undefined;

  static override _template(): Lightning.Component.Template {
    return { Overlay: { type: RingingOverlay, visible: false } };
  }

  get isRinging(): boolean {
    return this.ringing;
  }

  private get overlay(): RingingOverlay {
    return this.tag('Overlay') as RingingOverlay;
  }

  /** It rings (again: the caller's name or topic may have changed). */
  start(): void {
    const wasRinging = this.ringing;
    this.ringing = true;
    this.answering = false;
    this.draw();
    if (wasRinging) return;
    this.overlay.setRinging(true);
    this._refocus();
    this.ringer.start();
    this.say(true);
    this.ringSpeech = setInterval(() => this.say(false), RING_SPEECH_EVERY_MS);
  }

  /** Answered, declined, or ended: the screen under it again. */
  stop(): void {
    if (!this.ringing) return;
    this.ringing = false;
    this.answering = false;
    this.overlay.setRinging(false);
    this.ringer.stop();
    if (this.ringSpeech !== undefined) clearInterval(this.ringSpeech);
    this.ringSpeech = undefined;
    this._refocus();
  }

  /** For the current settings (text size, language); nothing while it does not ring. */
  draw(): void {
    if (!this.ringing) return;
    const context = ctx();
    const { textScale } = context.settings;
    this.overlay.update({
      frame: overlayFrame(textScale),
      ...this.texts(),
      busy: this.answering,
      busyText: context.t('tvApp.counter.ringing.answering'),
      sizes: typography(textScale),
      theme: context.theme,
    });
  }

  private texts(): RingingTexts {
    const context = ctx();
    const call = context.counter.call;
    const topic = call ? topicLabel(context.counter.info, call.topic, context.language) : '';
    return {
      title: context.t('tvApp.counter.ringing.title'),
      lines: [
        context.t('tvApp.counter.ringing.caller', { officer: call?.officerName ?? '' }),
        ...(topic ? [context.t('tvApp.counter.ringing.topic', { topic })] : []),
      ],
      answer: context.t('tvApp.counter.ringing.answer'),
      decline: context.t('tvApp.counter.ringing.decline'),
    };
  }

  /** Said when it starts ringing (interrupting), then again every few seconds. */
  private say(first: boolean): void {
    const texts = this.texts();
    const words = speechOf([...texts.lines, texts.answer, texts.decline]);
    if (first) ctx().announcer.screen(texts.title, words);
    else if (!this.answering) ctx().announcer.notice(speechOf([texts.title, words]));
  }

  private answer(): boolean {
    if (this.answering) return true;
    this.answering = true;
    this.draw();
    ctx()
      .counter.answer()
      .catch((error: unknown) => {
        this.stop();
        const message = (error as { message?: unknown }).message;
        shell().toast(ctx().t(isErrorKey(message) ? message : errorKey('INTERNAL')), true);
      });
    return true;
  }

  private decline(): boolean {
    if (this.answering) return true;
    ctx()
      .counter.decline()
      .catch(() => this.stop());
    return true;
  }

  private sayAgain(): boolean {
    this.say(true);
    return true;
  }

  override _handleEnter(): boolean {
    return this.answer();
  }

  _handleGreen(): boolean {
    return this.answer();
  }

  _handleDigit0(): boolean {
    return this.answer();
  }

  _handleRed(): boolean {
    return this.decline();
  }

  /** Back neither answers nor declines: it says what the keys do. */
  override _handleBack(): boolean {
    return this.sayAgain();
  }

  _handleBlue(): boolean {
    return this.sayAgain();
  }

  /** Home waits until the call back is answered or declined. */
  _handleData(): boolean {
    return true;
  }
}
