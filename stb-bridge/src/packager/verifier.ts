import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PackageInputError } from './errors.js';
import { GzipFormatError, gunzipStrict } from './gzip.js';
import { MANIFEST_FILE, SIGNATURE_FILE, manifestSchema, sha256Hex, type Manifest } from './manifest.js';
import { keyIdOf, verifyBytes } from './signing.js';
import { BLOCK, TarFormatError, readTar, writeTar, type ReadTarEntry } from './ustar.js';

/** One thing wrong, and the file of the package it is in. */
export interface VerifyProblem {
  file: string;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  /** The manifest when it could be read (trust it only when `ok`). */
  manifest: Manifest | undefined;
  problems: VerifyProblem[];
}

/** An Ed25519 signature in base64 on one line, exactly as the packager writes it. */
const SIGNATURE_TEXT = /^[A-Za-z0-9+/]{86}==\n$/;

/**
 * Checks a package the way a box or a head-end should before installing it: the archive is
 * exactly as the packager writes it, the manifest is signed by the given key, and every file is
 * listed with its size and SHA-256, none missing and none extra. Every problem is reported, each
 * with the file it is in.
 */
export async function verifyPackage(packagePath: string, publicKey: KeyObject): Promise<VerifyResult> {
  const name = basename(packagePath);
  const problems: VerifyProblem[] = [];
  let entries: ReadTarEntry[];
  try {
    const tar = gunzipStrict(await readPackage(packagePath));
    entries = readTar(tar);
    const canonical = canonicalProblem(tar, entries);
    if (canonical) problems.push(canonical);
  } catch (error) {
    if (error instanceof GzipFormatError) return failed([{ file: name, problem: error.message }]);
    if (error instanceof TarFormatError)
      return failed([{ file: error.entry || name, problem: error.detail }]);
    throw error;
  }

  const byPath = new Map<string, ReadTarEntry>();
  for (const entry of entries) {
    if (byPath.has(entry.path)) problems.push({ file: entry.path, problem: 'appears twice in the archive' });
    byPath.set(entry.path, entry);
  }
  const manifestEntry = byPath.get(MANIFEST_FILE);
  if (!manifestEntry)
    return failed([...problems, { file: MANIFEST_FILE, problem: 'missing from the package' }]);
  const manifest = parseManifest(manifestEntry.data, problems);
  problems.push(...signatureProblems(manifestEntry.data, byPath.get(SIGNATURE_FILE), manifest, publicKey));
  if (manifest) problems.push(...fileProblems(manifest, byPath), ...timeProblems(manifest, entries));
  return { ok: problems.length === 0, manifest, problems };
}

async function readPackage(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new PackageInputError(
      `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
}

function failed(problems: VerifyProblem[]): VerifyResult {
  return { ok: false, manifest: undefined, problems };
}

/**
 * Headers, padding and end blocks carry no hash of their own: the archive must be byte for byte
 * what `writeTar` makes of its own entries, so a changed mode, owner or padding byte shows too.
 */
function canonicalProblem(tar: Buffer, entries: ReadTarEntry[]): VerifyProblem | undefined {
  const mtime = entries[0]?.mtime ?? 0;
  let expected: Buffer;
  try {
    expected = writeTar(entries, { mtime });
  } catch (error) {
    if (error instanceof TarFormatError) return { file: error.entry ?? '(archive)', problem: error.detail };
    throw error;
  }
  if (expected.equals(tar)) return undefined;
  let at = 0;
  while (at < tar.length && tar[at] === expected[at]) at++;
  const entry = entries.find(
    (e) => at >= e.offset && at < e.offset + BLOCK * (1 + Math.ceil(e.data.length / BLOCK)),
  );
  return {
    file: entry?.path ?? '(end of archive)',
    problem: `tar header, padding or end of archive differs from the packager's at byte ${at}`,
  };
}

function parseManifest(data: Uint8Array, problems: VerifyProblem[]): Manifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (error) {
    problems.push({ file: MANIFEST_FILE, problem: `not valid JSON (${(error as Error).message})` });
    return undefined;
  }
  const parsed = manifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    problems.push({ file: MANIFEST_FILE, problem: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  return undefined;
}

function signatureProblems(
  manifestBytes: Uint8Array,
  signatureEntry: ReadTarEntry | undefined,
  manifest: Manifest | undefined,
  publicKey: KeyObject,
): VerifyProblem[] {
  if (!signatureEntry) return [{ file: SIGNATURE_FILE, problem: 'missing: the package is not signed' }];
  const text = Buffer.from(signatureEntry.data).toString('latin1');
  if (!SIGNATURE_TEXT.test(text))
    return [{ file: SIGNATURE_FILE, problem: 'not an Ed25519 signature in base64 on one line' }];
  if (verifyBytes(manifestBytes, Buffer.from(text, 'base64'), publicKey)) return [];
  const given = keyIdOf(publicKey);
  if (manifest && manifest.signer.keyId !== given) {
    return [
      {
        file: SIGNATURE_FILE,
        problem:
          `signed with another key (key id ${manifest.signer.keyId.slice(0, 16)}…), ` +
          `not the public key given (key id ${given.slice(0, 16)}…)`,
      },
    ];
  }
  return [
    {
      file: MANIFEST_FILE,
      problem: 'signature does not match: manifest.json or manifest.sig was changed after signing',
    },
  ];
}

function fileProblems(manifest: Manifest, entries: ReadonlyMap<string, ReadTarEntry>): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const entry = entries.get(file.path);
    if (!entry)
      problems.push({ file: file.path, problem: 'listed in the manifest but missing from the package' });
    else if (entry.data.length !== file.size || sha256Hex(entry.data) !== file.sha256)
      problems.push({
        file: file.path,
        problem: 'SHA-256 differs from the manifest: changed after packaging',
      });
  }
  for (const path of entries.keys()) {
    if (path !== MANIFEST_FILE && path !== SIGNATURE_FILE && !listed.has(path))
      problems.push({ file: path, problem: 'not listed in the manifest (extra file)' });
  }
  for (const path of [manifest.entryPoint, manifest.bootConfig]) {
    if (!listed.has(path))
      problems.push({ file: path, problem: 'named in the manifest but not listed in its files' });
  }
  return problems;
}

function timeProblems(manifest: Manifest, entries: readonly ReadTarEntry[]): VerifyProblem[] {
  const epoch = Date.parse(manifest.buildTime) / 1000;
  const other = entries.find((entry) => entry.mtime !== epoch);
  return other ? [{ file: other.path, problem: 'time stamp differs from the manifest’s build time' }] : [];
}
