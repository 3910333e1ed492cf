// Build-time constants that vite.config.ts defines (`define`), so a release build drops what they guard.
interface ImportMetaEnv {
  /** The test hook (`window.__madoguchi`) is built in: the hosted and dev builds, not the release build. */
  readonly MADOGUCHI_TEST_HOOK: boolean;
}
