import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { GzipFormatError, gunzipStrict, gzipDeterministic } from './gzip.js';
import { BLOCK, TarFormatError, readTar, writeTar, type TarEntry } from './ustar.js';

const MTIME = 1_700_000_000;
const longDir = `${'d'.repeat(60)}/${'e'.repeat(60)}`;
const entries: TarEntry[] = [
  { path: 'index.html', data: Buffer.from('<!doctype html>\n') },
  { path: 'empty.txt', data: Buffer.alloc(0) },
  { path: 'assets/exactly-one-block.bin', data: Buffer.alloc(BLOCK, 7) },
  { path: `${longDir}/${'f'.repeat(90)}.js`, data: Buffer.from('long path') },
  { path: 'static/日本語.txt', data: Buffer.from('まどぐち') },
];

const temp = mkdtempSync(join(tmpdir(), 'madoguchi-ustar-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('ustar writer and reader', () => {
  it('reads back what it wrote, in order, with the fixed time', () => {
    const archive = writeTar(entries, { mtime: MTIME });
    const read = readTar(archive);
    expect(read.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    read.forEach((entry, i) => {
      expect(Buffer.from(entry.data).equals(Buffer.from(entries[i]?.data ?? []))).toBe(true);
      expect(entry.mtime).toBe(MTIME);
    });
  });

  it('writes whole 10 KiB records and the same bytes every time', () => {
    const first = writeTar(entries, { mtime: MTIME });
    expect(first.length % (20 * BLOCK)).toBe(0);
    expect(writeTar(entries, { mtime: MTIME }).equals(first)).toBe(true);
    expect(writeTar(entries, { mtime: MTIME + 1 }).equals(first)).toBe(false);
  });

  it('is read by GNU tar with mode 0644, owner 0/0 and the fixed time', () => {
    const file = join(temp, 'entries.tar');
    writeFileSync(file, writeTar(entries, { mtime: MTIME }));
    const listing = spawnSync('tar', ['--list', '--verbose', '--numeric-owner', '--utc', '--file', file], {
      encoding: 'utf8',
    });
    expect(listing.status, listing.stderr).toBe(0);
    const lines = listing.stdout.trim().split('\n');
    expect(lines).toHaveLength(entries.length);
    for (const [i, line] of lines.entries()) {
      expect(line).toMatch(/^-rw-r--r-- 0\/0 /);
      expect(line).toContain('2023-11-14 22:13');
      expect(line.endsWith(entries[i]?.path ?? '?')).toBe(true);
    }
    const extracted = join(temp, 'out');
    expect(spawnSync('tar', ['-xf', file, '-C', temp, '--one-top-level=out']).status).toBe(0);
    expect(readFileSync(join(extracted, 'static/日本語.txt'), 'utf8')).toBe('まどぐち');
  });

  it('refuses unsafe or impossible paths', () => {
    for (const path of ['../evil', '/etc/passwd', 'a//b', './a', 'a/../b', '', 'a\\b', 'tab\there'])
      expect(() => writeTar([{ path, data: Buffer.alloc(1) }], { mtime: MTIME }), path).toThrow(
        TarFormatError,
      );
    expect(() => writeTar([{ path: 'x'.repeat(101), data: Buffer.alloc(1) }], { mtime: MTIME })).toThrow(
      /too long/,
    );
  });

  it('names the entry whose header was changed', () => {
    const archive = writeTar(entries, { mtime: MTIME });
    const second = BLOCK * 2; // index.html: one header block and one data block
    archive[second + 100] = '7'.charCodeAt(0); // the mode of empty.txt
    expect(() => readTar(archive)).toThrow(/^empty\.txt: header checksum does not match$/);
  });

  it('refuses entries that are not regular files, and a cut archive', () => {
    const archive = writeTar(entries.slice(0, 1), { mtime: MTIME });
    const symlink = Buffer.from(archive);
    symlink[156] = '2'.charCodeAt(0);
    symlink.write(`${checksumOf(symlink).toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
    expect(() => readTar(symlink)).toThrow(/index\.html: entry type "2" is not a regular file/);
    expect(() => readTar(archive.subarray(0, BLOCK + 10))).toThrow(/ends/);
  });
});

describe('deterministic gzip', () => {
  const data = writeTar(entries, { mtime: MTIME });

  it('writes a fixed header, and plain gunzip reads it', () => {
    const gz = gzipDeterministic(data);
    expect(gz.subarray(0, 10).toString('hex')).toBe('1f8b0800000000000203');
    expect(gunzipSync(gz).equals(data)).toBe(true);
    expect(gzipDeterministic(data).equals(gz)).toBe(true);
  });

  it('reads strictly: a changed header byte, trailer or extra byte fails', () => {
    const gz = gzipDeterministic(data);
    expect(gunzipStrict(gz).equals(data)).toBe(true);
    const changedOs = Buffer.from(gz);
    changedOs[9] = 0xff;
    expect(() => gunzipStrict(changedOs)).toThrow(GzipFormatError);
    const changedCrc = Buffer.from(gz);
    changedCrc[gz.length - 8] = (changedCrc[gz.length - 8] as number) ^ 1;
    expect(() => gunzipStrict(changedCrc)).toThrow(/CRC-32/);
    expect(() => gunzipStrict(Buffer.concat([gz, Buffer.from([0])]))).toThrow(/after the end/);
    expect(() => gunzipStrict(gz.subarray(0, gz.length - 1))).toThrow(GzipFormatError);
  });
});

function checksumOf(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return sum;
}
