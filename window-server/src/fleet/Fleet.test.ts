import type { DeviceInfo, FleetDevice, StaffAccount } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/index.js';
import { AppError } from '../core/AppError.js';
import { createLogger } from '../core/logger.js';
import { openDatabase } from '../db/index.js';
import { DeviceRegistry, DeviceStore } from '../devices/index.js';
import { Fleet } from './Fleet.js';
import { DeviceConfigStore, DeviceHealthStore } from './FleetStore.js';

const INFO: DeviceInfo = {
  profile: 'hbbtv',
  appVersion: '0.1.0',
  capabilities: { camera: false, microphone: true, speech: true },
  screen: { width: 1280, height: 720 },
  model: 'unit test box',
};

const OPERATOR: StaffAccount = {
  id: 'stf_operator',
  loginId: 'operator',
  displayName: '有線 健太',
  role: 'operator',
  disabled: false,
  createdAt: '2025-04-01T00:00:00.000Z',
};

function setUp(latestVersion: string | null = '0.2.0') {
  let now = Date.parse('2025-04-01T00:00:00.000Z');
  const clock = { now: () => new Date(now) };
  const advance = (ms: number) => (now += ms);
  const logger = createLogger('silent');
  const db = openDatabase({ file: ':memory:' });
  db.prepare(
    `INSERT INTO staff_accounts (id, tenant_id, login_id, display_name, role, password_hash, created_at, updated_at)
     VALUES (?, 'omura', 'operator', 'x', 'operator', 'hash', ?, ?)`,
  ).run(OPERATOR.id, OPERATOR.createdAt, OPERATOR.createdAt);
  const devices = new DeviceRegistry(new DeviceStore(db), 'omura', clock, logger);
  const audit = new AuditLog(db, clock);
  const fleet = new Fleet({
    devices,
    health: new DeviceHealthStore(db),
    configs: new DeviceConfigStore(db),
    durable: db,
    audit,
    options: { latestVersion, profiles: ['browser', 'hbbtv'] },
    clock,
    logger,
  });
  const changes: FleetDevice[] = [];
  const pushes: [string, unknown][] = [];
  fleet.events.on('changed', (device) => changes.push(device));
  fleet.events.on('pushed', (deviceId, config) => pushes.push([deviceId, config]));
  return { db, devices, fleet, audit, advance, changes, pushes };
}

const error = (message: string) => ({ at: '2025-04-01T00:00:00.000Z', message });

describe('Fleet reports', () => {
  it('takes one report a minute per TV and refuses faster ones', () => {
    const { devices, fleet, advance } = setUp();
    const { device } = devices.register(INFO);
    fleet.report(device.id, { errors: [error('one')] });
    expect(() => fleet.report(device.id, { errors: [error('two')] })).toThrow(AppError);
    advance(30_000);
    expect(() => fleet.report(device.id, { errors: [] })).toThrowError('RATE_LIMITED');
    advance(30_000);
    fleet.report(device.id, { errors: [error('three')] });
    expect(fleet.device(device.id)?.errors.map((e) => e.message)).toEqual(['one', 'three']);
  });

  it('keeps the last ten errors, scrubbed, and the last memory', () => {
    const { devices, fleet, advance } = setUp();
    const { device } = devices.register(INFO);
    fleet.report(device.id, {
      memory: { usedJsHeap: 50 * 1024 * 1024, deviceGb: 2 },
      errors: Array.from({ length: 8 }, (_, n) => error(`old ${n}`)),
    });
    advance(60_000);
    fleet.report(device.id, {
      errors: [
        error('x'),
        error('y'),
        { ...error('at https://tv.example/app.js?code=SECRET'), source: 'a.js?x=1' },
      ],
    });
    const row = fleet.device(device.id) as FleetDevice;
    expect(row.errors).toHaveLength(10);
    expect(row.errors[0]?.message).toBe('old 1');
    expect(row.errors[9]).toEqual({
      at: '2025-04-01T00:00:00.000Z',
      message: 'at https://tv.example/app.js',
      source: 'a.js?x=1',
    });
    expect(row.memory).toEqual({ usedJsHeap: 50 * 1024 * 1024, deviceGb: 2 });
    expect(row.reportedAt).toBe('2025-04-01T00:01:00.000Z');
  });
});

