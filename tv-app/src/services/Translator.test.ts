import { describe, expect, it } from 'vitest';
import { Translator } from './Translator';

describe('Translator', () => {
  it('translates with parameters and switches language for every text at once', async () => {
    const texts = await Translator.create('ja');
    expect(texts.t('app.tenantGreeting', { city: '大村市' })).toBe('大村市 テレビ窓口');
    expect(texts.speechLang).toBe('ja-JP');
    await texts.setLanguage('en');
    expect(texts.language).toBe('en');
    expect(texts.t('home.title')).toBe('Home');
    expect(texts.speechLang).toBe('en-US');
    await texts.setLanguage('ja-easy');
    expect(texts.t('home.title')).toBe('ホーム');
    expect(texts.t('legend.green')).toBe('ひとと はなす');
    expect(texts.speechLang).toBe('ja-JP');
  });

  it('picks values whose keys contain dots', async () => {
    const texts = await Translator.create('ja');
    expect(texts.pick('settings.textSizeValue', '1.25')).toBe('大きい');
    expect(texts.pick('settings.speechRateValue', '0.8')).toBe('ゆっくり');
    expect(texts.pick('settings.textSizeValue', 'nope')).toBe('nope');
  });
});
