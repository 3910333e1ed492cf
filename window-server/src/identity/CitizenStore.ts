import type { HouseholdMember, IdentityCheck } from '@madoguchi/shared';
import type { Selectable } from 'kysely';
import type { Executor, Schema } from '../db/index.js';

export interface CitizenRecord {
  id: string;
  issuer: string;
  subject: string;
  displayName: string;
}

export interface DeviceAuthorizationRecord {
  id: string;
  deviceId: string;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  createdAt: string;
  expiresAt: string;
  intervalSeconds: number;
  lastPollAt: string | null;
  citizenId: string | null;
}

export interface StaffLinkRecord {
  deviceId: string;
  citizenId: string;
  linkedAt: string;
  staffId: string;
  consultationId: string;
  checks: Record<IdentityCheck, boolean>;
}

type AuthorizationRow = Selectable<Schema['device_authorizations']>;

const toAuthorization = (row: AuthorizationRow): DeviceAuthorizationRecord => ({
  id: row.id,
  deviceId: row.device_id,
  status: row.status,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  intervalSeconds: row.interval_seconds,
  lastPollAt: row.last_poll_at,
  citizenId: row.citizen_id,
});

const CITIZEN_COLUMNS = ['id', 'issuer', 'subject', 'display_name as displayName'] as const;

