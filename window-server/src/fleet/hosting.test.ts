import { PROFILES_FOLDER } from '@madoguchi/stb-bridge/node';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { hostedProfiles } from './hosting.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('warn', sink), lines };
}

describe('hostedProfiles', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('hosts every profile stb-bridge ships', () => {
    const { logger, lines } = capturingLogger();
    expect(hostedProfiles(PROFILES_FOLDER, logger)).toEqual([
      'android-tv',
      'browser',
      'hbbtv',
      'hybridcast',
      'tizen',
      'webos',
      'wpe-rdk',
    ]);
    expect(lines).toEqual([]);
  });

  it('leaves out a profile file that fails the schema, and names it in the log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-profiles-'));
    dirs.push(dir);
    copyFileSync(join(PROFILES_FOLDER, 'tizen.json'), join(dir, 'tizen.json'));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ name: 'broken', keyMap: {} }));
    writeFileSync(join(dir, 'garbled.json'), '{ not json');
    const { logger, lines } = capturingLogger();
    expect(hostedProfiles(dir, logger)).toEqual(['tizen']);
    expect(lines.map((line) => line.file).sort()).toEqual(['broken.json', 'garbled.json']);
  });

  it('hosts none when the folder is missing', () => {
    const { logger, lines } = capturingLogger();
    expect(hostedProfiles(join(tmpdir(), 'madoguchi-no-such-folder'), logger)).toEqual([]);
    expect(lines).toHaveLength(1);
  });
});
