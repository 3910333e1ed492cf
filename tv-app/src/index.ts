import { DEFAULT_PROFILE_NAME, createPlatform, findProfile } from '@madoguchi/stb-bridge';
import { version } from '../package.json';
import { App } from './App';
import { fonts, launch } from './launch';
import { AppContext } from './services/AppContext';
import { setContext } from './services/runtime';
import { canvasMeasure } from './ui/fonts';

/** `?profile=hbbtv` picks the set-top box profile; unknown names fall back to the browser. */
function profileName(search: string): string {
  const requested = new URLSearchParams(search).get('profile') ?? DEFAULT_PROFILE_NAME;
  if (findProfile(requested)) return requested;
  console.warn(`unknown profile "${requested}", using "${DEFAULT_PROFILE_NAME}"`);
  return DEFAULT_PROFILE_NAME;
}

async function main(): Promise<void> {
  const platform = createPlatform({ profileName: profileName(location.search), appVersion: version, window });
  const context = await AppContext.create({
    platform,
    // Served by window-server itself: same origin, default socket.io path.
    serverUrl: location.origin,
    measure: canvasMeasure(),
  });
  setContext(context);
  (App as unknown as { getFonts: typeof fonts }).getFonts = fonts;
  launch({ App, platform, version, window });
}

main().catch((error: unknown) => console.error('the TV app could not start', error));
