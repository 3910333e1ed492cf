/** Two notes, as a telephone rings; every few seconds while a call back rings. */
const NOTES = [
  { frequency: 880, start: 0, length: 0.35 },
  { frequency: 660, start: 0.45, length: 0.5 },
] as const;
const EVERY_MS = 3_000;

type AudioContextConstructor = new () => AudioContext;

/**
 * The ring of a call back, made with Web Audio (no sound file to ship). Quietly does nothing on
 * a box without Web Audio: the full-screen card and the spoken words still tell the viewer.
 */
export class Ringer {
  private context: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly win: Window) {}

  start(): void {
    if (this.timer !== undefined) return;
    const Context =
      (
        this.win as Window & {
          AudioContext?: AudioContextConstructor;
          webkitAudioContext?: AudioContextConstructor;
        }
      ).AudioContext ??
      (this.win as Window & { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext;
    if (!Context) return;
    try {
      this.context = new Context();
    } catch {
      return;
    }
    this.ring();
    this.timer = setInterval(() => this.ring(), EVERY_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }

  private ring(): void {
    const context = this.context;
    if (!context) return;
    void context.resume().catch(() => undefined);
    const now = context.currentTime;
    for (const note of NOTES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = note.frequency;
      gain.gain.setValueAtTime(0.0001, now + note.start);
      gain.gain.exponentialRampToValueAtTime(0.3, now + note.start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + note.start + note.length);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + note.start);
      oscillator.stop(now + note.start + note.length + 0.05);
    }
  }
}
