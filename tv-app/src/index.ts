import { createPlatform } from '@madoguchi/stb-bridge';
import { version } from '../package.json';
import { App } from './App';
import { loadBootConfig } from './bootConfig';
import { fonts, launch } from './launch';
import { AppContext } from './services/AppContext';
import { setContext } from './services/runtime';
import { canvasMeasure } from './ui/fonts';

async function main(): Promise<void> {
  // Packaged (madoguchi.json beside the page) or hosted by window-server (same origin, the
  // city from the path /t/<tenant>/tv/); either way the channel opens below the city's base.
  const boot = await loadBootConfig(window);
  const platform = createPlatform({
    profileName: boot.profile,
    appVersion: version,
    window,
    ...(boot.keyMapOverride ? { keyMapOverride: boot.keyMapOverride } : {}),
  });
  const context = await AppContext.create({
    platform,
    baseUrl: boot.apiBase,
    measure: canvasMeasure(),
    // Told to the server at hello: the pushed configuration this start really uses.
    appliedConfigVersion: boot.pushedConfigVersion,
  });
  setContext(context);
  // The SDK's Launch asks the app class for its fonts (a static getFonts).
  Object.assign(App, { getFonts: fonts });
  launch({ App, platform, version, window });
}

main().catch((error: unknown) => console.error('the TV app could not start', error));
