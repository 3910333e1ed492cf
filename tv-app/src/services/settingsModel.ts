import {
  LANGUAGES,
  SPEECH_RATES,
  SPEECH_VOLUMES,
  TEXT_SCALES,
  type DeviceSettings,
  type DeviceSettingsPatch,
  type TextScale,
} from '@madoguchi/shared';

/** The Settings screen, top to bottom. */
export const SETTINGS_ROWS = [
  'textScale',
  'speechEnabled',
  'speechRate',
  'speechVolume',
  'language',
] as const;
export type SettingsRowId = (typeof SETTINGS_ROWS)[number];

export type Step = 1 | -1;

/** Next value in `values`; `wrap` goes round from the last to the first (OK key), else stops. */
export function stepValue<T>(values: readonly T[], current: T, step: Step, wrap: boolean): T {
  const index = values.indexOf(current);
  const from = index < 0 ? 0 : index;
  const next = from + step;
  if (next >= 0 && next < values.length) return values[next] as T;
  if (!wrap) return values[from] as T;
  return values[(next + values.length) % values.length] as T;
}

/** Yellow key: ×1 → ×1.25 → ×1.5 → ×1. */
export function nextTextScale(scale: TextScale): TextScale {
  return stepValue(TEXT_SCALES, scale, 1, true);
}

/**
 * The change one key press makes on a row. Left/Right stop at the ends of ordered values
 * (text size, speed, volume) so a press never jumps from largest to smallest; OK goes round.
 * Returns undefined when nothing changes.
 */
export function changeFor(
  row: SettingsRowId,
  settings: DeviceSettings,
  step: Step,
  wrap: boolean,
): DeviceSettingsPatch | undefined {
  const patch = patchFor(row, settings, step, wrap);
  const changed =
    (patch.textScale !== undefined && patch.textScale !== settings.textScale) ||
    (patch.language !== undefined && patch.language !== settings.language) ||
    (patch.speech?.enabled !== undefined && patch.speech.enabled !== settings.speech.enabled) ||
    (patch.speech?.rate !== undefined && patch.speech.rate !== settings.speech.rate) ||
    (patch.speech?.volume !== undefined && patch.speech.volume !== settings.speech.volume);
  return changed ? patch : undefined;
}

function patchFor(
  row: SettingsRowId,
  settings: DeviceSettings,
  step: Step,
  wrap: boolean,
): DeviceSettingsPatch {
  switch (row) {
    case 'textScale':
      return { textScale: stepValue(TEXT_SCALES, settings.textScale, step, wrap) };
    case 'speechEnabled':
      // Two values: any press flips it.
      return { speech: { enabled: !settings.speech.enabled } };
    case 'speechRate':
      return { speech: { rate: stepValue(SPEECH_RATES, settings.speech.rate, step, wrap) } };
    case 'speechVolume':
      return { speech: { volume: stepValue(SPEECH_VOLUMES, settings.speech.volume, step, wrap) } };
    case 'language':
      // No order among languages: always go round.
      return { language: stepValue(LANGUAGES, settings.language, step, true) };
  }
}

/** i18n key of a row's label. */
export function rowLabelKey(row: SettingsRowId): string {
  const keys: Record<SettingsRowId, string> = {
    textScale: 'settings.textSize',
    speechEnabled: 'settings.speech',
    speechRate: 'settings.speechRate',
    speechVolume: 'settings.speechVolume',
    language: 'settings.language',
  };
  return keys[row];
}

/** Where a row's value label lives: an i18n object and the key inside it, or a plain key. */
export function rowValueKey(
  row: SettingsRowId,
  settings: DeviceSettings,
): { object: string; key: string } | string {
  switch (row) {
    case 'textScale':
      return { object: 'settings.textSizeValue', key: String(settings.textScale) };
    case 'speechEnabled':
      return settings.speech.enabled ? 'settings.speechOn' : 'settings.speechOff';
    case 'speechRate':
      return { object: 'settings.speechRateValue', key: String(settings.speech.rate) };
    case 'speechVolume':
      return { object: 'settings.speechVolumeValue', key: String(settings.speech.volume) };
    case 'language':
      return { object: 'settings.languageValue', key: settings.language };
  }
}
