#!/usr/bin/env node
// `npx stb-bridge …`: the packager's command line, compiled by `tsc -b` into dist/.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/packager/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('stb-bridge is not built: run "npx tsc -b" (or "npm run build") at the repository root');
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
