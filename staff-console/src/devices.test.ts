import type { DeviceSummary } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  applyDeviceEvent,
  countOnline,
  deviceStatus,
  initialDeviceTable,
  reduceDeviceTable,
  sortDevices,
} from './devices';

function device(id: string, registeredAt: string, patch: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    id,
    profile: 'browser',
    appVersion: '0.1.0',
    model: 'Chromium',
    capabilities: { camera: false, microphone: false, speech: true },
    online: false,
    registeredAt,
    lastSeenAt: registeredAt,
    revoked: false,
    ...patch,
  };
}

const older = device('a', '2025-01-01T00:00:00.000Z');
const newer = device('b', '2025-02-01T00:00:00.000Z');

describe('device table', () => {
  it('lists the newest registration first', () => {
    expect(sortDevices([older, newer]).map((d) => d.id)).toEqual(['b', 'a']);
  });

  it('adds a newly registered device and replaces a known one', () => {
    const added = applyDeviceEvent([older], { kind: 'updated', device: newer });
    expect(added.map((d) => d.id)).toEqual(['b', 'a']);
    const replaced = applyDeviceEvent(added, { kind: 'updated', device: { ...older, appVersion: '0.2.0' } });
    expect(replaced.find((d) => d.id === 'a')?.appVersion).toBe('0.2.0');
    expect(replaced).toHaveLength(2);
  });

  it('marks presence on a known device and ignores one it does not list', () => {
    const list = [older];
    const online = applyDeviceEvent(list, {
      kind: 'presence',
      presence: { deviceId: 'a', online: true, lastSeenAt: '2025-03-01T00:00:00.000Z' },
    });
    expect(online[0]).toMatchObject({ online: true, lastSeenAt: '2025-03-01T00:00:00.000Z' });
    const unknown = applyDeviceEvent(list, {
      kind: 'presence',
      presence: { deviceId: 'zzz', online: true, lastSeenAt: '2025-03-01T00:00:00.000Z' },
    });
    expect(unknown).toBe(list);
  });

  it('replays events heard while a list was loading over that list', () => {
    let table = reduceDeviceTable(initialDeviceTable, { type: 'load-start' });
    table = reduceDeviceTable(table, { type: 'event', event: { kind: 'updated', device: newer } });
    table = reduceDeviceTable(table, {
      type: 'event',
      event: {
        kind: 'presence',
        presence: { deviceId: 'a', online: true, lastSeenAt: '2025-03-01T00:00:00.000Z' },
      },
    });
    // The list was read before either event: it knows neither b nor a's presence.
    table = reduceDeviceTable(table, { type: 'load-done', devices: [older] });
    expect(table.loading).toBe(false);
    expect(table.pending).toBeNull();
    expect(table.devices.map((d) => [d.id, d.online])).toEqual([
      ['b', false],
      ['a', true],
    ]);
  });

  it('keeps what it has when a load fails', () => {
    let table = reduceDeviceTable(initialDeviceTable, { type: 'load-start' });
    table = reduceDeviceTable(table, { type: 'load-done', devices: [older] });
    table = reduceDeviceTable(table, { type: 'load-start' });
    table = reduceDeviceTable(table, { type: 'load-failed' });
    expect(table.devices).toHaveLength(1);
    expect(table.loading).toBe(false);
  });

  it('says revoked before online, and counts only live devices as online', () => {
    expect(deviceStatus({ online: true, revoked: true })).toBe('revoked');
    expect(deviceStatus({ online: true, revoked: false })).toBe('online');
    expect(deviceStatus({ online: false, revoked: false })).toBe('offline');
    expect(
      countOnline([
        { ...older, online: true },
        { ...newer, online: true, revoked: true },
      ]),
    ).toBe(1);
  });
});
