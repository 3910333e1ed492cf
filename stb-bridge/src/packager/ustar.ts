/**
 * A small POSIX ustar writer and reader: regular files only, every header field fixed, so the
 * same entries always give the same bytes. Hand-written (≈ 150 lines) rather than the `tar`
 * package: we need byte-exact control of every header field and a strict reader that names the
 * entry where something is wrong, and nothing else that `tar` brings (streams, links, pax).
 */

export const BLOCK = 512;
/** GNU and BSD tar write archives in records of 20 blocks; we do the same. */
const RECORD = 20 * BLOCK;
const NAME_LENGTH = 100;
const PREFIX_LENGTH = 155;
/** Size and mtime are 11 octal digits: 8 GiB, and the year 2242. */
const MAX_OCTAL_11 = 0o77777777777;

export interface TarEntry {
  /** Relative path with `/` separators, e.g. `assets/index-abc.js`. */
  path: string;
  data: Uint8Array;
}

export interface TarOptions {
  /** Modification time of every entry, in seconds since 1970 (a fixed build time). */
  mtime: number;
}

export class TarFormatError extends Error {
  /** The entry the problem is in, when its header could be read. */
  readonly entry: string | undefined;
  /** The problem without the entry's name. */
  readonly detail: string;

  constructor(detail: string, entry?: string) {
    super(entry ? `${entry}: ${detail}` : detail);
    this.name = 'TarFormatError';
    this.entry = entry;
    this.detail = detail;
  }
}

/** Files are 0644, owned by uid/gid 0 with empty owner names: nothing of the build machine leaks in. */
const FILE_MODE = 0o644;

/** Entries in the order given; the caller sorts them. */
export function writeTar(entries: readonly TarEntry[], options: TarOptions): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  for (const entry of entries) {
    const header = headerOf(entry, options.mtime);
    const padding = Buffer.alloc((BLOCK - (entry.data.length % BLOCK)) % BLOCK);
    parts.push(header, Buffer.from(entry.data), padding);
    length += header.length + entry.data.length + padding.length;
  }
  // Two zero blocks end the archive; zeros then fill the last record.
  const end = length + 2 * BLOCK;
  parts.push(Buffer.alloc(Math.ceil(end / RECORD) * RECORD - length));
  return Buffer.concat(parts);
}

function headerOf(entry: TarEntry, mtime: number): Buffer {
  checkPath(entry.path);
  if (entry.data.length > MAX_OCTAL_11) throw new TarFormatError('file too large for ustar', entry.path);
  if (!Number.isInteger(mtime) || mtime < 0 || mtime > MAX_OCTAL_11)
    throw new TarFormatError(`mtime ${mtime} is not a ustar time`);
  const { name, prefix } = splitPath(entry.path);
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, NAME_LENGTH, 'utf8');
  writeOctal(header, 100, 8, FILE_MODE);
  writeOctal(header, 108, 8, 0); // uid
  writeOctal(header, 116, 8, 0); // gid
  writeOctal(header, 124, 12, entry.data.length);
  writeOctal(header, 136, 12, mtime);
  header.fill(0x20, 148, 156); // checksum is computed over spaces
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\u000000', 257, 8, 'ascii');
  writeOctal(header, 329, 8, 0); // devmajor
  writeOctal(header, 337, 8, 0); // devminor
  header.write(prefix, 345, PREFIX_LENGTH, 'utf8');
  const sum = checksum(header);
  header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return header;
}

/** Relative, normalised, no `.`/`..` segments, no empty segment: safe to extract anywhere. */
export function checkPath(path: string): void {
  const segments = path.split('/');
  if (path.length === 0 || segments.some((s) => s === '' || s === '.' || s === '..') || path.includes('\\'))
    throw new TarFormatError('not a safe relative path', path);
  if ([...path].some((char) => char.charCodeAt(0) < 0x20))
    throw new TarFormatError('control character in the path', path);
}

/** ustar keeps up to 100 bytes in `name` and the directories before them in `prefix` (155). */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= NAME_LENGTH) return { name: path, prefix: '' };
  for (let cut = path.indexOf('/'); cut !== -1; cut = path.indexOf('/', cut + 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= PREFIX_LENGTH && Buffer.byteLength(name) <= NAME_LENGTH)
      return { name, prefix };
  }
  throw new TarFormatError('path too long for ustar', path);
}

function writeOctal(header: Buffer, offset: number, width: number, value: number): void {
  header.write(`${value.toString(8).padStart(width - 1, '0')}\u0000`, offset, width, 'ascii');
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return sum;
}

/** A file of the archive as read: its path, its bytes, its mtime and where its header starts. */
export interface ReadTarEntry extends TarEntry {
  mtime: number;
  offset: number;
}

/**
 * Reads an archive written by `writeTar` or any ustar writer, regular files only. Anything
 * else (links, directories, pax or GNU long names, a bad checksum) is a `TarFormatError`
 * naming the entry.
 */
export function readTar(archive: Uint8Array): ReadTarEntry[] {
  const buffer = Buffer.from(archive.buffer, archive.byteOffset, archive.length);
  const entries: ReadTarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= buffer.length) {
    const header = buffer.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return entries;
    const path = pathOf(header);
    if (readOctal(header, 148, 8, path) !== checksum(header))
      throw new TarFormatError('header checksum does not match', path);
    if (header.toString('latin1', 257, 262) !== 'ustar') throw new TarFormatError('not a ustar header', path);
    const type = String.fromCharCode(header[156] as number);
    if (type !== '0' && type !== '\u0000')
      throw new TarFormatError(`entry type "${type}" is not a regular file`, path);
    checkPath(path);
    const size = readOctal(header, 124, 12, path);
    const start = offset + BLOCK;
    if (start + size > buffer.length) throw new TarFormatError('archive ends inside the file', path);
    const mtime = readOctal(header, 136, 12, path);
    entries.push({ path, data: buffer.subarray(start, start + size), mtime, offset });
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new TarFormatError('archive ends without its end-of-archive blocks');
}

function pathOf(header: Buffer): string {
  const field = (from: number, length: number) => {
    const raw = header.subarray(from, from + length);
    const end = raw.indexOf(0);
    return raw.toString('utf8', 0, end === -1 ? length : end);
  };
  const name = field(0, NAME_LENGTH);
  const prefix = field(345, PREFIX_LENGTH);
  return prefix ? `${prefix}/${name}` : name;
}

function readOctal(header: Buffer, offset: number, width: number, entry: string): number {
  // Octal digits, ended by NUL or space (the checksum field has both).
  const text =
    header
      .toString('latin1', offset, offset + width)
      .split('\u0000')[0]
      ?.trim() ?? '';
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`bad number field at ${offset}`, entry);
  return parseInt(text, 8);
}
