import type { SpeakOptions, SpeechOutput } from './Platform.js';

export class SilentSpeech implements SpeechOutput {
  readonly available = false;

  speak(): void {
    // This box cannot speak.
  }

  cancel(): void {
    // Nothing is being spoken.
  }
}

/** Web Speech API (`speechSynthesis`). */
export class WebSpeech implements SpeechOutput {
  readonly available = true;
  private readonly synth: SpeechSynthesis;
  private readonly Utterance: typeof SpeechSynthesisUtterance;

  constructor(synth: SpeechSynthesis, Utterance: typeof SpeechSynthesisUtterance) {
    this.synth = synth;
    this.Utterance = Utterance;
  }

  speak(text: string, options: SpeakOptions): void {
    const utterance = new this.Utterance(text);
    utterance.lang = options.lang;
    utterance.rate = options.rate;
    utterance.volume = options.volume;
    // Voices load asynchronously on some browsers: ask every time rather than caching an empty list.
    const voice = pickVoice(this.synth.getVoices(), options.lang);
    if (voice) utterance.voice = voice;
    this.synth.speak(utterance);
  }

  cancel(): void {
    this.synth.cancel();
  }
}

interface VoiceLike {
  lang: string;
  localService: boolean;
}

/** A voice for the language: exact tag first, then the same primary language; local voices first. */
export function pickVoice<V extends VoiceLike>(voices: readonly V[], lang: string): V | undefined {
  const normalise = (tag: string) => tag.replace(/_/g, '-').toLowerCase();
  const wanted = normalise(lang);
  const primary = wanted.split('-')[0];
  const byLocalFirst = [...voices].sort((a, b) => Number(b.localService) - Number(a.localService));
  return (
    byLocalFirst.find((voice) => normalise(voice.lang) === wanted) ??
    byLocalFirst.find((voice) => normalise(voice.lang).split('-')[0] === primary)
  );
}
