import type { HouseholdMember, IdentityCheck } from '@madoguchi/shared';
import type { Database } from '../db/index.js';

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

interface AuthorizationRow {
  id: string;
  device_id: string;
  status: DeviceAuthorizationRecord['status'];
  created_at: string;
  expires_at: string;
  interval_seconds: number;
  last_poll_at: string | null;
  citizen_id: string | null;
}

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

/** The citizens, device_citizens and device_authorizations tables. */
export class CitizenStore {
  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
  ) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  upsertCitizen(citizen: CitizenRecord, at: string): CitizenRecord {
    this.db
      .prepare(
        `INSERT INTO citizens (id, tenant_id, issuer, subject, display_name, created_at)
         VALUES (@id, @tenantId, @issuer, @subject, @displayName, @at)
         ON CONFLICT (tenant_id, issuer, subject) DO UPDATE SET display_name = excluded.display_name`,
      )
      .run({ ...citizen, tenantId: this.tenantId, at });
    return this.citizenBySubject(citizen.issuer, citizen.subject) as CitizenRecord;
  }

  citizenBySubject(issuer: string, subject: string): CitizenRecord | undefined {
    return this.db
      .prepare<[string, string, string], CitizenRecord>(
        `SELECT id, issuer, subject, display_name AS displayName FROM citizens
         WHERE tenant_id = ? AND issuer = ? AND subject = ?`,
      )
      .get(this.tenantId, issuer, subject);
  }

  citizen(id: string): CitizenRecord | undefined {
    return this.db
      .prepare<[string, string], CitizenRecord>(
        'SELECT id, issuer, subject, display_name AS displayName FROM citizens WHERE id = ? AND tenant_id = ?',
      )
      .get(id, this.tenantId);
  }

  /** Links a citizen to a TV; false when already linked. */
  link(
    deviceId: string,
    citizenId: string,
    at: string,
    staff: { staffId: string; consultationId: string; checks: Record<IdentityCheck, boolean> } | null,
  ): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO device_citizens (device_id, citizen_id, linked_at, linked_by, staff_id, consultation_id, checks)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(
          deviceId,
          citizenId,
          at,
          staff ? 'staff' : 'self',
          staff?.staffId ?? null,
          staff?.consultationId ?? null,
          staff ? JSON.stringify(staff.checks) : null,
        ).changes === 1
    );
  }

  unlink(deviceId: string, citizenId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM device_citizens WHERE device_id = ? AND citizen_id = ?')
        .run(deviceId, citizenId).changes === 1
    );
  }

  household(deviceId: string): HouseholdMember[] {
    return this.db
      .prepare<[string], HouseholdMember>(
        `SELECT c.id AS citizenId, c.display_name AS displayName, l.linked_at AS linkedAt, l.linked_by AS linkedBy
         FROM device_citizens l JOIN citizens c ON c.id = l.citizen_id
         WHERE l.device_id = ? ORDER BY l.linked_at`,
      )
      .all(deviceId);
  }

  devicesOf(citizenId: string): { deviceId: string; linkedAt: string }[] {
    return this.db
      .prepare<[string], { deviceId: string; linkedAt: string }>(
        'SELECT device_id AS deviceId, linked_at AS linkedAt FROM device_citizens WHERE citizen_id = ? ORDER BY linked_at',
      )
      .all(citizenId);
  }

  isLinked(deviceId: string, citizenId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM device_citizens WHERE device_id = ? AND citizen_id = ?')
        .get(deviceId, citizenId) !== undefined
    );
  }

  staffLinks(limit: number): StaffLinkRecord[] {
    return this.db
      .prepare<
        [string, number],
        {
          deviceId: string;
          citizenId: string;
          linkedAt: string;
          staffId: string;
          consultationId: string;
          checks: string;
        }
      >(
        `SELECT l.device_id AS deviceId, l.citizen_id AS citizenId, l.linked_at AS linkedAt, l.staff_id AS staffId,
           l.consultation_id AS consultationId, l.checks AS checks
         FROM device_citizens l JOIN citizens c ON c.id = l.citizen_id
         WHERE l.linked_by = 'staff' AND c.tenant_id = ? ORDER BY l.linked_at DESC LIMIT ?`,
      )
      .all(this.tenantId, limit)
      .map((row) => ({ ...row, checks: JSON.parse(row.checks) as Record<IdentityCheck, boolean> }));
  }

  // ── RFC 8628 device authorizations ──────────────────────────────────────────────────────

  insertAuthorization(row: {
    id: string;
    deviceId: string;
    deviceCodeHash: string;
    userCodeHash: string;
    at: string;
    expiresAt: string;
    intervalSeconds: number;
  }): void {
    this.db
      .prepare(
        `INSERT INTO device_authorizations (id, tenant_id, device_id, device_code_hash, user_code_hash, status,
           created_at, expires_at, interval_seconds)
         VALUES (@id, @tenantId, @deviceId, @deviceCodeHash, @userCodeHash, 'pending', @at, @expiresAt, @intervalSeconds)`,
      )
      .run({ ...row, tenantId: this.tenantId });
  }

  authorizationByDeviceCode(deviceCodeHash: string): DeviceAuthorizationRecord | undefined {
    const row = this.db
      .prepare<[string, string], AuthorizationRow>(
        'SELECT * FROM device_authorizations WHERE device_code_hash = ? AND tenant_id = ?',
      )
      .get(deviceCodeHash, this.tenantId);
    return row ? toAuthorization(row) : undefined;
  }

  /** The pending authorization a user code belongs to (codes are unique among live ones). */
  pendingByUserCode(userCodeHash: string, now: string): DeviceAuthorizationRecord | undefined {
    const row = this.db
      .prepare<[string, string, string], AuthorizationRow>(
        `SELECT * FROM device_authorizations
         WHERE user_code_hash = ? AND tenant_id = ? AND status = 'pending' AND expires_at > ?`,
      )
      .get(userCodeHash, this.tenantId, now);
    return row ? toAuthorization(row) : undefined;
  }

  authorization(id: string): DeviceAuthorizationRecord | undefined {
    const row = this.db
      .prepare<[string, string], AuthorizationRow>(
        'SELECT * FROM device_authorizations WHERE id = ? AND tenant_id = ?',
      )
      .get(id, this.tenantId);
    return row ? toAuthorization(row) : undefined;
  }

  recordPoll(id: string, at: string, intervalSeconds: number): void {
    this.db
      .prepare('UPDATE device_authorizations SET last_poll_at = ?, interval_seconds = ? WHERE id = ?')
      .run(at, intervalSeconds, id);
  }

  settleAuthorization(
    id: string,
    from: DeviceAuthorizationRecord['status'],
    to: DeviceAuthorizationRecord['status'],
    citizenId: string | null,
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE device_authorizations SET status = ?, citizen_id = COALESCE(?, citizen_id) WHERE id = ? AND status = ?`,
        )
        .run(to, citizenId, id, from).changes === 1
    );
  }

  /** Forgets finished and long-expired sign-ins (the codes are hashed, but need not stay). */
  purgeAuthorizations(before: string): number {
    return this.db.prepare('DELETE FROM device_authorizations WHERE expires_at < ?').run(before).changes;
  }
}