/** The citizens, device_citizens and device_authorizations tables. */
export class CitizenStore {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
  ) {}

  /** The same tables, inside a transaction. */
  with(tx: Executor): CitizenStore {
    return new CitizenStore(tx, this.tenantId);
  }

  async upsertCitizen(citizen: CitizenRecord, at: string): Promise<CitizenRecord> {
    await this.db
      .insertInto('citizens')
      .values({
        id: citizen.id,
        tenant_id: this.tenantId,
        issuer: citizen.issuer,
        subject: citizen.subject,
        display_name: citizen.displayName,
        created_at: at,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['tenant_id', 'issuer', 'subject'])
          .doUpdateSet({ display_name: citizen.displayName }),
      )
      .execute();
    return (await this.citizenBySubject(citizen.issuer, citizen.subject)) as CitizenRecord;
  }

  citizenBySubject(issuer: string, subject: string): Promise<CitizenRecord | undefined> {
    return this.db
      .selectFrom('citizens')
      .select(CITIZEN_COLUMNS)
      .where('tenant_id', '=', this.tenantId)
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
  }

  citizen(id: string): Promise<CitizenRecord | undefined> {
    return this.db
      .selectFrom('citizens')
      .select(CITIZEN_COLUMNS)
      .where('id', '=', id)
      .where('tenant_id', '=', this.tenantId)
      .executeTakeFirst();
  }

  /** Links a citizen to a TV; false when already linked. */
  async link(
    deviceId: string,
    citizenId: string,
    at: string,
    staff: { staffId: string; consultationId: string; checks: Record<IdentityCheck, boolean> } | null,
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('device_citizens')
      .values({
        device_id: deviceId,
        citizen_id: citizenId,
        linked_at: at,
        linked_by: staff ? 'staff' : 'self',
        staff_id: staff?.staffId ?? null,
        consultation_id: staff?.consultationId ?? null,
        checks: staff ? JSON.stringify(staff.checks) : null,
      })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async unlink(deviceId: string, citizenId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('device_citizens')
      .where('device_id', '=', deviceId)
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  household(deviceId: string): Promise<HouseholdMember[]> {
    return this.db
      .selectFrom('device_citizens as l')
      .innerJoin('citizens as c', 'c.id', 'l.citizen_id')
      .select([
        'c.id as citizenId',
        'c.display_name as displayName',
        'l.linked_at as linkedAt',
        'l.linked_by as linkedBy',
      ])
      .where('l.device_id', '=', deviceId)
      .orderBy('l.linked_at')
      .execute();
  }

  devicesOf(citizenId: string): Promise<{ deviceId: string; linkedAt: string }[]> {
    return this.db
      .selectFrom('device_citizens')
      .select(['device_id as deviceId', 'linked_at as linkedAt'])
      .where('citizen_id', '=', citizenId)
      .orderBy('linked_at')
      .execute();
  }

  async isLinked(deviceId: string, citizenId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('device_citizens')
      .select('device_id')
      .where('device_id', '=', deviceId)
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async staffLinks(limit: number): Promise<StaffLinkRecord[]> {
    const rows = await this.db
      .selectFrom('device_citizens as l')
      .innerJoin('citizens as c', 'c.id', 'l.citizen_id')
      .select([
        'l.device_id as deviceId',
        'l.citizen_id as citizenId',
        'l.linked_at as linkedAt',
        'l.staff_id as staffId',
        'l.consultation_id as consultationId',
        'l.checks as checks',
      ])
      .where('l.linked_by', '=', 'staff')
      .where('c.tenant_id', '=', this.tenantId)
      .orderBy('l.linked_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      deviceId: row.deviceId,
      citizenId: row.citizenId,
      linkedAt: row.linkedAt,
      staffId: row.staffId ?? '',
      consultationId: row.consultationId ?? '',
      checks: JSON.parse(row.checks ?? '{}') as Record<IdentityCheck, boolean>,
    }));
  }

  // ── RFC 8628 device authorizations ──────────────────────────────────────────────────────

  async insertAuthorization(row: {
    id: string;
    deviceId: string;
    deviceCodeHash: string;
    userCodeHash: string;
    at: string;
    expiresAt: string;
    intervalSeconds: number;
  }): Promise<void> {
    await this.db
      .insertInto('device_authorizations')
      .values({
        id: row.id,
        tenant_id: this.tenantId,
        device_id: row.deviceId,
        device_code_hash: row.deviceCodeHash,
        user_code_hash: row.userCodeHash,
        status: 'pending',
        created_at: row.at,
        expires_at: row.expiresAt,
        interval_seconds: row.intervalSeconds,
      })
      .execute();
  }

  async authorizationByDeviceCode(deviceCodeHash: string): Promise<DeviceAuthorizationRecord | undefined> {
    const row = await this.db
      .selectFrom('device_authorizations')
      .selectAll()
      .where('device_code_hash', '=', deviceCodeHash)
      .where('tenant_id', '=', this.tenantId)
      .executeTakeFirst();
    return row ? toAuthorization(row) : undefined;
  }

  /** The pending authorization a user code belongs to (codes are unique among live ones). */
  async pendingByUserCode(userCodeHash: string, now: string): Promise<DeviceAuthorizationRecord | undefined> {
    const row = await this.db
      .selectFrom('device_authorizations')
      .selectAll()
      .where('user_code_hash', '=', userCodeHash)
      .where('tenant_id', '=', this.tenantId)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? toAuthorization(row) : undefined;
  }

  async authorization(id: string): Promise<DeviceAuthorizationRecord | undefined> {
    const row = await this.db
      .selectFrom('device_authorizations')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', this.tenantId)
      .executeTakeFirst();
    return row ? toAuthorization(row) : undefined;
  }

  async recordPoll(id: string, at: string, intervalSeconds: number): Promise<void> {
    await this.db
      .updateTable('device_authorizations')
      .set({ last_poll_at: at, interval_seconds: intervalSeconds })
      .where('id', '=', id)
      .where('tenant_id', '=', this.tenantId)
      .execute();
  }

  async settleAuthorization(
    id: string,
    from: DeviceAuthorizationRecord['status'],
    to: DeviceAuthorizationRecord['status'],
    citizenId: string | null,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('device_authorizations')
      .set((eb) => ({ status: to, citizen_id: citizenId ?? eb.ref('citizen_id') }))
      .where('id', '=', id)
      .where('tenant_id', '=', this.tenantId)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Forgets finished and long-expired sign-ins (the codes are hashed, but need not stay). */
  async purgeAuthorizations(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('device_authorizations')
      .where('tenant_id', '=', this.tenantId)
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
