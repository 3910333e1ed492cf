import type { FleetDevice } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  buildPush,
  countNeedingUpdate,
  filterByProfile,
  initialFleetTable,
  memoryTexts,
  parseKeyMap,
  problemsOfFields,
  profileChoices,
  reduceFleetTable,
} from './fleet';

function box(id: string, overrides: Partial<FleetDevice> = {}): FleetDevice {
  return {
    id,
    profile: 'hbbtv',
    appVersion: '0.1.0',
    model: 'STB',
    capabilities: { camera: false, microphone: true, speech: false },
    online: false,
    registeredAt: `2025-04-01T00:00:0${id.slice(-1)}.000Z`,
    lastSeenAt: '2025-04-01T00:00:00.000Z',
    revoked: false,
    screen: { width: 1280, height: 720 },
    memory: null,
    errors: [],
    reportedAt: null,
    updateAvailable: false,
    config: null,
    ...overrides,
  };
}

describe('fleet table', () => {
  it('replays events heard while the list was loading, newest registration first', () => {
    let state = reduceFleetTable(initialFleetTable, { type: 'load-start' });
    state = reduceFleetTable(state, {
      type: 'event',
      event: { kind: 'presence', presence: { deviceId: 'dev_1', online: true, lastSeenAt: 'later' } },
    });
    state = reduceFleetTable(state, { type: 'event', event: { kind: 'device', device: box('dev_3') } });
    state = reduceFleetTable(state, {
      type: 'load-done',
      view: { latestVersion: '0.2.0', profiles: ['browser', 'hbbtv'], devices: [box('dev_1'), box('dev_2')] },
    });
    expect(state.loading).toBe(false);
    expect(state.latestVersion).toBe('0.2.0');
    expect(state.devices.map((device) => device.id)).toEqual(['dev_3', 'dev_2', 'dev_1']);
    expect(state.devices.find((device) => device.id === 'dev_1')?.online).toBe(true);
  });

  it('filters by profile, offers every known profile, counts boxes needing an update', () => {
    const devices = [
      box('dev_1', { updateAvailable: true }),
      box('dev_2', { profile: 'tizen', updateAvailable: true, revoked: true }),
      box('dev_3', { profile: 'browser' }),
    ];
    expect(filterByProfile(devices, 'hbbtv').map((device) => device.id)).toEqual(['dev_1']);
    expect(filterByProfile(devices, '')).toHaveLength(3);
    expect(profileChoices({ profiles: ['hbbtv', 'android-tv'], devices })).toEqual([
      'android-tv',
      'browser',
      'hbbtv',
      'tizen',
    ]);
    expect(countNeedingUpdate(devices)).toBe(1);
  });

  it('says what is known of memory', () => {
    expect(memoryTexts(null)).toEqual([]);
    expect(
      memoryTexts({ usedJsHeap: 50 * 1024 * 1024, jsHeapLimit: 512 * 1024 * 1024, deviceGb: 2 }),
    ).toEqual([
      { key: 'staff.fleet.memoryHeap', params: { used: 50, limit: 512 } },
      { key: 'staff.fleet.memoryDevice', params: { gb: 2 } },
    ]);
    expect(memoryTexts({ usedJsHeap: 3 * 1024 * 1024 })).toEqual([
      { key: 'staff.fleet.memoryUsed', params: { used: 3 } },
    ]);
  });
});

describe('push form', () => {
  it('reads the key map as JSON of key codes to remote keys or null', () => {
    expect(parseKeyMap('  ')).toEqual({ ok: true, value: undefined });
    expect(parseKeyMap('{"403": "Red", "8": null}')).toEqual({
      ok: true,
      value: { '403': 'Red', '8': null },
    });
    expect(parseKeyMap('{"403": "Rouge"}')).toEqual({ ok: false, problem: 'keyMapOverride' });
    expect(parseKeyMap('{403: Red}')).toEqual({ ok: false, problem: 'json' });
  });

  it('builds a push for the ticked boxes or a profile, and names every problem', () => {
    expect(
      buildPush({
        target: { kind: 'selected', deviceIds: ['dev_1'] },
        serverUrl: ' https://tv.example.jp ',
        keyMap: '',
      }),
    ).toEqual({ ok: true, push: { deviceIds: ['dev_1'], serverUrl: 'https://tv.example.jp' } });
    expect(
      buildPush({ target: { kind: 'profile', profile: 'hbbtv' }, serverUrl: '', keyMap: '{"403":"Red"}' }),
    ).toEqual({ ok: true, push: { profile: 'hbbtv', keyMapOverride: { '403': 'Red' } } });
    expect(
      buildPush({ target: { kind: 'selected', deviceIds: [] }, serverUrl: 'ftp://x', keyMap: '{' }),
    ).toEqual({ ok: false, problems: ['serverUrl', 'json', 'deviceIds'] });
    expect(buildPush({ target: { kind: 'profile', profile: 'hbbtv' }, serverUrl: '', keyMap: '' })).toEqual({
      ok: false,
      problems: ['empty'],
    });
  });

  it('maps the server fields back onto the form', () => {
    expect(problemsOfFields(['serverUrl', 'keyMapOverride.403', 'profile'])).toEqual([
      'serverUrl',
      'keyMapOverride',
      'deviceIds',
    ]);
  });
});
