import { Launch, Utils, type Lightning } from '@lightningjs/sdk';
import type { Platform } from '@madoguchi/stb-bridge';
import { lightningKeys } from './keyConfig';
import { FONT_FAMILY, FONT_FILES } from './ui/fonts';
import { stageSize } from './ui/layout';

/** The SDK's font list: our two weights under one family (`fontStyle: 'bold'` picks the bold one). */
export function fonts() {
  return FONT_FILES.map(({ file, weight }) => ({
    family: FONT_FAMILY,
    url: Utils.asset(file),
    descriptors: { weight, display: 'block' },
  }));
}

interface FontDefinition {
  family: string;
  url: string;
  descriptors?: FontFaceDescriptors;
}

/**
 * The SDK loads fonts one after another and never starts the app if one fails. Load them side by
 * side, and start anyway on failure: the fallback fonts are better than a black screen.
 */
function loadFonts(fontsToLoad: FontDefinition[], store: FontFace[]): Promise<void> {
  return Promise.all(
    fontsToLoad.map(async ({ family, url, descriptors }) => {
      try {
        const face = new FontFace(family, `url(${url})`, descriptors ?? {});
        store.push(face);
        document.fonts.add(face);
        await face.load();
      } catch (error) {
        console.error(`font ${url} could not load; using the fallback fonts`, error);
      }
    }),
  ).then(() => undefined);
}

export interface LaunchOptions {
  App: Lightning.Component.Constructor;
  platform: Platform;
  version: string;
  window: Window;
}

/**
 * `Launch()` wants every core option in its types; this is the one place that builds them.
 * The stage is sized explicitly (the SDK's automatic 720p only triggers at exactly 720 px high).
 */
export function launch(options: LaunchOptions): Lightning.Application {
  const { platform, window: win } = options;
  const { w, h, precision } = stageSize(win.innerWidth, win.innerHeight);
  const lowMemory = platform.profile.memoryClass === 'low';
  // Cast because the SDK's Options type requires every core stage option; Lightning fills in the rest.
  const appSettings = {
    stage: {
      w,
      h,
      precision,
      // Transparent: a later <video> under the canvas shows through holes in the scene.
      clearColor: 0x00000000,
      useImageWorker: false,
      memoryPressure: lowMemory ? 12e6 : 24e6,
      fontSharp: false,
    },
    debug: false,
    keys: lightningKeys(platform.keyMap),
    defaultFontFace: FONT_FAMILY,
    version: options.version,
  } as unknown as Lightning.Application.Options;
  const platformSettings = {
    path: './static',
    width: w,
    height: h,
    esEnv: 'es6' as const,
    showVersion: false,
    showFps: false,
    inspector: false,
    fontLoader: loadFonts,
    // Never close: Back on Home does nothing (TV-UX.md); the app handles Back before this.
    onClose: () => undefined,
  };
  const app = Launch(options.App, appSettings, platformSettings);
  const canvas = app.stage.getCanvas();
  canvas.style.left = `${Math.round((win.innerWidth - w) / 2)}px`;
  canvas.style.top = `${Math.round((win.innerHeight - h) / 2)}px`;
  win.document.body.appendChild(canvas);
  return app;
}
