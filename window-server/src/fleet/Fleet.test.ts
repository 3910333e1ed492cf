import type { DeviceInfo, FleetDevice, StaffAccount } from '@madoguchi/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/support/testDatabase.js';
import { AuditLog } from '../audit/index.js';
import { AppError } from '../core/AppError.js';
import { createLogger } from '../core/logger.js';
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

const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const test of databases.splice(0)) await test.close();
});

async function setUp(latestVersion: string | null = '0.2.0') {
  let now = Date.parse('2025-04-01T00:00:00.000Z');
  const clock = { now: () => new Date(now) };
  const advance = (ms: number) => (now += ms);
  const logger = createLogger('silent');
  const test = await openTestDatabase();
  databases.push(test);
  const { db } = test;
  await db.kysely
    .insertInto('staff_accounts')
    .values({
      id: OPERATOR.id,
      tenant_id: 'omura',
      login_id: 'operator',
      display_name: 'x',
      role: 'operator',
      password_hash: 'hash',
      created_at: OPERATOR.createdAt,
      updated_at: OPERATOR.createdAt,
    })
    .execute();
  const omura = db.forTenant('omura');
  const devices = new DeviceRegistry(new DeviceStore(omura), 'omura', clock, logger);
  const audit = new AuditLog(omura, clock);
  const fleet = new Fleet({
    devices,
    health: new DeviceHealthStore(omura),
    configs: new DeviceConfigStore(omura),
    db: omura,
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
  it('takes one report a minute per TV and refuses faster ones', async () => {
    const { devices, fleet, advance } = await setUp();
    const { device } = await devices.register(INFO);
    await fleet.report(device.id, { errors: [error('one')] });
    await expect(fleet.report(device.id, { errors: [error('two')] })).rejects.toThrow(AppError);
    advance(30_000);
    await expect(fleet.report(device.id, { errors: [] })).rejects.toThrowError('RATE_LIMITED');
    advance(30_000);
    await fleet.report(device.id, { errors: [error('three')] });
    expect((await fleet.device(device.id))?.errors.map((e) => e.message)).toEqual(['one', 'three']);
  });

  it('keeps the last ten errors, scrubbed, and the last memory', async () => {
    const { devices, fleet, advance } = await setUp();
    const { device } = await devices.register(INFO);
    await fleet.report(device.id, {
      memory: { usedJsHeap: 50 * 1024 * 1024, deviceGb: 2 },
      errors: Array.from({ length: 8 }, (_, n) => error(`old ${n}`)),
    });
    advance(60_000);
    await fleet.report(device.id, {
      errors: [
        error('x'),
        error('y'),
        { ...error('at https://tv.example/app.js?code=SECRET'), source: 'a.js?x=1' },
      ],
    });
    const row = (await fleet.device(device.id)) as FleetDevice;
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
  it('offers an update to older apps only', async () => {
    const { devices, fleet } = await setUp('0.2.0');
    const older = (await devices.register(INFO)).device;
    const newer = (await devices.register({ ...INFO, appVersion: '0.2.0' })).device;
    expect(fleet.updateFor('0.1.0')).toEqual({ version: '0.2.0' });
    expect(fleet.updateFor('0.2.0')).toBeUndefined();
    expect(fleet.updateFor('dev')).toBeUndefined();
    expect((await fleet.device(older.id))?.updateAvailable).toBe(true);
    expect((await fleet.device(newer.id))?.updateAvailable).toBe(false);
    expect((await setUp(null)).fleet.updateFor('0.0.1')).toBeUndefined();
  });
});

describe('Fleet configuration pushes', () => {
  it('versions each push per TV, audits it, and follows it to stored and applied', async () => {
    const { devices, fleet, audit, pushes } = await setUp();
    const hbbtv = (await devices.register(INFO)).device;
    const browser = (await devices.register({ ...INFO, profile: 'browser' })).device;
    await fleet.push(OPERATOR, { profile: 'hbbtv', keyMapOverride: { '403': 'Red' } });
    const second = await fleet.push(OPERATOR, { deviceIds: [hbbtv.id], serverUrl: 'https://tv.example.jp' });
    expect(second.pushed).toEqual([{ deviceId: hbbtv.id, version: 2, online: false }]);
    expect(pushes).toEqual([
      [hbbtv.id, { version: 1, keyMapOverride: { '403': 'Red' } }],
      [hbbtv.id, { version: 2, serverUrl: 'https://tv.example.jp' }],
    ]);
    expect((await fleet.device(browser.id))?.config).toBeNull();
    expect(await fleet.pendingConfig(hbbtv.id)).toEqual({ version: 2, serverUrl: 'https://tv.example.jp' });

    await fleet.stored(hbbtv.id, 2);
    expect(await fleet.pendingConfig(hbbtv.id)).toBeUndefined();
    expect((await fleet.device(hbbtv.id))?.config?.state).toBe('delivered');
    await fleet.hello(hbbtv.id, 2);
    expect((await fleet.device(hbbtv.id))?.config).toMatchObject({
      version: 2,
      appliedVersion: 2,
      state: 'applied',
    });
    await expect(fleet.stored(hbbtv.id, 3)).rejects.toThrowError('NOT_FOUND');

    const rows = (await audit.latest(10)).filter((entry) => entry.action === 'fleet.config.pushed');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      actor: `staff:${OPERATOR.id}`,
      details: { profile: 'hbbtv', deviceIds: [hbbtv.id], keyMapOverride: { '403': 'Red' } },
    });
    expect((await audit.verify()).ok).toBe(true);
  });

  it('changes nothing when a listed TV is unknown or revoked, or no TV has the profile', async () => {
    const { db, devices, fleet } = await setUp();
    const kept = (await devices.register(INFO)).device;
    const revoked = (await devices.register(INFO)).device;
    await devices.revoke(revoked.id);
    const auditRows = async () =>
      (
        await db.kysely
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .execute()
      ).map((row) => Number(row.n));
    const before = await auditRows();
    await expect(
      fleet.push(OPERATOR, { deviceIds: [kept.id, 'dev_nobody'], serverUrl: 'https://a.example' }),
    ).rejects.toThrowError('NOT_FOUND');
    await expect(
      fleet.push(OPERATOR, { deviceIds: [kept.id, revoked.id], serverUrl: 'https://a.example' }),
    ).rejects.toThrowError('NOT_FOUND');
    await expect(
      fleet.push(OPERATOR, { profile: 'tizen', serverUrl: 'https://a.example' }),
    ).rejects.toThrowError('NOT_FOUND');
    expect((await fleet.device(kept.id))?.config).toBeNull();
    expect(await auditRows()).toEqual(before);
    // Pushing to a profile skips its revoked boxes.
    expect(
      (await fleet.push(OPERATOR, { profile: 'hbbtv', serverUrl: 'https://a.example' })).pushed,
    ).toHaveLength(1);
  });
});
