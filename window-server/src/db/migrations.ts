import type { SqliteMigration } from './sqliteFile.js';

/**
 * Numbered migrations, the same history on both engines: each version says the same thing in
 * SQLite's SQL and in PostgreSQL's. Never edit a migration that has shipped: add the next number.
 *
 * The engines' types: ids and JSON are text on both (JSON as the exact text written); times are
 * ISO 8601 text in SQLite and `timestamptz` in PostgreSQL, except the audit trail's `at`, which
 * is text on both because its hash covers those exact characters; yes/no is INTEGER 0/1 in SQLite
 * and `boolean` in PostgreSQL (both accept 0/1 written). SQLite's STRICT tables, CHECKs, partial
 * unique indexes and triggers have their PostgreSQL equivalents below.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: MigrationSql;
  postgres: MigrationSql;
  /**
   * SQLite only: rebuilds a table others refer to (the "12-step" ALTER TABLE), so foreign keys
   * are off while it runs and checked before it commits. PostgreSQL alters in place.
   */
  rebuildsTables?: boolean;
}

/**
 * What a migration may need to know about the installation it runs on. Migrations are SQL; the
 * few that need a value (rows written before tenants existed get the tenant the previous release
 * served) are functions of this, so a misspelt value is a compile error, not a placeholder left in.
 */
export interface MigrationContext {
  /** The legacy tenant's id as a quoted SQL literal, e.g. `'omura'` (checked before any migration runs). */
  legacyTenant: string;
}

export type MigrationSql = string | ((context: MigrationContext) => string);

