// Apart from keyRegistration.ts, so the profile schema can read them without an import cycle.

/**
 * Key names of Samsung's TVInputDevice API a web app may register (the key table of Samsung's
 * remote-control guide, https://developer.samsung.com/tv/develop/guides/user-interaction/remote-control).
 * ArrowLeft/Up/Right/Down, Enter and Back are always delivered and cannot be registered, so they are
 * not here. Which of these a set really has, it lists with `tizen.tvinputdevice.getSupportedKeys()`.
 */
export const TIZEN_INPUT_KEY_NAMES = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'Minus',
  'ColorF0Red',
  'ColorF1Green',
  'ColorF2Yellow',
  'ColorF3Blue',
  'Info',
  'Menu',
  'Tools',
  'Exit',
  'Search',
  'Guide',
  'Source',
  'ChannelList',
  'PreviousChannel',
  'ChannelUp',
  'ChannelDown',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaPlay',
  'MediaPause',
  'MediaPlayPause',
  'MediaStop',
  'MediaRewind',
  'MediaFastForward',
  'MediaRecord',
  'MediaTrackPrevious',
  'MediaTrackNext',
  'Caption',
  'Teletext',
  'PictureSize',
  'E-Manual',
  'MTS',
  '3D',
  'Soccer',
  'Extra',
] as const;
export type TizenInputKeyName = (typeof TIZEN_INPUT_KEY_NAMES)[number];

/**
 * The OIPF DAE Keyset constants, as HbbTV adopts them (https://developer.hbbtv.org/references/apis/application-management-apis/the-keyset-class/).
 * NAVIGATION is the arrows, ENTER and BACK; OTHER stands for the keys of `setValue`'s second
 * argument, which this code does not pass.
 */
export const OIPF_KEYSET_BITS = {
  RED: 0x1,
  GREEN: 0x2,
  YELLOW: 0x4,
  BLUE: 0x8,
  NAVIGATION: 0x10,
  VCR: 0x20,
  SCROLL: 0x40,
  INFO: 0x80,
  NUMERIC: 0x100,
  ALPHA: 0x200,
  OTHER: 0x400,
} as const;
export type OipfKeysetName = keyof typeof OIPF_KEYSET_BITS;
export const OIPF_KEYSET_NAMES = Object.keys(OIPF_KEYSET_BITS) as [OipfKeysetName, ...OipfKeysetName[]];
