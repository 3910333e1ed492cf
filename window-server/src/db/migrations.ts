/**
 * Numbered migrations, applied in order, each once, each in its own transaction. Never edit a
 * migration that has shipped: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation: devices, staff accounts, staff sessions',
    sql: `
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
  },
];