/** The SQL of `migration` on `engine`, with the installation's values filled in. */
export function migrationSql(
  migration: Migration,
  engine: 'sqlite' | 'postgres',
  context: MigrationContext,
): string {
  const script = migration[engine];
  return typeof script === 'string' ? script : script(context);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation: devices, staff accounts, staff sessions',
    sqlite: `
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        profile TEXT NOT NULL,
        app_version TEXT NOT NULL,
        model TEXT NOT NULL,
        capabilities TEXT NOT NULL,
        screen_width INTEGER NOT NULL,
        screen_height INTEGER NOT NULL,
        settings TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX devices_tenant ON devices (tenant_id, last_seen_at);

      CREATE TABLE staff_accounts (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        login_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'admin')),
        password_hash TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'ja',
        disabled_at TEXT,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (tenant_id, login_id)
      ) STRICT;

      CREATE TABLE staff_sessions (
        id_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
    `,
    postgres: `
      CREATE TABLE devices (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        profile text NOT NULL,
        app_version text NOT NULL,
        model text NOT NULL,
        capabilities text NOT NULL,
        screen_width integer NOT NULL,
        screen_height integer NOT NULL,
        settings text NOT NULL,
        registered_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX devices_tenant ON devices (tenant_id, last_seen_at);

      CREATE TABLE staff_accounts (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        login_id text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CONSTRAINT staff_accounts_role_check CHECK (role IN ('staff', 'supervisor', 'admin')),
        password_hash text NOT NULL,
        language text NOT NULL DEFAULT 'ja',
        disabled_at timestamptz,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (tenant_id, login_id)
      );

      CREATE TABLE staff_sessions (
        id_hash text PRIMARY KEY,
        staff_id text NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
    `,
  },
  {
    version: 2,
    name: 'video counter: queue entries, consultations, survey answers',
    sqlite: `
      CREATE TABLE queue_entries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        tenant_id TEXT NOT NULL,
        device_id TEXT NOT NULL REFERENCES devices (id),
        topic TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('walkIn', 'callback')),
        status TEXT NOT NULL
          CHECK (status IN ('waiting', 'callbackRequested', 'ringing', 'serving', 'served', 'abandoned')),
        joined_at TEXT NOT NULL,
        rank_at TEXT NOT NULL,
        camera INTEGER NOT NULL,
        callback_date TEXT,
        callback_period TEXT CHECK (callback_period IN ('morning', 'afternoon')),
        callback_attempts INTEGER NOT NULL DEFAULT 0,
        assigned_staff_id TEXT REFERENCES staff_accounts (id),
        transferred INTEGER NOT NULL DEFAULT 0,
        first_accepted_at TEXT,
        ended_at TEXT,
        abandon_reason TEXT
      ) STRICT;
      CREATE INDEX queue_entries_open ON queue_entries (tenant_id, status, topic, rank_at, seq);
      CREATE INDEX queue_entries_joined ON queue_entries (tenant_id, joined_at);
      CREATE INDEX queue_entries_ended ON queue_entries (tenant_id, ended_at);
      -- One open request per TV: a second join is refused by the database itself.
      CREATE UNIQUE INDEX queue_entries_one_open_per_device ON queue_entries (device_id)
        WHERE status IN ('waiting', 'callbackRequested', 'ringing', 'serving');

      CREATE TABLE consultations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        entry_id TEXT NOT NULL REFERENCES queue_entries (id),
        device_id TEXT NOT NULL REFERENCES devices (id),
        staff_id TEXT NOT NULL REFERENCES staff_accounts (id),
        topic TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('walkIn', 'callback')),
        status TEXT NOT NULL CHECK (status IN ('ringing', 'active', 'onHold', 'ended')),
        started_at TEXT NOT NULL,
        answered_at TEXT,
        ended_at TEXT,
        end_reason TEXT,
        outcome TEXT,
        notes TEXT,
        survey_status TEXT CHECK (survey_status IN ('pending', 'answered', 'skipped'))
      ) STRICT;
      CREATE INDEX consultations_open ON consultations (tenant_id, status);
      CREATE INDEX consultations_ended ON consultations (tenant_id, ended_at);
      CREATE INDEX consultations_entry ON consultations (entry_id);
      -- One call at a time per officer.
      CREATE UNIQUE INDEX consultations_one_open_per_staff ON consultations (staff_id)
        WHERE status IN ('ringing', 'active', 'onHold');

      CREATE TABLE survey_answers (
        consultation_id TEXT PRIMARY KEY REFERENCES consultations (id),
        easy_to_talk INTEGER CHECK (easy_to_talk BETWEEN 1 AND 5),
        resolved INTEGER CHECK (resolved BETWEEN 1 AND 5),
        use_again INTEGER CHECK (use_again BETWEEN 1 AND 5),
        answered_at TEXT NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE queue_entries (
        seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        tenant_id text NOT NULL,
        device_id text NOT NULL REFERENCES devices (id),
        topic text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('walkIn', 'callback')),
        status text NOT NULL
          CHECK (status IN ('waiting', 'callbackRequested', 'ringing', 'serving', 'served', 'abandoned')),
        joined_at timestamptz NOT NULL,
        rank_at timestamptz NOT NULL,
        camera boolean NOT NULL,
        callback_date text,
        callback_period text CHECK (callback_period IN ('morning', 'afternoon')),
        callback_attempts integer NOT NULL DEFAULT 0,
        assigned_staff_id text REFERENCES staff_accounts (id),
        transferred boolean NOT NULL DEFAULT false,
        first_accepted_at timestamptz,
        ended_at timestamptz,
        abandon_reason text
      );
      CREATE INDEX queue_entries_open ON queue_entries (tenant_id, status, topic, rank_at, seq);
      CREATE INDEX queue_entries_joined ON queue_entries (tenant_id, joined_at);
      CREATE INDEX queue_entries_ended ON queue_entries (tenant_id, ended_at);
      -- One open request per TV: a second join is refused by the database itself.
      CREATE UNIQUE INDEX queue_entries_one_open_per_device ON queue_entries (device_id)
        WHERE status IN ('waiting', 'callbackRequested', 'ringing', 'serving');

      CREATE TABLE consultations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        entry_id text NOT NULL REFERENCES queue_entries (id),
        device_id text NOT NULL REFERENCES devices (id),
        staff_id text NOT NULL REFERENCES staff_accounts (id),
        topic text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('walkIn', 'callback')),
        status text NOT NULL CHECK (status IN ('ringing', 'active', 'onHold', 'ended')),
        started_at timestamptz NOT NULL,
        answered_at timestamptz,
        ended_at timestamptz,
        end_reason text,
        outcome text,
        notes text,
        survey_status text CHECK (survey_status IN ('pending', 'answered', 'skipped'))
      );
      CREATE INDEX consultations_open ON consultations (tenant_id, status);
      CREATE INDEX consultations_ended ON consultations (tenant_id, ended_at);
      CREATE INDEX consultations_entry ON consultations (entry_id);
      -- One call at a time per officer.
      CREATE UNIQUE INDEX consultations_one_open_per_staff ON consultations (staff_id)
        WHERE status IN ('ringing', 'active', 'onHold');

      CREATE TABLE survey_answers (
        consultation_id text PRIMARY KEY REFERENCES consultations (id),
        easy_to_talk integer CHECK (easy_to_talk BETWEEN 1 AND 5),
        resolved integer CHECK (resolved BETWEEN 1 AND 5),
        use_again integer CHECK (use_again BETWEEN 1 AND 5),
        answered_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'identity: citizens, household links, device sign-in, consents, audit trail',
    sqlite: `
      -- The CSRF token is now derived from the session secret; nothing to keep in clear.
      ALTER TABLE staff_sessions DROP COLUMN csrf_token;

      CREATE TABLE citizens (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        issuer TEXT NOT NULL,
        subject TEXT NOT NULL,
        display_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (tenant_id, issuer, subject)
      ) STRICT;

      CREATE TABLE device_citizens (
        device_id TEXT NOT NULL REFERENCES devices (id),
        citizen_id TEXT NOT NULL REFERENCES citizens (id),
        linked_at TEXT NOT NULL,
        linked_by TEXT NOT NULL CHECK (linked_by IN ('self', 'staff')),
        staff_id TEXT REFERENCES staff_accounts (id),
        consultation_id TEXT REFERENCES consultations (id),
        checks TEXT,
        PRIMARY KEY (device_id, citizen_id)
      ) STRICT;
      CREATE INDEX device_citizens_citizen ON device_citizens (citizen_id);
      CREATE INDEX device_citizens_staff ON device_citizens (linked_by, linked_at);

      CREATE TABLE device_authorizations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        device_id TEXT NOT NULL REFERENCES devices (id),
        device_code_hash TEXT NOT NULL UNIQUE,
        user_code_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'consumed')),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        interval_seconds INTEGER NOT NULL,
        last_poll_at TEXT,
        citizen_id TEXT REFERENCES citizens (id)
      ) STRICT;
      CREATE INDEX device_authorizations_user_code ON device_authorizations (user_code_hash, status);

      CREATE TABLE consents (
        citizen_id TEXT NOT NULL REFERENCES citizens (id),
        purpose TEXT NOT NULL,
        granted INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (citizen_id, purpose)
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        consultation_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      -- Append-only: rows are never changed or removed through the application.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `,
    postgres: `
      ALTER TABLE staff_sessions DROP COLUMN csrf_token;

      CREATE TABLE citizens (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        issuer text NOT NULL,
        subject text NOT NULL,
        display_name text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (tenant_id, issuer, subject)
      );

      CREATE TABLE device_citizens (
        device_id text NOT NULL REFERENCES devices (id),
        citizen_id text NOT NULL REFERENCES citizens (id),
        linked_at timestamptz NOT NULL,
        linked_by text NOT NULL CHECK (linked_by IN ('self', 'staff')),
        staff_id text REFERENCES staff_accounts (id),
        consultation_id text REFERENCES consultations (id),
        checks text,
        PRIMARY KEY (device_id, citizen_id)
      );
      CREATE INDEX device_citizens_citizen ON device_citizens (citizen_id);
      CREATE INDEX device_citizens_staff ON device_citizens (linked_by, linked_at);

      CREATE TABLE device_authorizations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        device_id text NOT NULL REFERENCES devices (id),
        device_code_hash text NOT NULL UNIQUE,
        user_code_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'consumed')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        interval_seconds integer NOT NULL,
        last_poll_at timestamptz,
        citizen_id text REFERENCES citizens (id)
      );
      CREATE INDEX device_authorizations_user_code ON device_authorizations (user_code_hash, status);

      CREATE TABLE consents (
        citizen_id text NOT NULL REFERENCES citizens (id),
        purpose text NOT NULL,
        granted boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (citizen_id, purpose)
      );

      -- at is text: the row's hash covers these exact characters.
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at text NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject text,
        consultation_id text,
        details text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      -- Append-only: rows are never changed or removed through the application.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END;
      $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `,
  },
  {
    version: 4,
    name: 'services: notices each TV has read',
    sqlite: `
      CREATE TABLE notice_reads (
        device_id TEXT NOT NULL REFERENCES devices (id),
        notice_id TEXT NOT NULL,
        read_at TEXT NOT NULL,
        PRIMARY KEY (device_id, notice_id)
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE notice_reads (
        device_id text NOT NULL REFERENCES devices (id),
        notice_id text NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (device_id, notice_id)
      );
    `,
  },
  {
    version: 5,
    name: 'fleet: the operator role, device health reports, pushed configurations',
    rebuildsTables: true,
    sqlite: `
      -- The cable operator's engineers sign in too: widen the role check (a CHECK cannot be altered).
      CREATE TABLE staff_accounts_new (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        login_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'admin', 'operator')),
        password_hash TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'ja',
        disabled_at TEXT,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (tenant_id, login_id)
      ) STRICT;
      INSERT INTO staff_accounts_new (id, tenant_id, login_id, display_name, role, password_hash, language,
          disabled_at, failed_logins, locked_until, created_at, updated_at)
        SELECT id, tenant_id, login_id, display_name, role, password_hash, language,
          disabled_at, failed_logins, locked_until, created_at, updated_at
        FROM staff_accounts;
      DROP TABLE staff_accounts;
      ALTER TABLE staff_accounts_new RENAME TO staff_accounts;

      -- The last health report of each TV: memory and its last errors (JSON, at most ten).
      CREATE TABLE device_health (
        device_id TEXT PRIMARY KEY REFERENCES devices (id),
        memory TEXT,
        errors TEXT NOT NULL,
        reported_at TEXT NOT NULL
      ) STRICT;

      -- The configuration an operator pushed to each TV, and how far it got.
      CREATE TABLE device_configs (
        device_id TEXT PRIMARY KEY REFERENCES devices (id),
        version INTEGER NOT NULL,
        server_url TEXT,
        key_map_override TEXT,
        pushed_at TEXT NOT NULL,
        pushed_by TEXT NOT NULL REFERENCES staff_accounts (id),
        delivered_version INTEGER,
        delivered_at TEXT,
        applied_version INTEGER,
        applied_at TEXT
      ) STRICT;
    `,
    postgres: `
      -- The cable operator's engineers sign in too: widen the role check.
      ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_role_check;
      ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_role_check
        CHECK (role IN ('staff', 'supervisor', 'admin', 'operator'));

      -- The last health report of each TV: memory and its last errors (JSON, at most ten).
      CREATE TABLE device_health (
        device_id text PRIMARY KEY REFERENCES devices (id),
        memory text,
        errors text NOT NULL,
        reported_at timestamptz NOT NULL
      );

      -- The configuration an operator pushed to each TV, and how far it got.
      CREATE TABLE device_configs (
        device_id text PRIMARY KEY REFERENCES devices (id),
        version integer NOT NULL,
        server_url text,
        key_map_override text,
        pushed_at timestamptz NOT NULL,
        pushed_by text NOT NULL REFERENCES staff_accounts (id),
        delivered_version integer,
        delivered_at timestamptz,
        applied_version integer,
        applied_at timestamptz
      );
    `,
  },
  {
    version: 6,
    name: 'tenants: tenant_id on every row, one audit chain per tenant',
    rebuildsTables: true,
    // SQLite cannot add a NOT NULL column without a default (which would then fill in a tenant
    // for a forgetful insert): each table is rebuilt with the column, filled from its parent row.
    sqlite: ({ legacyTenant }) => `
      CREATE TABLE staff_sessions_new (
        id_hash TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO staff_sessions_new (id_hash, tenant_id, staff_id, created_at, last_seen_at, expires_at)
        SELECT s.id_hash, COALESCE((SELECT a.tenant_id FROM staff_accounts a WHERE a.id = s.staff_id), ${legacyTenant}),
          s.staff_id, s.created_at, s.last_seen_at, s.expires_at
        FROM staff_sessions s;
      DROP TABLE staff_sessions;
      ALTER TABLE staff_sessions_new RENAME TO staff_sessions;
      CREATE INDEX staff_sessions_staff ON staff_sessions (tenant_id, staff_id);
      CREATE INDEX staff_sessions_expires ON staff_sessions (tenant_id, expires_at);

      CREATE TABLE survey_answers_new (
        consultation_id TEXT PRIMARY KEY REFERENCES consultations (id),
        tenant_id TEXT NOT NULL,
        easy_to_talk INTEGER CHECK (easy_to_talk BETWEEN 1 AND 5),
        resolved INTEGER CHECK (resolved BETWEEN 1 AND 5),
        use_again INTEGER CHECK (use_again BETWEEN 1 AND 5),
        answered_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO survey_answers_new (consultation_id, tenant_id, easy_to_talk, resolved, use_again, answered_at)
        SELECT s.consultation_id,
          COALESCE((SELECT c.tenant_id FROM consultations c WHERE c.id = s.consultation_id), ${legacyTenant}),
          s.easy_to_talk, s.resolved, s.use_again, s.answered_at
        FROM survey_answers s;
      DROP TABLE survey_answers;
      ALTER TABLE survey_answers_new RENAME TO survey_answers;
      CREATE INDEX survey_answers_answered ON survey_answers (tenant_id, answered_at);

      CREATE TABLE device_citizens_new (
        device_id TEXT NOT NULL REFERENCES devices (id),
        citizen_id TEXT NOT NULL REFERENCES citizens (id),
        tenant_id TEXT NOT NULL,
        linked_at TEXT NOT NULL,
        linked_by TEXT NOT NULL CHECK (linked_by IN ('self', 'staff')),
        staff_id TEXT REFERENCES staff_accounts (id),
        consultation_id TEXT REFERENCES consultations (id),
        checks TEXT,
        PRIMARY KEY (device_id, citizen_id)
      ) STRICT;
      INSERT INTO device_citizens_new (device_id, citizen_id, tenant_id, linked_at, linked_by, staff_id,
          consultation_id, checks)
        SELECT l.device_id, l.citizen_id,
          COALESCE((SELECT c.tenant_id FROM citizens c WHERE c.id = l.citizen_id), ${legacyTenant}),
          l.linked_at, l.linked_by, l.staff_id, l.consultation_id, l.checks
        FROM device_citizens l;
      DROP TABLE device_citizens;
      ALTER TABLE device_citizens_new RENAME TO device_citizens;
      CREATE INDEX device_citizens_citizen ON device_citizens (tenant_id, citizen_id);
      CREATE INDEX device_citizens_staff ON device_citizens (tenant_id, linked_by, linked_at);

      CREATE TABLE consents_new (
        citizen_id TEXT NOT NULL REFERENCES citizens (id),
        purpose TEXT NOT NULL,
        tenant_id TEXT NOT NULL,
        granted INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (citizen_id, purpose)
      ) STRICT;
      INSERT INTO consents_new (citizen_id, purpose, tenant_id, granted, updated_at)
        SELECT k.citizen_id, k.purpose,
          COALESCE((SELECT c.tenant_id FROM citizens c WHERE c.id = k.citizen_id), ${legacyTenant}),
          k.granted, k.updated_at
        FROM consents k;
      DROP TABLE consents;
      ALTER TABLE consents_new RENAME TO consents;

      CREATE TABLE notice_reads_new (
        device_id TEXT NOT NULL REFERENCES devices (id),
        notice_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL,
        read_at TEXT NOT NULL,
        PRIMARY KEY (device_id, notice_id)
      ) STRICT;
      INSERT INTO notice_reads_new (device_id, notice_id, tenant_id, read_at)
        SELECT r.device_id, r.notice_id,
          COALESCE((SELECT d.tenant_id FROM devices d WHERE d.id = r.device_id), ${legacyTenant}), r.read_at
        FROM notice_reads r;
      DROP TABLE notice_reads;
      ALTER TABLE notice_reads_new RENAME TO notice_reads;

      CREATE TABLE device_health_new (
        device_id TEXT PRIMARY KEY REFERENCES devices (id),
        tenant_id TEXT NOT NULL,
        memory TEXT,
        errors TEXT NOT NULL,
        reported_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO device_health_new (device_id, tenant_id, memory, errors, reported_at)
        SELECT h.device_id,
          COALESCE((SELECT d.tenant_id FROM devices d WHERE d.id = h.device_id), ${legacyTenant}),
          h.memory, h.errors, h.reported_at
        FROM device_health h;
      DROP TABLE device_health;
      ALTER TABLE device_health_new RENAME TO device_health;
      CREATE INDEX device_health_tenant ON device_health (tenant_id, device_id);

      CREATE TABLE device_configs_new (
        device_id TEXT PRIMARY KEY REFERENCES devices (id),
        tenant_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        server_url TEXT,
        key_map_override TEXT,
        pushed_at TEXT NOT NULL,
        pushed_by TEXT NOT NULL REFERENCES staff_accounts (id),
        delivered_version INTEGER,
        delivered_at TEXT,
        applied_version INTEGER,
        applied_at TEXT
      ) STRICT;
      INSERT INTO device_configs_new (device_id, tenant_id, version, server_url, key_map_override, pushed_at,
          pushed_by, delivered_version, delivered_at, applied_version, applied_at)
        SELECT g.device_id,
          COALESCE((SELECT d.tenant_id FROM devices d WHERE d.id = g.device_id), ${legacyTenant}),
          g.version, g.server_url, g.key_map_override, g.pushed_at, g.pushed_by, g.delivered_version,
          g.delivered_at, g.applied_version, g.applied_at
        FROM device_configs g;
      DROP TABLE device_configs;
      ALTER TABLE device_configs_new RENAME TO device_configs;
      CREATE INDEX device_configs_tenant ON device_configs (tenant_id, device_id);

      -- One hash chain per tenant: seq counts within the tenant. The rows written before tenants
      -- were the previous release's one city; they keep their hash form (format 1, without the
      -- tenant), new rows are format 2 (the hash covers the tenant too).
      CREATE TABLE audit_log_new (
        tenant_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        format INTEGER NOT NULL CHECK (format IN (1, 2)),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        consultation_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      ) STRICT;
      INSERT INTO audit_log_new (tenant_id, seq, format, at, actor, action, subject, consultation_id,
          details, prev_hash, hash)
        SELECT ${legacyTenant}, seq, 1, at, actor, action, subject, consultation_id, details, prev_hash, hash
        FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_new RENAME TO audit_log;
      -- Append-only: rows are never changed or removed through the application.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `,
    postgres: ({ legacyTenant }) => `
      ALTER TABLE staff_sessions ADD COLUMN tenant_id text;
      UPDATE staff_sessions s SET tenant_id =
        COALESCE((SELECT a.tenant_id FROM staff_accounts a WHERE a.id = s.staff_id), ${legacyTenant});
      ALTER TABLE staff_sessions ALTER COLUMN tenant_id SET NOT NULL;
      DROP INDEX staff_sessions_staff;
      CREATE INDEX staff_sessions_staff ON staff_sessions (tenant_id, staff_id);
      CREATE INDEX staff_sessions_expires ON staff_sessions (tenant_id, expires_at);

      ALTER TABLE survey_answers ADD COLUMN tenant_id text;
      UPDATE survey_answers s SET tenant_id =
        COALESCE((SELECT c.tenant_id FROM consultations c WHERE c.id = s.consultation_id), ${legacyTenant});
      ALTER TABLE survey_answers ALTER COLUMN tenant_id SET NOT NULL;
      CREATE INDEX survey_answers_answered ON survey_answers (tenant_id, answered_at);

      ALTER TABLE device_citizens ADD COLUMN tenant_id text;
      UPDATE device_citizens l SET tenant_id =
        COALESCE((SELECT c.tenant_id FROM citizens c WHERE c.id = l.citizen_id), ${legacyTenant});
      ALTER TABLE device_citizens ALTER COLUMN tenant_id SET NOT NULL;
      DROP INDEX device_citizens_citizen;
      DROP INDEX device_citizens_staff;
      CREATE INDEX device_citizens_citizen ON device_citizens (tenant_id, citizen_id);
      CREATE INDEX device_citizens_staff ON device_citizens (tenant_id, linked_by, linked_at);

      ALTER TABLE consents ADD COLUMN tenant_id text;
      UPDATE consents k SET tenant_id =
        COALESCE((SELECT c.tenant_id FROM citizens c WHERE c.id = k.citizen_id), ${legacyTenant});
      ALTER TABLE consents ALTER COLUMN tenant_id SET NOT NULL;

      ALTER TABLE notice_reads ADD COLUMN tenant_id text;
      UPDATE notice_reads r SET tenant_id =
        COALESCE((SELECT d.tenant_id FROM devices d WHERE d.id = r.device_id), ${legacyTenant});
      ALTER TABLE notice_reads ALTER COLUMN tenant_id SET NOT NULL;

      ALTER TABLE device_health ADD COLUMN tenant_id text;
      UPDATE device_health h SET tenant_id =
        COALESCE((SELECT d.tenant_id FROM devices d WHERE d.id = h.device_id), ${legacyTenant});
      ALTER TABLE device_health ALTER COLUMN tenant_id SET NOT NULL;
      CREATE INDEX device_health_tenant ON device_health (tenant_id, device_id);

      ALTER TABLE device_configs ADD COLUMN tenant_id text;
      UPDATE device_configs g SET tenant_id =
        COALESCE((SELECT d.tenant_id FROM devices d WHERE d.id = g.device_id), ${legacyTenant});
      ALTER TABLE device_configs ALTER COLUMN tenant_id SET NOT NULL;
      CREATE INDEX device_configs_tenant ON device_configs (tenant_id, device_id);

      -- One hash chain per tenant (see the SQLite half). A column added with a default fills the
      -- old rows without an UPDATE, so the append-only triggers stay in place throughout; the
      -- defaults are dropped at once, so every new row must name its tenant and its format.
      ALTER TABLE audit_log ADD COLUMN tenant_id text NOT NULL DEFAULT ${legacyTenant};
      ALTER TABLE audit_log ALTER COLUMN tenant_id DROP DEFAULT;
      ALTER TABLE audit_log ADD COLUMN format integer NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
      ALTER TABLE audit_log ALTER COLUMN format DROP DEFAULT;
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
      ALTER TABLE audit_log ADD PRIMARY KEY (tenant_id, seq);
    `,
  },
];

/** The SQLite half as release 0.1 applied it (its runner and its `schema_migrations`). */
export const LEGACY_SQLITE_MIGRATIONS: readonly SqliteMigration[] = MIGRATIONS.filter(
  (migration) => migration.version <= 5,
).map((migration) => ({
  version: migration.version,
  name: migration.name,
  // Versions 1–5 are plain SQL: they never knew of tenants beyond their own column.
  sql: migrationSql(migration, 'sqlite', { legacyTenant: "'omura'" }),
  ...(migration.rebuildsTables ? { rebuildsTables: migration.rebuildsTables } : {}),
}));
