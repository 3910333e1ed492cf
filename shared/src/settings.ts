import { z } from 'zod';

export const LANGUAGES = ['ja', 'en', 'ja-easy'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TEXT_SCALES = [1, 1.25, 1.5] as const;
export type TextScale = (typeof TEXT_SCALES)[number];

/** Speech rates offered on the TV: ゆっくり, ふつう, はやい. */
export const SPEECH_RATES = [0.8, 1, 1.25] as const;
export type SpeechRate = (typeof SPEECH_RATES)[number];

/** Speech volumes offered on the TV: 小, 中, 大. */
export const SPEECH_VOLUMES = [0.5, 0.75, 1] as const;
export type SpeechVolume = (typeof SPEECH_VOLUMES)[number];

export const languageSchema = z.enum(LANGUAGES);
export const textScaleSchema = z.literal(TEXT_SCALES);
export const speechRateSchema = z.literal(SPEECH_RATES);
export const speechVolumeSchema = z.literal(SPEECH_VOLUMES);

export const deviceSettingsSchema = z.strictObject({
  textScale: textScaleSchema,
  language: languageSchema,
  speech: z.strictObject({
    enabled: z.boolean(),
    rate: speechRateSchema,
    volume: speechVolumeSchema,
  }),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

/** A change to some settings; what is not named stays as it is. */
export const deviceSettingsPatchSchema = z.strictObject({
  textScale: textScaleSchema.optional(),
  language: languageSchema.optional(),
  speech: z
    .strictObject({
      enabled: z.boolean().optional(),
      rate: speechRateSchema.optional(),
      volume: speechVolumeSchema.optional(),
    })
    .optional(),
});
export type DeviceSettingsPatch = z.infer<typeof deviceSettingsPatchSchema>;

/** Spoken guidance is on by default for new households (TV-UX.md). */
export const DEFAULT_DEVICE_SETTINGS: DeviceSettings = {
  textScale: 1,
  language: 'ja',
  speech: { enabled: true, rate: 1, volume: 1 },
};

export function applySettingsPatch(settings: DeviceSettings, patch: DeviceSettingsPatch): DeviceSettings {
  return {
    textScale: patch.textScale ?? settings.textScale,
    language: patch.language ?? settings.language,
    speech: {
      enabled: patch.speech?.enabled ?? settings.speech.enabled,
      rate: patch.speech?.rate ?? settings.speech.rate,
      volume: patch.speech?.volume ?? settings.speech.volume,
    },
  };
}
