import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * gzip with every header byte fixed: no file name, mtime 0, maximum compression (XFL 2), OS
 * "Unix" (3) whatever the machine. zlib's own gzip header writes the OS it was built for, so the
 * header is written here and zlib only deflates. Deflate output is stable for one zlib version
 * (Node's bundled one): the same Node release gives the same bytes.
 */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0x03]);
const TRAILER_LENGTH = 8;

export class GzipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GzipFormatError';
  }
}

export function gzipDeterministic(data: Uint8Array): Buffer {
  const body = deflateRawSync(data, { level: constants.Z_BEST_COMPRESSION, memLevel: 9, windowBits: 15 });
  const trailer = Buffer.alloc(TRAILER_LENGTH);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([HEADER, body, trailer]);
}

/**
 * The reverse, strictly: the exact header above, one deflate stream, CRC-32 and length that
 * match, and not one byte after. A changed header byte, which plain gunzip would ignore, fails.
 */
export function gunzipStrict(file: Uint8Array): Buffer {
  const buffer = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (buffer.length < HEADER.length + TRAILER_LENGTH)
    throw new GzipFormatError('too short to be a gzip file');
  if (!buffer.subarray(0, HEADER.length).equals(HEADER))
    throw new GzipFormatError('gzip header differs from the packager’s fixed header');
  // Node's types give inflateRawSync a Buffer whatever the options; with info: true it returns this.
  let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    inflated = inflateRawSync(buffer.subarray(HEADER.length), { info: true }) as unknown as typeof inflated;
  } catch (error) {
    throw new GzipFormatError(`compressed data is damaged (${(error as Error).message})`);
  }
  const trailerAt = HEADER.length + inflated.engine.bytesWritten;
  if (buffer.length !== trailerAt + TRAILER_LENGTH)
    throw new GzipFormatError('bytes after the end of the compressed data');
  const data = inflated.buffer;
  if (buffer.readUInt32LE(trailerAt) !== crc32(data)) throw new GzipFormatError('CRC-32 does not match');
  if (buffer.readUInt32LE(trailerAt + 4) !== data.length % 2 ** 32)
    throw new GzipFormatError('length in the gzip trailer does not match');
  return data;
}
