import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OperatorFileError, loadOperatorFile, parseOperator } from './operatorSchema.js';

const valid = {
  id: 'kyushu-cable',
  name: '九州ケーブル',
  serverUrl: 'https://madoguchi.city.example',
  tenant: 'omura',
  signingKey: 'keys/signing-key.pem',
  keyMapOverrides: { hbbtv: { '82': 'Red', '8': null } },
};

function problemsOf(data: unknown): string[] {
  try {
    parseOperator(data, '/ops/operator.json');
  } catch (error) {
    if (error instanceof OperatorFileError) return error.problems;
    throw error;
  }
  return [];
}

const temp = mkdtempSync(join(tmpdir(), 'madoguchi-operator-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('operator file', () => {
  it('accepts a valid file and resolves the key beside it', () => {
    const operator = parseOperator(valid, '/ops/operator.json');
    expect(operator.signingKeyPath).toBe('/ops/keys/signing-key.pem');
    expect(operator.serverUrl).toBe('https://madoguchi.city.example');
    expect(operator.keyMapOverrides?.hbbtv).toEqual({ '82': 'Red', '8': null });
  });

  it('takes plain http only on 127.0.0.1, and only an origin', () => {
    expect(parseOperator({ ...valid, serverUrl: 'http://127.0.0.1:8181/' }, '/o.json').serverUrl).toBe(
      'http://127.0.0.1:8181',
    );
    expect(problemsOf({ ...valid, serverUrl: 'http://madoguchi.city.example' })).toEqual([
      'serverUrl: must be https:// (plain http:// only for 127.0.0.1, in tests)',
    ]);
    expect(problemsOf({ ...valid, serverUrl: 'https://city.example/madoguchi' })[0]).toMatch(
      /^serverUrl: must be an origin only/,
    );
    expect(problemsOf({ ...valid, serverUrl: 'not a url' })).toEqual(['serverUrl: not a URL']);
  });

  it('names every wrong field', () => {
    const problems = problemsOf({
      ...valid,
      id: 'Kyushu Cable',
      tenant: undefined,
      keyMapOverrides: { hbbtv: { '82': 'Menu' } },
      colour: 'blue',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: lower-case letters/),
        expect.stringMatching(/^tenant: /),
        expect.stringMatching(/^keyMapOverrides\.hbbtv\.82: /),
        expect.stringMatching(/^\(root\): .*colour/),
      ]),
    );
  });

  it('takes only a tenant id as the tenant, with one clear problem line', () => {
    for (const tenant of ['minato', 'city-2', 'ab']) {
      expect(parseOperator({ ...valid, tenant }, '/o.json').tenant).toBe(tenant);
    }
    const rule = 'tenant: a tenant id (2 to 32 of a-z, 0-9 and -, starting with a letter, e.g. omura)';
    for (const tenant of ['Omura', '0city', 'o', '-omura', 'omura/x', `a${'b'.repeat(32)}`, 7, undefined]) {
      expect(problemsOf({ ...valid, tenant }), String(tenant)).toEqual([rule]);
    }
  });

  it('refuses key map overrides for a profile that does not exist', () => {
    expect(problemsOf({ ...valid, keyMapOverrides: { nosuchbox: {} } })).toEqual([
      expect.stringMatching(/^keyMapOverrides\.nosuchbox: no profile "nosuchbox" \(known: .*hbbtv/),
    ]);
  });

  it('says when the file is not JSON or not there', async () => {
    const file = join(temp, 'operator.json');
    writeFileSync(file, '{ "id": ');
    await expect(loadOperatorFile(file)).rejects.toThrow(/not valid JSON/);
    await expect(loadOperatorFile(join(temp, 'missing.json'))).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });
});
