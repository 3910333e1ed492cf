#!/usr/bin/env node
// Makes the TV app's Japanese fonts: subset WOFF2 files of Noto Sans JP (regular and bold) from
// Debian's Noto Sans CJK collection, with every character the app can show. Lightning draws text
// with canvas 2D, so the font must ship with the app: set-top boxes rarely have CJK fonts.
//
// Plain Node, no dependencies; needs pyftsubset (Debian: fonttools + python3-brotli).
// Outputs are cached under ${XDG_CACHE_HOME:-~/.cache}/madoguchi/fonts/<hash of inputs>/.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT_VERSION = 1;
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(appDir, '..');
const outDir = join(appDir, 'public', 'static', 'fonts');
const fontDir = process.env.MADOGUCHI_NOTO_CJK_DIR ?? '/usr/share/fonts/opentype/noto';

/** Font number 0 of Debian's Noto Sans CJK collections is the Japanese one (Noto Sans CJK JP). */
const FONTS = [
  { source: join(fontDir, 'NotoSansCJK-Regular.ttc'), output: 'NotoSansJP-Regular.subset.woff2' },
  { source: join(fontDir, 'NotoSansCJK-Bold.ttc'), output: 'NotoSansJP-Bold.subset.woff2' },
];
const PYFTSUBSET_ARGS = ['--font-number=0', '--flavor=woff2', '--no-hinting', '--desubroutinize'];
const INSTALL_HINT = 'apt-get install -y fonttools python3-brotli';

const RANGES = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0xff], // Latin-1
  [0x2010, 0x205e], // general punctuation: dashes, quotes, …, ※
  [0x2190, 0x2193], // arrows ← ↑ → ↓
  [0x25a0, 0x25ff], // geometric shapes: ■□▲▼◀▶●○◎
  [0x3000, 0x303f], // CJK symbols and punctuation
  [0x3040, 0x309f], // hiragana
  [0x30a0, 0x30ff], // katakana
  [0xff01, 0xff9f], // fullwidth forms and halfwidth katakana
  [0xffe0, 0xffe6], // fullwidth signs ￥
];

/** JIS X 0208 level-1 kanji (rows 16–47, EUC-JP 0xB0A1–0xCFD3), derived rather than shipped as data. */
function jisLevel1Kanji() {
  const decoder = new TextDecoder('euc-jp');
  let text = '';
  for (let row = 0xb0; row <= 0xcf; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const char = decoder.decode(new Uint8Array([row, cell]));
      if (char !== '\ufffd') text += char;
    }
  }
  return text;
}

async function filesIn(dir, suffixes) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && suffixes.some((suffix) => entry.name.endsWith(suffix)))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** Every text the TV can show: i18n resources, tenant files, and literals in the app's own code. */
async function textSources() {
  return [
    ...(await filesIn(join(repoDir, 'shared', 'src', 'i18n'), ['.ts'])),
    ...(await filesIn(join(repoDir, 'window-server', 'tenants'), ['.json'])),
    ...(await filesIn(join(appDir, 'src'), ['.ts'])).filter((file) => !file.endsWith('.test.ts')),
  ];
}

async function characterSet() {
  const chars = new Set();
  for (const [from, to] of RANGES)
    for (let code = from; code <= to; code++) chars.add(String.fromCodePoint(code));
  for (const char of jisLevel1Kanji()) chars.add(char);
  for (const file of await textSources()) {
    for (const char of await readFile(file, 'utf8')) {
      if (char.codePointAt(0) >= 0x20) chars.add(char);
    }
  }
  return [...chars].sort().join('');
}

function hasPyftsubset() {
  const probe = spawnSync('pyftsubset', ['--help'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr}`)),
    );
  });
}

async function inputsHash(chars) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ SCRIPT_VERSION, PYFTSUBSET_ARGS, FONTS: FONTS.map((font) => font.output) }));
  for (const font of FONTS) {
    const info = await stat(font.source);
    hash.update(`${font.source}:${info.size}:${info.mtimeMs}`);
  }
  hash.update(chars);
  return hash.digest('hex').slice(0, 16);
}

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function buildInto(cacheDir, chars) {
  const work = `${cacheDir}.tmp-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const textFile = join(work, 'characters.txt');
  await writeFile(textFile, chars);
  await Promise.all(
    FONTS.map((font) =>
      run('pyftsubset', [
        font.source,
        ...PYFTSUBSET_ARGS,
        `--text-file=${textFile}`,
        `--output-file=${join(work, font.output)}`,
      ]),
    ),
  );
  await rm(textFile);
  await rm(cacheDir, { recursive: true, force: true });
  await rename(work, cacheDir);
}

async function main() {
  for (const font of FONTS) {
    if (!(await exists(font.source))) {
      console.error(`Missing ${font.source}: apt-get install -y fonts-noto-cjk`);
      process.exit(1);
    }
  }
  const chars = await characterSet();
  const hash = await inputsHash(chars);
  const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'madoguchi', 'fonts');
  const cacheDir = join(cacheRoot, hash);
  const cached = (await Promise.all(FONTS.map((font) => exists(join(cacheDir, font.output))))).every(Boolean);

  if (!cached) {
    if (!hasPyftsubset()) {
      console.error(INSTALL_HINT);
      process.exit(1);
    }
    const started = Date.now();
    try {
      await buildInto(cacheDir, chars);
    } catch (error) {
      // pyftsubset without brotli fails only when it writes WOFF2.
      console.error(String(error.message ?? error));
      console.error(INSTALL_HINT);
      process.exit(1);
    }
    console.log(
      `fonts: subset ${chars.length} characters in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  await mkdir(outDir, { recursive: true });
  for (const font of FONTS) {
    await copyFile(join(cacheDir, font.output), join(outDir, font.output));
    const { size } = await stat(join(outDir, font.output));
    console.log(`fonts: ${font.output} ${(size / 1024).toFixed(0)} KB${cached ? ' (cached)' : ''}`);
  }
}

await main();
