import type { StaffAccount, StaffRole } from '@madoguchi/shared';
import type { Database } from '../db/index.js';

export interface StaffAccountRecord extends StaffAccount {
  tenantId: string;
  passwordHash: string;
  language: string;
  failedLogins: number;
  lockedUntil: string | null;
  disabledAt: string | null;
}

interface StaffRow {
  id: string;
  tenant_id: string;
  login_id: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  language: string;
  disabled_at: string | null;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export interface StaffSessionRecord {
  idHash: string;
  staffId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

interface SessionRow {
  id_hash: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

const toAccount = (row: StaffRow): StaffAccountRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  loginId: row.login_id,
  displayName: row.display_name,
  role: row.role,
  disabled: row.disabled_at !== null,
  createdAt: row.created_at,
  passwordHash: row.password_hash,
  language: row.language,
  failedLogins: row.failed_logins,
  lockedUntil: row.locked_until,
  disabledAt: row.disabled_at,
});

const toSession = (row: SessionRow): StaffSessionRecord => ({
  idHash: row.id_hash,
  staffId: row.staff_id,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
});

/** The staff_accounts and staff_sessions tables. */
export class StaffStore {
  constructor(private readonly db: Database) {}

  insertAccount(account: {
    id: string;
    tenantId: string;
    loginId: string;
    displayName: string;
    role: StaffRole;
    passwordHash: string;
    language: string;
    at: string;
  }): StaffAccountRecord {
    this.db
      .prepare(
        `INSERT INTO staff_accounts (id, tenant_id, login_id, display_name, role, password_hash, language, created_at, updated_at)
         VALUES (@id, @tenantId, @loginId, @displayName, @role, @passwordHash, @language, @at, @at)`,
      )
      .run(account);
    return this.accountById(account.id) as StaffAccountRecord;
  }

  accountById(id: string): StaffAccountRecord | undefined {
    const row = this.db.prepare<[string], StaffRow>('SELECT * FROM staff_accounts WHERE id = ?').get(id);
    return row ? toAccount(row) : undefined;
  }

  accountByLoginId(tenantId: string, loginId: string): StaffAccountRecord | undefined {
    const row = this.db
      .prepare<[string, string], StaffRow>(
        'SELECT * FROM staff_accounts WHERE tenant_id = ? AND login_id = ?',
      )
      .get(tenantId, loginId);
    return row ? toAccount(row) : undefined;
  }

  listAccounts(tenantId: string): StaffAccountRecord[] {
    return this.db
      .prepare<[string], StaffRow>('SELECT * FROM staff_accounts WHERE tenant_id = ? ORDER BY login_id')
      .all(tenantId)
      .map(toAccount);
  }

  updateAccount(
    id: string,
    change: { displayName?: string; role?: StaffRole; disabledAt?: string | null },
    at: string,
  ): void {
    const current = this.accountById(id);
    if (!current) return;
    this.db
      .prepare(
        `UPDATE staff_accounts SET display_name = @displayName, role = @role, disabled_at = @disabledAt, updated_at = @at
         WHERE id = @id`,
      )
      .run({
        id,
        displayName: change.displayName ?? current.displayName,
        role: change.role ?? current.role,
        disabledAt: change.disabledAt === undefined ? current.disabledAt : change.disabledAt,
        at,
      });
  }

  recordFailedLogin(id: string, lockedUntil: string | null): void {
    if (lockedUntil) {
      this.db
        .prepare('UPDATE staff_accounts SET failed_logins = 0, locked_until = ? WHERE id = ?')
        .run(lockedUntil, id);
    } else {
      this.db.prepare('UPDATE staff_accounts SET failed_logins = failed_logins + 1 WHERE id = ?').run(id);
    }
  }

  clearFailedLogins(id: string): void {
    this.db.prepare('UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
  }

  insertSession(session: StaffSessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at, expires_at)
         VALUES (@idHash, @staffId, @createdAt, @lastSeenAt, @expiresAt)`,
      )
      .run(session);
  }

  sessionByHash(idHash: string): StaffSessionRecord | undefined {
    const row = this.db
      .prepare<[string], SessionRow>('SELECT * FROM staff_sessions WHERE id_hash = ?')
      .get(idHash);
    return row ? toSession(row) : undefined;
  }

  touchSession(idHash: string, at: string): void {
    this.db.prepare('UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?').run(at, idHash);
  }

  deleteSession(idHash: string): void {
    this.db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?').run(idHash);
  }

  deleteSessionsOf(staffId: string): number {
    return this.db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?').run(staffId).changes;
  }

  deleteExpiredSessions(now: string): number {
    return this.db.prepare('DELETE FROM staff_sessions WHERE expires_at <= ?').run(now).changes;
  }
}
