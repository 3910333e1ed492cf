import { sql } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/support/testDatabase.js';
import { createLogger } from '../core/logger.js';
import { Database, OutsideTransactionError } from './Database.js';
import { appliedMigrations, migrateToLatest, migrationName } from './migrate.js';
import { LEGACY_SQLITE_MIGRATIONS, MIGRATIONS } from './migrations.js';
import { migrateSqliteFile, openSqliteFile } from './sqliteFile.js';

// What only SQLite has: one connection, files made by earlier releases. The sqlite project
// runs this file; the postgres project leaves it out (vitest.config.ts).
const logger = createLogger('silent');
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

describe('SQLite files', () => {
  it('fails a query made outside an open transaction at once, instead of waiting for the one connection', async () => {
    const { db } = await open();
    await expect(
      db.transaction(async (tx) => {
        await tx.selectFrom('devices').selectAll().execute();
        return db.kysely.selectFrom('devices').selectAll().execute();
      }),
    ).rejects.toBeInstanceOf(OutsideTransactionError);
    // The connection is free again afterwards.
    expect(await db.kysely.selectFrom('devices').selectAll().execute()).toEqual([]);
  });

  it('opens with WAL and foreign keys on', async () => {
    const { db } = await open();
    const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db.kysely);
    expect(rows[0]?.journal_mode).toBe('wal');
    const keys = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db.kysely);
    expect(keys.rows[0]?.foreign_keys).toBe(1);
  });

  it('takes over a database made by release 0.1, rebuilding staff accounts without losing a reference', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'madoguchi-legacy-')), 'madoguchi.db');
    // Release 0.1 at schema 4: its own runner and its schema_migrations table.
    const old = openSqliteFile({ file, migrations: LEGACY_SQLITE_MIGRATIONS.slice(0, 4) });
    old
      .prepare(
        `INSERT INTO staff_accounts (id, tenant_id, login_id, display_name, role, password_hash, created_at, updated_at)
         VALUES ('stf_1', 't', 'taro', '窓口 太郎', 'staff', 'hash', ?, ?)`,
      )
      .run(at, at);
    old
      .prepare(
        `INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at, expires_at) VALUES ('h1', 'stf_1', ?, ?, ?)`,
      )
      .run(at, at, at);
    old
      .prepare(
        `INSERT INTO devices (id, tenant_id, token_hash, profile, app_version, model, capabilities,
           screen_width, screen_height, settings, registered_at, last_seen_at)
         VALUES ('dev_1', 't', 'th', 'hbbtv', '0.1.0', 'm', '{}', 1280, 720, '{}', ?, ?)`,
      )
      .run(at, at);
    old
      .prepare(
        `INSERT INTO queue_entries (id, tenant_id, device_id, topic, kind, status, joined_at, rank_at, camera, assigned_staff_id)
         VALUES ('que_1', 't', 'dev_1', 'general', 'walkIn', 'waiting', ?, ?, 0, 'stf_1')`,
      )
      .run(at, at);
    expect(migrateSqliteFile(old, LEGACY_SQLITE_MIGRATIONS.slice(0, 4))).toEqual([]);
    old.close();

    const db = await Database.open({ file, logger });
    try {
      expect(await migrateToLatest(db)).toEqual(MIGRATIONS.slice(4).map(migrationName));
      expect(await appliedMigrations(db)).toEqual(MIGRATIONS.map(migrationName));
      const legacy = await sql`SELECT name FROM sqlite_master WHERE name = 'schema_migrations'`.execute(
        db.kysely,
      );
      expect(legacy.rows).toEqual([]);
      expect(await db.kysely.selectFrom('staff_accounts').select(['login_id', 'role']).execute()).toEqual([
        { login_id: 'taro', role: 'staff' },
      ]);
      expect(await db.kysely.selectFrom('staff_sessions').select('staff_id').execute()).toEqual([
        { staff_id: 'stf_1' },
      ]);
      // The widened role check, and the queue still refers to the rebuilt table.
      await db.kysely
        .insertInto('staff_accounts')
        .values({
          id: 'stf_2',
          tenant_id: 't',
          login_id: 'op',
          display_name: 'op',
          role: 'operator',
          password_hash: 'h',
          created_at: at,
          updated_at: at,
        })
        .execute();
      await expect(
        db.kysely.deleteFrom('staff_accounts').where('id', '=', 'stf_1').execute(),
      ).rejects.toThrow(/FOREIGN KEY/);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db.kysely);
      expect(broken.rows).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
