import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion, type Migration } from './index.js';
import { MIGRATIONS } from './migrations.js';

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'madoguchi-db-')), 'test.db');

describe('openDatabase', () => {
  it('opens a file with WAL and foreign keys, at the latest schema', () => {
    const db = openDatabase({ file: tempFile() });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('applies each migration once, across restarts', () => {
    const file = tempFile();
    openDatabase({ file }).close();
    const db = openDatabase({ file });
    expect(migrate(db)).toEqual([]);
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
  });

  it('applies only the new migrations to an older database', () => {
    const file = tempFile();
    const first = MIGRATIONS.slice(0, 1);
    openDatabase({ file, migrations: first }).close();
    const next: Migration = { version: 2, name: 'test', sql: 'CREATE TABLE later (id INTEGER PRIMARY KEY)' };
    const db = openDatabase({ file, migrations: [...first, next] });
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'later'").get()).toEqual({
      name: 'later',
    });
    db.close();
  });

  it('rolls back a failing migration entirely', () => {
    const file = tempFile();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE half (id INTEGER); SELECT * FROM missing',
    };
    expect(() => openDatabase({ file, migrations: [...MIGRATIONS.slice(0, 1), broken] })).toThrow();
    const db = openDatabase({ file, migrations: MIGRATIONS.slice(0, 1) });
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('refuses gaps in the numbering', () => {
    const gap: Migration = { version: 3, name: 'gap', sql: 'SELECT 1' };
    expect(() => openDatabase({ file: ':memory:', migrations: [...MIGRATIONS.slice(0, 1), gap] })).toThrow(
      /numbered/,
    );
  });

  it('enforces foreign keys', () => {
    const db = openDatabase({ file: ':memory:' });
    expect(() =>
      db
        .prepare(
          "INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at, expires_at) VALUES ('h', 'nobody', '', '', '')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migration 5 (the operator role)', () => {
  const at = '2025-04-01T00:00:00.000Z';

  it('rebuilds staff accounts in place: sessions, calls and their references survive', () => {
    const file = tempFile();
    const old = openDatabase({ file, migrations: MIGRATIONS.slice(0, 4) });
    old
      .prepare(
        `INSERT INTO staff_accounts (id, tenant_id, login_id, display_name, role, password_hash, created_at, updated_at)
         VALUES ('stf_1', 't', 'taro', '窓口 太郎', 'staff', 'hash', ?, ?)`,
      )
      .run(at, at);
    old
      .prepare(
        `INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at, expires_at)
         VALUES ('h1', 'stf_1', ?, ?, ?)`,
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
    expect(() =>
      old
        .prepare(
          `INSERT INTO staff_accounts (id, tenant_id, login_id, display_name, role, password_hash, created_at, updated_at)
           VALUES ('stf_2', 't', 'op', 'op', 'operator', 'hash', ?, ?)`,
        )
        .run(at, at),
    ).toThrow(/CHECK/);
    old.close();

    const db = openDatabase({ file });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT login_id, role FROM staff_accounts').all()).toEqual([
      { login_id: 'taro', role: 'staff' },
    ]);
    expect(db.prepare('SELECT staff_id FROM staff_sessions').all()).toEqual([{ staff_id: 'stf_1' }]);
    db.prepare(
      `INSERT INTO staff_accounts (id, tenant_id, login_id, display_name, role, password_hash, created_at, updated_at)
       VALUES ('stf_2', 't', 'op', 'op', 'operator', 'hash', ?, ?)`,
    ).run(at, at);
    expect(() =>
      db
        .prepare(
          `INSERT INTO staff_accounts (id, tenant_id, login_id, display_name, role, password_hash, created_at, updated_at)
           VALUES ('stf_3', 't', 'x', 'x', 'king', 'hash', ?, ?)`,
        )
        .run(at, at),
    ).toThrow(/CHECK/);
    // The queue still refers to the rebuilt table: deleting a referenced account is refused.
    expect(() => db.prepare("DELETE FROM staff_accounts WHERE id = 'stf_1'").run()).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
