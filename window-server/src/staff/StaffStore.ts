import type { StaffAccount, StaffRole } from '@madoguchi/shared';
import type { Selectable } from 'kysely';
import type { Schema, TenantExecutor } from '../db/index.js';

export interface StaffAccountRecord extends StaffAccount {
  tenantId: string;
  passwordHash: string;
  language: string;
  failedLogins: number;
  lockedUntil: string | null;
  disabledAt: string | null;
}

type StaffRow = Selectable<Schema['staff_accounts']>;

export interface StaffSessionRecord {
  idHash: string;
  staffId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

type SessionRow = Selectable<Schema['staff_sessions']>;

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

/** The staff_accounts and staff_sessions tables, of one tenant. */
export class StaffStore {
  constructor(private readonly db: TenantExecutor) {}

  async insertAccount(account: {
    id: string;
    loginId: string;
    displayName: string;
    role: StaffRole;
    passwordHash: string;
    language: string;
    at: string;
  }): Promise<StaffAccountRecord> {
    await this.db
      .insert('staff_accounts', {
        id: account.id,
        login_id: account.loginId,
        display_name: account.displayName,
        role: account.role,
        password_hash: account.passwordHash,
        language: account.language,
        created_at: account.at,
        updated_at: account.at,
      })
      .execute();
    return (await this.accountById(account.id)) as StaffAccountRecord;
  }

  async accountById(id: string): Promise<StaffAccountRecord | undefined> {
    const row = await this.db
      .selectFrom('staff_accounts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  async accountByLoginId(loginId: string): Promise<StaffAccountRecord | undefined> {
    const row = await this.db
      .selectFrom('staff_accounts')
      .selectAll()
      .where('login_id', '=', loginId)
      .executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  async listAccounts(): Promise<StaffAccountRecord[]> {
    const rows = await this.db.selectFrom('staff_accounts').selectAll().orderBy('login_id').execute();
    return rows.map(toAccount);
  }

  async updateAccount(
    id: string,
    change: { displayName?: string; role?: StaffRole; disabledAt?: string | null },
    at: string,
  ): Promise<void> {
    await this.db
      .updateTable('staff_accounts')
      .set({
        ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async recordFailedLogin(id: string, lockedUntil: string | null): Promise<void> {
    await this.db
      .updateTable('staff_accounts')
      .set((eb) =>
        lockedUntil
          ? { failed_logins: 0, locked_until: lockedUntil }
          : { failed_logins: eb('failed_logins', '+', 1) },
      )
      .where('id', '=', id)
      .execute();
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.db
      .updateTable('staff_accounts')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
  }

  async insertSession(session: StaffSessionRecord): Promise<void> {
    await this.db
      .insert('staff_sessions', {
        id_hash: session.idHash,
        staff_id: session.staffId,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async sessionByHash(idHash: string): Promise<StaffSessionRecord | undefined> {
    const row = await this.db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return row ? toSession(row) : undefined;
  }

  async touchSession(idHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: at })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOf(staffId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('staff_sessions')
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('staff_sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
