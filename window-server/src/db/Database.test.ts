import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/testDatabase.js';
import { appliedMigrations, migrateToLatest, migrationName } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations.js';

const at = '2025-04-01T00:00:00.000Z';
const opened: TestDatabase[] = [];
afterEach(async () => {
  for (const test of opened.splice(0)) await test.close();
});
const open = async (options?: { migrate?: boolean }): Promise<TestDatabase> => {
  const test = await openTestDatabase(options);
  opened.push(test);
  return test;
};

describe(`the database (${testEngine()})`, () => {
  it('applies every migration once, in order, across restarts', async () => {
    const { db } = await open();
    expect(await appliedMigrations(db)).toEqual(MIGRATIONS.map(migrationName));
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('refuses gaps in the numbering', async () => {
    const { db } = await open({ migrate: false });
    const gap: Migration = { version: 3, name: 'gap', sqlite: 'SELECT 1', postgres: 'SELECT 1' };
    await expect(migrateToLatest(db, { migrations: [...MIGRATIONS.slice(0, 1), gap] })).rejects.toThrow(
      /numbered/,
    );
  });

  it('rolls back a failing migration, leaving the ones before it', async () => {
    const { db } = await open({ migrate: false });
    const broken: Migration = {
      version: 2,
      name: 'broken',
      sqlite: 'CREATE TABLE half (id INTEGER); SELECT * FROM missing',
      postgres: 'CREATE TABLE half (id integer); SELECT * FROM missing',
    };
    await expect(migrateToLatest(db, { migrations: [...MIGRATIONS.slice(0, 1), broken] })).rejects.toThrow(
      /0002-broken failed/,
    );
    const half = await sql<{ n: number }>`SELECT count(*) AS n FROM staff_accounts`.execute(db.kysely).then(
      () => 'the first migration is there',
      () => 'missing',
    );
    // SQLite runs all pending migrations as one transaction; PostgreSQL each run as one too.
    expect(half).toBe('missing');
    await expect(sql`SELECT * FROM half`.execute(db.kysely)).rejects.toThrow();
  });

  it('enforces foreign keys and the one-open-entry-per-TV index', async () => {
    const { db } = await open();
    await expect(
      db.kysely
        .insertInto('staff_sessions')
        .values({
          id_hash: 'h',
          tenant_id: 't',
          staff_id: 'nobody',
          created_at: at,
          last_seen_at: at,
          expires_at: at,
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('keeps the audit trail append-only', async () => {
    const { db } = await open();
    await db.kysely
      .insertInto('audit_log')
      .values({
        tenant_id: 't',
        seq: 1,
        format: 2,
        at,
        actor: 'system',
        action: 'test',
        subject: null,
        consultation_id: null,
        details: '{}',
        prev_hash: '0',
        hash: '1',
      })
      .execute();
    await expect(db.kysely.updateTable('audit_log').set({ action: 'changed' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  it('says whether it answers', async () => {
    const { db } = await open();
    expect(await db.answers()).toBe(true);
    await db.close();
    expect(await db.answers()).toBe(false);
  });

  it('commits a durable transaction, and rolls a failed one back whole', async () => {
    const { db } = await open();
    const account = (id: string) => ({
      id,
      tenant_id: 't',
      login_id: id,
      display_name: id,
      role: 'staff' as const,
      password_hash: 'x',
      created_at: at,
      updated_at: at,
    });
    await db.transaction((tx) => tx.insertInto('staff_accounts').values(account('stf_a')).execute(), {
      durable: true,
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insertInto('staff_accounts').values(account('stf_b')).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const ids = await db.kysely.selectFrom('staff_accounts').select('id').execute();
    expect(ids).toEqual([{ id: 'stf_a' }]);
  });
});
