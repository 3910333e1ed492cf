import type { SpeakOptions, SpeechOutput } from '@madoguchi/stb-bridge';
import { describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_LOG_SIZE, Announcer, type Voice } from './Announcer';

class RecordingSpeech implements SpeechOutput {
  readonly available = true;
  readonly spoken: { text: string; options: SpeakOptions }[] = [];
  cancels = 0;
  speak(text: string, options: SpeakOptions): void {
    this.spoken.push({ text, options });
  }
  cancel(): void {
    this.cancels++;
  }
}

function setUp(voice: Partial<Voice> = {}) {
  const speech = new RecordingSpeech();
  const current: Voice = { enabled: true, lang: 'ja-JP', rate: 1, volume: 1, ...voice };
  const announcer = new Announcer(speech, () => current);
  return { speech, announcer, current };
}

describe('Announcer', () => {
  it('says the title then the focused item when a screen opens, cutting off what was said', () => {
    const { speech, announcer } = setUp({ rate: 0.8, volume: 0.5 });
    announcer.screen('ホームの画面です。', '1番、窓口の時間');
    expect(speech.cancels).toBe(1);
    expect(speech.spoken.map((s) => s.text)).toEqual(['ホームの画面です。', '1番、窓口の時間']);
    expect(speech.spoken[0]?.options).toEqual({ enabled: true, lang: 'ja-JP', rate: 0.8, volume: 0.5 });
    expect(announcer.log).toEqual(['ホームの画面です。', '1番、窓口の時間']);
  });

  it('is silent when spoken guidance is off, except when the viewer asks (blue key)', () => {
    const { speech, announcer } = setUp({ enabled: false });
    announcer.screen('設定の画面です。', '文字の大きさ、ふつう');
    announcer.focus('読み上げ、しない');
    announcer.notice('保存しました');
    expect(speech.spoken).toEqual([]);
    expect(announcer.log).toEqual([]);
    announcer.repeat('設定の画面です。', '読み上げ、しない');
    expect(speech.spoken.map((s) => s.text)).toEqual(['設定の画面です。', '読み上げ、しない']);
  });

  it('uses the language and voice settings of the moment', () => {
    const { speech, announcer, current } = setUp();
    announcer.focus('ことば、日本語');
    current.lang = 'en-US';
    current.rate = 1.25;
    announcer.focus('Language, English');
    expect(speech.spoken[1]?.options).toMatchObject({ lang: 'en-US', rate: 1.25 });
  });

  it('queues notices after what is being said', () => {
    const { speech, announcer } = setUp();
    announcer.focus('文字の大きさ、大きい');
    announcer.notice('保存しました');
    expect(speech.cancels).toBe(1);
    expect(speech.spoken.map((s) => s.text)).toEqual(['文字の大きさ、大きい', '保存しました']);
  });

  it(`keeps the last ${ANNOUNCEMENT_LOG_SIZE} announcements in the same array`, () => {
    const { announcer } = setUp();
    const log = announcer.log;
    for (let i = 0; i < 60; i++) announcer.focus(`item ${i}`);
    expect(announcer.log).toBe(log);
    expect(log).toHaveLength(ANNOUNCEMENT_LOG_SIZE);
    expect(log[0]).toBe('item 10');
    expect(log.at(-1)).toBe('item 59');
  });
});
