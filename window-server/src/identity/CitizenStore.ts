import type { HouseholdMember, IdentityCheck } from '@madoguchi/shared';
import type { Selectable } from 'kysely';
import type { Schema, TenantExecutor, TenantTx } from '../db/index.js';

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

/** The citizens, device_citizens and device_authorizations tables, of one tenant. */
export class CitizenStore {
  constructor(private readonly db: TenantExecutor) {}

  /** The same tables, inside a transaction. */
  with(tx: TenantTx): CitizenStore {
    return new CitizenStore(tx);
  }

  async upsertCitizen(citizen: CitizenRecord, at: string): Promise<CitizenRecord> {
    await this.db
      .insert('citizens', {
        id: citizen.id,
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
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
  }

  citizen(id: string): Promise<CitizenRecord | undefined> {
    return this.db.selectFrom('citizens').select(CITIZEN_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** Links a citizen to a TV; false when already linked. */
  async link(
    deviceId: string,
    citizenId: string,
    at: string,
    staff: { staffId: string; consultationId: string; checks: Record<IdentityCheck, boolean> } | null,
  ): Promise<boolean> {
    const result = await this.db
      .insert('device_citizens', {
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
      .selectFrom('device_citizens')
      .innerJoin('citizens', (join) =>
        join
          .onRef('citizens.id', '=', 'device_citizens.citizen_id')
          .onRef('citizens.tenant_id', '=', 'device_citizens.tenant_id'),
      )
      .select([
        'citizens.id as citizenId',
        'citizens.display_name as displayName',
        'device_citizens.linked_at as linkedAt',
        'device_citizens.linked_by as linkedBy',
      ])
      .where('device_citizens.device_id', '=', deviceId)
      .orderBy('device_citizens.linked_at')
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
      .selectFrom('device_citizens')
      .select([
        'device_id as deviceId',
        'citizen_id as citizenId',
        'linked_at as linkedAt',
        'staff_id as staffId',
        'consultation_id as consultationId',
        'checks',
      ])
      .where('linked_by', '=', 'staff')
      .orderBy('linked_at', 'desc')
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
      .insert('device_authorizations', {
        id: row.id,
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
      .executeTakeFirst();
    return row ? toAuthorization(row) : undefined;
  }

  /** The pending authorization a user code belongs to (codes are unique among live ones). */
  async pendingByUserCode(userCodeHash: string, now: string): Promise<DeviceAuthorizationRecord | undefined> {
    const row = await this.db
      .selectFrom('device_authorizations')
      .selectAll()
      .where('user_code_hash', '=', userCodeHash)
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
      .executeTakeFirst();
    return row ? toAuthorization(row) : undefined;
  }

  async recordPoll(id: string, at: string, intervalSeconds: number): Promise<void> {
    await this.db
      .updateTable('device_authorizations')
      .set({ last_poll_at: at, interval_seconds: intervalSeconds })
      .where('id', '=', id)
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
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Forgets finished and long-expired sign-ins (the codes are hashed, but need not stay). */
  async purgeAuthorizations(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('device_authorizations')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
