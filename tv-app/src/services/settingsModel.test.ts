import { DEFAULT_DEVICE_SETTINGS, applySettingsPatch, type DeviceSettings } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { SETTINGS_ROWS, changeFor, nextTextScale, rowValueKey, stepValue } from './settingsModel';

const settings = (patch: Partial<DeviceSettings> = {}): DeviceSettings => ({
  ...DEFAULT_DEVICE_SETTINGS,
  ...patch,
});

describe('yellow key', () => {
  it('cycles the text size ×1 → ×1.25 → ×1.5 → ×1', () => {
    expect(nextTextScale(1)).toBe(1.25);
    expect(nextTextScale(1.25)).toBe(1.5);
    expect(nextTextScale(1.5)).toBe(1);
  });
});

describe('stepValue', () => {
  it('stops at the ends without wrap and goes round with it', () => {
    expect(stepValue([1, 2, 3], 3, 1, false)).toBe(3);
    expect(stepValue([1, 2, 3], 1, -1, false)).toBe(1);
    expect(stepValue([1, 2, 3], 3, 1, true)).toBe(1);
    expect(stepValue([1, 2, 3], 1, -1, true)).toBe(3);
    expect(stepValue([1, 2, 3], 2, 1, false)).toBe(3);
  });
});

describe('settings rows', () => {
  it('are text size, speech on/off, speed, volume and language, in that order', () => {
    expect(SETTINGS_ROWS).toEqual(['textScale', 'speechEnabled', 'speechRate', 'speechVolume', 'language']);
  });

  it('right makes the text larger and stops at the largest; OK goes round', () => {
    expect(changeFor('textScale', settings(), 1, false)).toEqual({ textScale: 1.25 });
    expect(changeFor('textScale', settings({ textScale: 1.5 }), 1, false)).toBeUndefined();
    expect(changeFor('textScale', settings({ textScale: 1.5 }), 1, true)).toEqual({ textScale: 1 });
    expect(changeFor('textScale', settings(), -1, false)).toBeUndefined();
  });

  it('any key flips spoken guidance', () => {
    expect(changeFor('speechEnabled', settings(), 1, false)).toEqual({ speech: { enabled: false } });
    expect(changeFor('speechEnabled', settings(), -1, true)).toEqual({ speech: { enabled: false } });
  });

  it('steps speed and volume through the offered values', () => {
    expect(changeFor('speechRate', settings(), -1, false)).toEqual({ speech: { rate: 0.8 } });
    expect(changeFor('speechRate', settings(), 1, false)).toEqual({ speech: { rate: 1.25 } });
    expect(changeFor('speechVolume', settings(), 1, false)).toBeUndefined();
    expect(changeFor('speechVolume', settings(), -1, false)).toEqual({ speech: { volume: 0.75 } });
  });

  it('goes round the languages both ways', () => {
    expect(changeFor('language', settings(), 1, false)).toEqual({ language: 'en' });
    expect(changeFor('language', settings({ language: 'ja-easy' }), 1, false)).toEqual({ language: 'ja' });
    expect(changeFor('language', settings(), -1, false)).toEqual({ language: 'ja-easy' });
  });

  it('makes patches the shared settings code applies', () => {
    const patch = changeFor('speechRate', settings(), 1, false);
    expect(patch && applySettingsPatch(settings(), patch).speech).toEqual({
      enabled: true,
      rate: 1.25,
      volume: 1,
    });
  });

  it('names where each value label lives in the i18n resources', () => {
    expect(rowValueKey('textScale', settings({ textScale: 1.25 }))).toEqual({
      object: 'settings.textSizeValue',
      key: '1.25',
    });
    expect(rowValueKey('speechEnabled', settings())).toBe('settings.speechOn');
    expect(rowValueKey('language', settings({ language: 'ja-easy' }))).toEqual({
      object: 'settings.languageValue',
      key: 'ja-easy',
    });
  });
});
