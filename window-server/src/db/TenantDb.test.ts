import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/testDatabase.js';

const at = '2025-04-01T00:00:00.000Z';
const opened: TestDatabase[] = [];
afterEach(async () => {
  for (const test of opened.splice(0)) await test.close();
});

const device = (id: string) => ({
  id,
  token_hash: `th_${id}`,
  profile: 'hbbtv',
  app_version: '0.1.0',
  model: 'm',
  capabilities: '{}',
  screen_width: 1280,
  screen_height: 720,
  settings: '{}',
  registered_at: at,
  last_seen_at: at,
});

describe(`a tenant's handle on the database (${testEngine()})`, () => {
  async function twoCities() {
    const test = await openTestDatabase();
    opened.push(test);
    const omura = test.db.forTenant('omura');
    const minato = test.db.forTenant('minato');
    await omura.insert('devices', [device('dev_a1'), device('dev_a2')]).execute();
    await minato.insert('devices', device('dev_b1')).execute();
    return { db: test.db, omura, minato };
  }

  it('stamps inserts with its tenant and sees only its own rows', async () => {
    const { db, omura, minato } = await twoCities();
    const all = await db.kysely.selectFrom('devices').select(['id', 'tenant_id']).orderBy('id').execute();
    expect(all).toEqual([
      { id: 'dev_a1', tenant_id: 'omura' },
      { id: 'dev_a2', tenant_id: 'omura' },
      { id: 'dev_b1', tenant_id: 'minato' },
    ]);
    expect(await omura.selectFrom('devices').select('id').orderBy('id').execute()).toEqual([
      { id: 'dev_a1' },
      { id: 'dev_a2' },
    ]);
    // Guessing another tenant's id finds nothing, as an unknown id would.
    expect(await omura.selectFrom('devices').select('id').where('id', '=', 'dev_b1').execute()).toEqual([]);
    expect(await minato.selectFrom('devices').select('id').execute()).toEqual([{ id: 'dev_b1' }]);
  });

  it('changes and removes only its own rows, also inside a transaction', async () => {
    const { db, omura, minato } = await twoCities();
    const touched = await omura.updateTable('devices').set({ model: 'changed' }).executeTakeFirst();
    expect(Number(touched.numUpdatedRows)).toBe(2);
    const guessed = await omura
      .updateTable('devices')
      .set({ model: 'changed' })
      .where('id', '=', 'dev_b1')
      .executeTakeFirst();
    expect(Number(guessed.numUpdatedRows)).toBe(0);
    await minato.transaction(async (tx) => {
      expect(tx.tenantId).toBe('minato');
      await tx.insert('notice_reads', { device_id: 'dev_b1', notice_id: 'n1', read_at: at }).execute();
      await tx.deleteFrom('notice_reads').where('device_id', '=', 'dev_a1').execute();
    });
    await omura.insert('notice_reads', { device_id: 'dev_a1', notice_id: 'n1', read_at: at }).execute();
    expect(Number((await minato.deleteFrom('notice_reads').executeTakeFirst()).numDeletedRows)).toBe(1);
    expect(await db.kysely.selectFrom('notice_reads').select(['device_id', 'tenant_id']).execute()).toEqual([
      { device_id: 'dev_a1', tenant_id: 'omura' },
    ]);
    expect(
      (await db.kysely.selectFrom('devices').select('model').where('id', '=', 'dev_b1').execute())[0],
    ).toEqual({ model: 'm' });
  });

  it('offers no way around the filter (the type checker says so)', async () => {
    const { omura } = await twoCities();
    // @ts-expect-error the tenant is the handle's: a row cannot name another
    omura.insert('devices', { ...device('dev_x'), tenant_id: 'minato' });
    // @ts-expect-error no raw Kysely behind the handle
    expect(omura.kysely).toBeUndefined();
    // @ts-expect-error no unfiltered starter either
    expect(omura.insertInto).toBeUndefined();
  });
});