describe('Fleet updates', () => {
  it('offers an update to older apps only', () => {
    const { devices, fleet } = setUp('0.2.0');
    const older = devices.register(INFO).device;
    const newer = devices.register({ ...INFO, appVersion: '0.2.0' }).device;
    expect(fleet.updateFor('0.1.0')).toEqual({ version: '0.2.0' });
    expect(fleet.updateFor('0.2.0')).toBeUndefined();
    expect(fleet.updateFor('dev')).toBeUndefined();
    expect(fleet.device(older.id)?.updateAvailable).toBe(true);
    expect(fleet.device(newer.id)?.updateAvailable).toBe(false);
    expect(setUp(null).fleet.updateFor('0.0.1')).toBeUndefined();
  });
});

describe('Fleet configuration pushes', () => {
  it('versions each push per TV, audits it, and follows it to stored and applied', () => {
    const { devices, fleet, audit, pushes } = setUp();
    const hbbtv = devices.register(INFO).device;
    const browser = devices.register({ ...INFO, profile: 'browser' }).device;
    fleet.push(OPERATOR, { profile: 'hbbtv', keyMapOverride: { '403': 'Red' } });
    const second = fleet.push(OPERATOR, { deviceIds: [hbbtv.id], serverUrl: 'https://tv.example.jp' });
    expect(second.pushed).toEqual([{ deviceId: hbbtv.id, version: 2, online: false }]);
    expect(pushes).toEqual([
      [hbbtv.id, { version: 1, keyMapOverride: { '403': 'Red' } }],
      [hbbtv.id, { version: 2, serverUrl: 'https://tv.example.jp' }],
    ]);
    expect(fleet.device(browser.id)?.config).toBeNull();
    expect(fleet.pendingConfig(hbbtv.id)).toEqual({ version: 2, serverUrl: 'https://tv.example.jp' });

    fleet.stored(hbbtv.id, 2);
    expect(fleet.pendingConfig(hbbtv.id)).toBeUndefined();
    expect(fleet.device(hbbtv.id)?.config?.state).toBe('delivered');
    fleet.hello(hbbtv.id, 2);
    expect(fleet.device(hbbtv.id)?.config).toMatchObject({ version: 2, appliedVersion: 2, state: 'applied' });
    expect(() => fleet.stored(hbbtv.id, 3)).toThrowError('NOT_FOUND');

    const rows = audit.latest(10).filter((entry) => entry.action === 'fleet.config.pushed');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      actor: `staff:${OPERATOR.id}`,
      details: { profile: 'hbbtv', deviceIds: [hbbtv.id], keyMapOverride: { '403': 'Red' } },
    });
    expect(audit.verify().ok).toBe(true);
  });

  it('changes nothing when a listed TV is unknown or revoked, or no TV has the profile', () => {
    const { db, devices, fleet } = setUp();
    const kept = devices.register(INFO).device;
    const revoked = devices.register(INFO).device;
    devices.revoke(revoked.id);
    const auditRows = () => db.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    const before = auditRows();
    expect(() =>
      fleet.push(OPERATOR, { deviceIds: [kept.id, 'dev_nobody'], serverUrl: 'https://a.example' }),
    ).toThrowError('NOT_FOUND');
    expect(() =>
      fleet.push(OPERATOR, { deviceIds: [kept.id, revoked.id], serverUrl: 'https://a.example' }),
    ).toThrowError('NOT_FOUND');
    expect(() => fleet.push(OPERATOR, { profile: 'tizen', serverUrl: 'https://a.example' })).toThrowError(
      'NOT_FOUND',
    );
    expect(fleet.device(kept.id)?.config).toBeNull();
    expect(auditRows()).toEqual(before);
    // Pushing to a profile skips its revoked boxes.
    expect(fleet.push(OPERATOR, { profile: 'hbbtv', serverUrl: 'https://a.example' }).pushed).toHaveLength(1);
  });
});
