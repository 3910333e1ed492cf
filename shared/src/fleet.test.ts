import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  configState,
  deviceReportSchema,
  fleetConfigPushSchema,
  isOlderVersion,
  keyMapOverrideSchema,
  pushedServerUrlSchema,
  scrubErrorText,
} from './fleet.js';
import { roleAtLeast } from './staff.js';

describe('compareVersions', () => {
  it('orders semantic versions', () => {
    expect(compareVersions('0.1.0', '0.2.0')).toBe(-1);
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('v1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('1.2.3+build.7', '1.2.3')).toBe(0);
  });

  it('puts pre-releases before their release, numerically then by text', () => {
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBe(1);
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBe(-1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-beta')).toBe(-1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBe(-1);
    expect(compareVersions('1.0.0-1', '1.0.0-alpha')).toBe(-1);
  });

  it('says nothing about versions that are not semantic', () => {
    expect(compareVersions('dev', '1.0.0')).toBeNull();
    expect(compareVersions('1.0', '1.0.0')).toBeNull();
    expect(isOlderVersion('dev', '1.0.0')).toBe(false);
    expect(isOlderVersion('0.1.0', null)).toBe(false);
    expect(isOlderVersion('0.1.0', '0.2.0')).toBe(true);
    expect(isOlderVersion('0.2.0', '0.2.0')).toBe(false);
  });
});

describe('scrubErrorText', () => {
  it('drops query strings and fragments from URLs', () => {
    expect(scrubErrorText('failed at http://tv.example/tv/assets/app.js?code=ABCD-1234#x boom')).toBe(
      'failed at http://tv.example/tv/assets/app.js boom',
    );
    expect(scrubErrorText('at f (http://tv.example/tv/app.js?v=3:12:34)')).toBe(
      'at f (http://tv.example/tv/app.js:12:34)',
    );
    expect(scrubErrorText('see https://a.example/p?x=1 and https://b.example/q#frag')).toBe(
      'see https://a.example/p and https://b.example/q',
    );
  });

  it('masks tokens, e-mail addresses and long numbers, and keeps line numbers', () => {
    const text = scrubErrorText(
      'token mdt_abcdefghijklmnopqrstuvwxyz0123 from taro@example.jp, 1234 5678 9012 at app.js:12:345',
    );
    expect(text).toBe('token mdt_… from …@…, # at app.js:12:345');
    expect(scrubErrorText('call 0957-53-4111')).toBe('call #');
  });

  it('is at most 200 characters on one line', () => {
    const text = scrubErrorText(`${'x'.repeat(150)}\n\n${'y'.repeat(150)}`);
    expect(text.length).toBe(200);
    expect(text).not.toContain('\n');
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('fleet schemas', () => {
  it('takes key codes to remote keys or null, nothing else', () => {
    expect(keyMapOverrideSchema.safeParse({ '403': 'Red', '8': null }).success).toBe(true);
    expect(keyMapOverrideSchema.safeParse({ '403': 'Purple' }).success).toBe(false);
    expect(keyMapOverrideSchema.safeParse({ red: 'Red' }).success).toBe(false);
    expect(keyMapOverrideSchema.safeParse({ '0': 'Red' }).success).toBe(false);
    expect(keyMapOverrideSchema.safeParse([]).success).toBe(false);
  });

  it('takes plain http and https server addresses only', () => {
    expect(pushedServerUrlSchema.safeParse('https://madoguchi.example.jp').success).toBe(true);
    expect(pushedServerUrlSchema.safeParse('http://10.0.0.5:8080').success).toBe(true);
    for (const bad of [
      'ftp://example.jp',
      'javascript:alert(1)',
      'https://user:pw@example.jp',
      'https://example.jp/?x=1',
      'https://example.jp/#x',
      'https://example.jp/madoguchi',
      'example.jp',
    ]) {
      expect(pushedServerUrlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('needs one target and something to push', () => {
    const ok = fleetConfigPushSchema.safeParse({ profile: 'hbbtv', keyMapOverride: { '403': 'Red' } });
    expect(ok.success).toBe(true);
    expect(fleetConfigPushSchema.safeParse({ profile: 'hbbtv' }).success).toBe(false);
    expect(fleetConfigPushSchema.safeParse({ serverUrl: 'https://example.jp' }).success).toBe(false);
    expect(
      fleetConfigPushSchema.safeParse({
        profile: 'hbbtv',
        deviceIds: ['dev_abc'],
        serverUrl: 'https://example.jp',
      }).success,
    ).toBe(false);
    expect(fleetConfigPushSchema.safeParse({ deviceIds: [], serverUrl: 'https://example.jp' }).success).toBe(
      false,
    );
  });

  it('keeps reports small', () => {
    const error = { at: '2025-04-01T00:00:00.000Z', message: 'x' };
    expect(deviceReportSchema.safeParse({ errors: [error] }).success).toBe(true);
    expect(deviceReportSchema.safeParse({ memory: null, errors: [] }).success).toBe(true);
    expect(deviceReportSchema.safeParse({ errors: Array(11).fill(error) }).success).toBe(false);
    expect(deviceReportSchema.safeParse({ errors: [{ ...error, message: 'x'.repeat(201) }] }).success).toBe(
      false,
    );
  });

  it('tells pending, delivered and applied apart', () => {
    expect(configState(2, null, null)).toBe('pending');
    expect(configState(2, 1, 1)).toBe('pending');
    expect(configState(2, 2, 1)).toBe('delivered');
    expect(configState(2, 2, 2)).toBe('applied');
  });
});

describe('roleAtLeast', () => {
  it('keeps the cable operator outside the city roles', () => {
    expect(roleAtLeast('operator', 'staff')).toBe(false);
    expect(roleAtLeast('operator', 'supervisor')).toBe(false);
    expect(roleAtLeast('operator', 'admin')).toBe(false);
    expect(roleAtLeast('operator', 'operator')).toBe(true);
    expect(roleAtLeast('admin', 'operator')).toBe(true);
    expect(roleAtLeast('supervisor', 'operator')).toBe(false);
    expect(roleAtLeast('staff', 'operator')).toBe(false);
    expect(roleAtLeast('admin', 'supervisor')).toBe(true);
    expect(roleAtLeast('staff', 'supervisor')).toBe(false);
  });
});
