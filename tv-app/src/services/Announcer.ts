import type { SpeechOutput } from '@madoguchi/stb-bridge';

export interface Voice {
  enabled: boolean;
  lang: string;
  rate: number;
  volume: number;
}

export const ANNOUNCEMENT_LOG_SIZE = 50;

/**
 * Spoken guidance. Lightning has no DOM and no ARIA, so the app says what a screen reader
 * would: the screen's title when it opens, the focused item when focus moves.
 */
export class Announcer {
  /** The last announcements, oldest first; the same array for the app's whole life (tests read it). */
  readonly log: string[] = [];

  constructor(
    private readonly speech: SpeechOutput,
    private readonly voice: () => Voice,
  ) {}

  /** A new screen: its title, then the focused item. Interrupts whatever was being said. */
  screen(title: string, focused: string | null): void {
    this.say([title, focused], false);
  }

  /** Focus moved: the new item only, cutting off the previous one. */
  focus(text: string | null): void {
    this.say([text], false);
  }

  /** Something happened that the viewer should hear about (saved, connection back). */
  notice(text: string): void {
    const voice = this.voice();
    if (!voice.enabled) return;
    this.remember(text);
    this.speech.speak(text, voice);
  }

  /** Blue key: the viewer asked, so it speaks even when spoken guidance is off. */
  repeat(title: string, focused: string | null): void {
    this.say([title, focused], true);
  }

  stop(): void {
    this.speech.cancel();
  }

  private say(texts: (string | null)[], asked: boolean): void {
    const voice = this.voice();
    if (!voice.enabled && !asked) return;
    this.speech.cancel();
    for (const text of texts) {
      if (!text) continue;
      this.remember(text);
      this.speech.speak(text, voice);
    }
  }

  private remember(text: string): void {
    this.log.push(text);
    if (this.log.length > ANNOUNCEMENT_LOG_SIZE) this.log.splice(0, this.log.length - ANNOUNCEMENT_LOG_SIZE);
  }
}
