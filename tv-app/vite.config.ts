import { defineConfig } from 'vite';

/** `vite build --mode release`: the build the packager packs, without the test hook. */
const RELEASE_MODE = 'release';

export default defineConfig(({ mode }) => {
  const release = mode === RELEASE_MODE;
  return {
    // Served by window-server under /tv/, and from a file or any folder in an operator package.
    base: './',
    define: {
      // A constant, so the release build tree-shakes the hook and its module away.
      'import.meta.env.MADOGUCHI_TEST_HOOK': JSON.stringify(!release),
    },
    resolve: {
      // Workspace packages resolve to their TypeScript sources.
      conditions: ['source', 'module', 'browser', 'development|production'],
    },
    build: {
      // Set-top boxes run old Chromium (≈ 2019); es2019 is what they all parse.
      target: 'es2019',
      // dist: hosted by window-server (e2e and benchmarks read its hook); dist-release: packaged.
      outDir: release ? 'dist-release' : 'dist',
      emptyOutDir: true,
      assetsInlineLimit: 0,
      // ≈ 906 kB (≈ 251 kB gzip) with sign-in, household, consent and the four service screens
      // (notices, wallet, mutual aid, childcare) and their texts in three languages (not the staff
      // console's: TV_TEXTS only), the seven STB profiles, the packaged-app boot and the fleet
      // report; the QR encoder is a separate chunk, loaded when a QR code is first shown. A warning
      // past this means the app grew again.
      chunkSizeWarningLimit: 920,
    },
    esbuild: { target: 'es2019' },
    server: {
      host: '127.0.0.1',
      // `npm run dev -w @madoguchi/tv-app` against a window-server on 8181: open /t/<tenant>/tv/
      // (the app reads its city from the path); the city's API sits below /t/<tenant>/api/.
      proxy: {
        '/socket.io': { target: 'http://127.0.0.1:8181', ws: true },
        '^/t/[^/]+/api/': { target: 'http://127.0.0.1:8181' },
      },
    },
  };
});
