import { spawn, spawnSync } from 'node:child_process';
import { lstat, readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackageInputError } from './errors.js';
import type { TarEntry } from './ustar.js';

/** The repository: this file is `stb-bridge/{src,dist}/packager/…`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

export async function tvAppVersion(repoRoot = REPO_ROOT): Promise<string> {
  const text = await readFile(join(repoRoot, 'tv-app', 'package.json'), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  if (typeof version !== 'string' || !/^[0-9A-Za-z.+-]+$/.test(version))
    throw new BuildError('tv-app/package.json has no usable version');
  return version;
}

export interface BuildTvAppOptions {
  repoRoot?: string;
  /**
   * The hosted build (tv-app/dist) with the test hook instead of the release build: only for
   * tests that show the packager refusing it.
   */
  withTestHook?: boolean;
}

/**
 * Builds the TV app into `outDir` with the steps of tv-app's `build` script (font subsets,
 * `vite build --mode release`), in child processes with the environment `npm run build` has,
 * so the result is byte for byte the release build in tv-app/dist-release: the app without
 * the test hook. Vite's output is deterministic (content-hashed names, no time stamps): two
 * builds of one tree are identical.
 */
export async function buildTvApp(outDir: string, options: BuildTvAppOptions = {}): Promise<void> {
  const tvApp = join(options.repoRoot ?? REPO_ROOT, 'tv-app');
  const require = createRequire(join(tvApp, 'package.json'));
  const viteDir = dirname(require.resolve('vite/package.json'));
  const viteBin = (
    JSON.parse(await readFile(join(viteDir, 'package.json'), 'utf8')) as { bin: { vite: string } }
  ).bin.vite;
  await run([join(tvApp, 'scripts', 'build-fonts.mjs')], tvApp);
  // tv-app/vite.config.ts: the release mode defines the test hook's flag false.
  const mode = options.withTestHook ? [] : ['--mode', 'release'];
  await run(
    [join(viteDir, viteBin), 'build', ...mode, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    tvApp,
  );
}

function run(args: string[], cwd: string): Promise<void> {
  // Vite sets NODE_ENV=production itself when it is unset, as under `npm run build`; a value
  // inherited from a test runner would change the bundle.
  const env = { ...process.env };
  delete env.NODE_ENV;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BuildError(`building the TV app failed (${args[0]} exited with ${code})\n${stderr}`)),
    );
  });
}

/** Every regular file under `dir`, with `/` paths; links and other special files are refused. */
export async function readAppFiles(dir: string): Promise<TarEntry[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new PackageInputError(`${dir}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  const files: TarEntry[] = [];
  for (const entry of entries) {
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join('/');
    const info = await lstat(full);
    if (info.isDirectory()) continue;
    if (!info.isFile()) throw new BuildError(`${path} in ${dir} is not a regular file`);
    files.push({ path, data: await readFile(full) });
  }
  if (!files.some((file) => file.path === 'index.html'))
    throw new PackageInputError(`${dir} holds no index.html: not a built TV app`);
  return files;
}

/**
 * Seconds since 1970 for every time stamp in the package: `SOURCE_DATE_EPOCH` (the
 * reproducible-builds convention), else the operator file's `buildTime`, else the time of the
 * last git commit. Never the clock: the same inputs must give the same bytes.
 */
export function buildEpoch(
  env: NodeJS.ProcessEnv,
  operatorBuildTime: string | undefined,
  repoRoot = REPO_ROOT,
): { epoch: number; source: string } {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^[0-9]{1,11}$/.test(fromEnv))
      throw new BuildError('SOURCE_DATE_EPOCH must be whole seconds since 1970');
    return { epoch: Number(fromEnv), source: 'SOURCE_DATE_EPOCH' };
  }
  if (operatorBuildTime) {
    return { epoch: Math.floor(Date.parse(operatorBuildTime) / 1000), source: 'operator file buildTime' };
  }
  const git = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: repoRoot, encoding: 'utf8' });
  const seconds = git.status === 0 ? git.stdout.trim() : '';
  if (!/^[0-9]+$/.test(seconds))
    throw new BuildError(
      'no build time: set SOURCE_DATE_EPOCH or buildTime in the operator file (no git commit)',
    );
  return { epoch: Number(seconds), source: 'last git commit' };
}
