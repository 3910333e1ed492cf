import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/testDatabase.js';
import { AuditLog, GENESIS_HASH, rowHash } from '../audit/index.js';
import type { Database } from './Database.js';
import { migrateToLatest, migrationName } from './migrate.js';
import { MIGRATIONS } from './migrations.js';

// Migration 6 on a database made by migrations 1–5 with rows in every table: each old row gets
// its parent's tenant, the old audit chain still holds, and new rows chain on per tenant.

const at = '2025-04-01T00:00:00.000Z';
const clock = { now: () => new Date(Date.parse('2026-01-05T00:00:00.000Z')) };
const opened: TestDatabase[] = [];
afterEach(async () => {
  for (const test of opened.splice(0)) await test.close();
});

async function insert(db: Database, table: string, row: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(row);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    VALUES (${sql.join(columns.map((column) => row[column]))})`.execute(db.kysely);
}

/** Rows of two cities (suffix _a: omura, _b: minato) in every table, as release 5 stored them. */
async function fillVersion5(db: Database): Promise<void> {
  for (const [s, tenant] of [
    ['a', 'omura'],
    ['b', 'minato'],
  ] as const) {
    await insert(db, 'devices', {
      id: `dev_${s}`,
      tenant_id: tenant,
      token_hash: `th_${s}`,
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
    await insert(db, 'staff_accounts', {
      id: `stf_${s}`,
      tenant_id: tenant,
      login_id: 'taro',
      display_name: '窓口 太郎',
      role: 'staff',
      password_hash: 'hash',
      created_at: at,
      updated_at: at,
    });
    await insert(db, 'staff_sessions', {
      id_hash: `h_${s}`,
      staff_id: `stf_${s}`,
      created_at: at,
      last_seen_at: at,
      expires_at: at,
    });
    await insert(db, 'queue_entries', {
      id: `que_${s}`,
      tenant_id: tenant,
      device_id: `dev_${s}`,
      topic: 'general',
      kind: 'walkIn',
      status: 'served',
      joined_at: at,
      rank_at: at,
      camera: 0,
    });
    await insert(db, 'consultations', {
      id: `con_${s}`,
      tenant_id: tenant,
      entry_id: `que_${s}`,
      device_id: `dev_${s}`,
      staff_id: `stf_${s}`,
      topic: 'general',
      kind: 'walkIn',
      status: 'ended',
      started_at: at,
    });
    await insert(db, 'survey_answers', { consultation_id: `con_${s}`, easy_to_talk: 5, answered_at: at });
    await insert(db, 'citizens', {
      id: `ctz_${s}`,
      tenant_id: tenant,
      issuer: 'https://id.example',
      subject: 'sub',
      display_name: '市民',
      created_at: at,
    });
    await insert(db, 'device_citizens', {
      device_id: `dev_${s}`,
      citizen_id: `ctz_${s}`,
      linked_at: at,
      linked_by: 'staff',
      staff_id: `stf_${s}`,
      consultation_id: `con_${s}`,
    });
    await insert(db, 'device_authorizations', {
      id: `aut_${s}`,
      tenant_id: tenant,
      device_id: `dev_${s}`,
      device_code_hash: `dc_${s}`,
      user_code_hash: `uc_${s}`,
      status: 'pending',
      created_at: at,
      expires_at: at,
      interval_seconds: 5,
    });
    await insert(db, 'consents', { citizen_id: `ctz_${s}`, purpose: 'wallet', granted: 1, updated_at: at });
    await insert(db, 'notice_reads', { device_id: `dev_${s}`, notice_id: 'n1', read_at: at });
    await insert(db, 'device_health', { device_id: `dev_${s}`, errors: '[]', reported_at: at });
    await insert(db, 'device_configs', {
      device_id: `dev_${s}`,
      version: 1,
      pushed_at: at,
      pushed_by: `stf_${s}`,
    });
  }
  // The single-tenant release's chain: three rows hashed the old way (no tenant in the hash).
  let prev = GENESIS_HASH;
  for (const seq of [1, 2, 3]) {
    const row = {
      seq,
      at,
      actor: 'system',
      action: 'test.old',
      subject: null,
      consultation_id: null,
      details: JSON.stringify({ seq }),
      prev_hash: prev,
    };
    const hash = rowHash({ ...row, tenant_id: '', format: 1 });
    await insert(db, 'audit_log', { ...row, hash });
    prev = hash;
  }
}

/** Which key column tells each table's rows apart (its values end in _a or _b). */
const KEYS = {
  staff_sessions: 'id_hash',
  survey_answers: 'consultation_id',
  device_citizens: 'device_id',
  consents: 'citizen_id',
  notice_reads: 'device_id',
  device_health: 'device_id',
  device_configs: 'device_id',
} as const;

/** Changes the trail behind the server's back, as someone with the database's password could. */
async function tamper(db: Database, change: string): Promise<void> {
  const script =
    testEngine() === 'postgres'
      ? `ALTER TABLE audit_log DISABLE TRIGGER USER; ${change}; ALTER TABLE audit_log ENABLE TRIGGER USER;`
      : `DROP TRIGGER audit_log_no_update; ${change};`;
  await db.runScript(script);
}

describe(`migration 6: tenants on every row (${testEngine()})`, () => {
  async function migratedFrom5(): Promise<Database> {
    const test = await openTestDatabase({ migrate: false });
    opened.push(test);
    await migrateToLatest(test.db, { migrations: MIGRATIONS.slice(0, 5) });
    await fillVersion5(test.db);
    expect(await migrateToLatest(test.db, { legacyTenantId: 'omura' })).toEqual([
      migrationName(MIGRATIONS[5]!),
    ]);
    return test.db;
  }

  it("gives every old row its parent's tenant, and the old audit trail to the legacy tenant", async () => {
    const db = await migratedFrom5();
    for (const [table, key] of Object.entries(KEYS)) {
      const { rows } = await sql<{ key: string; tenant_id: string }>`SELECT ${sql.ref(key)} AS key, tenant_id
        FROM ${sql.table(table)} ORDER BY 1`.execute(db.kysely);
      expect(rows, table).toEqual([
        { key: expect.stringMatching(/_a$/), tenant_id: 'omura' },
        { key: expect.stringMatching(/_b$/), tenant_id: 'minato' },
      ]);
    }
    const audit = await db.kysely
      .selectFrom('audit_log')
      .select(['tenant_id', 'seq', 'format'])
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => [row.tenant_id, Number(row.seq), Number(row.format)])).toEqual([
      ['omura', 1, 1],
      ['omura', 2, 1],
      ['omura', 3, 1],
    ]);
    // A row must name its tenant: the column has no default on either engine.
    await expect(
      insert(db, 'notice_reads', { device_id: 'dev_a', notice_id: 'n2', read_at: at }),
    ).rejects.toThrow(/null|NOT NULL/i);
  });

  it('keeps the old chain valid and chains new rows on per tenant', async () => {
    const db = await migratedFrom5();
    const omura = new AuditLog(db.forTenant('omura'), clock);
    const minato = new AuditLog(db.forTenant('minato'), clock);
    expect(await omura.verify()).toEqual({ ok: true, rows: 3, firstBroken: null });
    expect((await omura.record({ actor: 'system', action: 'test.new' })).seq).toBe(4);
    expect((await minato.record({ actor: 'system', action: 'test.new' })).seq).toBe(1);
    expect((await minato.record({ actor: 'system', action: 'test.new' })).seq).toBe(2);
    expect(await omura.verify()).toEqual({ ok: true, rows: 4, firstBroken: null });
    expect(await minato.verify()).toEqual({ ok: true, rows: 2, firstBroken: null });
    expect((await omura.latest(10)).map((entry) => entry.action)).toEqual([
      'test.new',
      'test.old',
      'test.old',
      'test.old',
    ]);
    expect(await db.tenantsIn('audit_log')).toEqual(['minato', 'omura']);
  });

  it('detects a chain moved whole to another tenant, even one that would fit there', async () => {
    const db = await migratedFrom5();
    const minato = new AuditLog(db.forTenant('minato'), clock);
    await minato.record({ actor: 'system', action: 'a' });
    await minato.record({ actor: 'system', action: 'b' });
    await tamper(db, `UPDATE audit_log SET tenant_id = 'sasebo' WHERE tenant_id = 'minato'`);
    // Sequence and links are intact where they landed: only the hash, which covers the tenant, tells.
    expect(await new AuditLog(db.forTenant('sasebo'), clock).verify()).toEqual({
      ok: false,
      rows: 1,
      firstBroken: { seq: 1, reason: 'hash' },
    });
  });

  it('detects a row moved out of a chain, and a new row passed off as one from before tenants', async () => {
    const db = await migratedFrom5();
    const omura = new AuditLog(db.forTenant('omura'), clock);
    await omura.record({ actor: 'system', action: 'new' });
    await tamper(db, `UPDATE audit_log SET tenant_id = 'minato' WHERE tenant_id = 'omura' AND seq = 2`);
    expect(await omura.verify()).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'sequence' } });

    const other = await migratedFrom5();
    const again = new AuditLog(other.forTenant('omura'), clock);
    await again.record({ actor: 'system', action: 'new' });
    await tamper(other, `UPDATE audit_log SET format = 1 WHERE tenant_id = 'omura' AND seq = 4`);
    expect(await again.verify()).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'hash' } });
  });
});
