import {
  deviceErrorSchema,
  deviceMemorySchema,
  keyMapOverrideSchema,
  type DeviceErrorReport,
  type DeviceMemory,
  type KeyMapOverride,
} from '@madoguchi/shared';
import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { Schema, TenantExecutor, TenantTx } from '../db/index.js';

export interface DeviceHealthRecord {
  deviceId: string;
  memory: DeviceMemory | null;
  errors: DeviceErrorReport[];
  reportedAt: string;
}

export interface DeviceConfigRecord {
  deviceId: string;
  version: number;
  serverUrl: string | null;
  keyMapOverride: KeyMapOverride | null;
  pushedAt: string;
  pushedBy: string;
  deliveredVersion: number | null;
  deliveredAt: string | null;
  appliedVersion: number | null;
  appliedAt: string | null;
}

type HealthRow = Selectable<Schema['device_health']>;
type ConfigRow = Selectable<Schema['device_configs']>;

const storedErrors = z.array(deviceErrorSchema);

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toHealth(row: HealthRow): DeviceHealthRecord {
  // Rows written by an older version that no longer parse show as "nothing known", not as a crash.
  const memory = deviceMemorySchema.safeParse(parseJson(row.memory));
  const errors = storedErrors.safeParse(parseJson(row.errors));
  return {
    deviceId: row.device_id,
    memory: memory.success ? memory.data : null,
    errors: errors.success ? errors.data : [],
    reportedAt: row.reported_at,
  };
}

function toConfig(row: ConfigRow): DeviceConfigRecord {
  const keyMap = keyMapOverrideSchema.safeParse(parseJson(row.key_map_override));
  return {
    deviceId: row.device_id,
    version: row.version,
    serverUrl: row.server_url,
    keyMapOverride: keyMap.success ? keyMap.data : null,
    pushedAt: row.pushed_at,
    pushedBy: row.pushed_by,
    deliveredVersion: row.delivered_version,
    deliveredAt: row.delivered_at,
    appliedVersion: row.applied_version,
    appliedAt: row.applied_at,
  };
}

/** The device_health table and nothing else: each of the tenant's TVs' last report. */
export class DeviceHealthStore {
  constructor(private readonly db: TenantExecutor) {}

  async get(deviceId: string): Promise<DeviceHealthRecord | undefined> {
    const row = await this.db
      .selectFrom('device_health')
      .selectAll()
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return row ? toHealth(row) : undefined;
  }

  async all(): Promise<Map<string, DeviceHealthRecord>> {
    const rows = await this.db.selectFrom('device_health').selectAll().execute();
    return new Map(rows.map((row) => [row.device_id, toHealth(row)]));
  }

  async save(record: DeviceHealthRecord): Promise<void> {
    const values = {
      memory: record.memory ? JSON.stringify(record.memory) : null,
      errors: JSON.stringify(record.errors),
      reported_at: record.reportedAt,
    };
    await this.db
      .insert('device_health', { device_id: record.deviceId, ...values })
      // A device id of another tenant is never touched: the update is of this tenant's row only.
      .onConflict((conflict) =>
        conflict
          .column('device_id')
          .doUpdateSet(values)
          .where('device_health.tenant_id', '=', this.db.tenantId),
      )
      .execute();
  }
}

/**
 * The device_configs table and nothing else: the configuration last pushed to each of the
 * tenant's TVs. A push is written in the caller's durable transaction, with its audit row.
 */
export class DeviceConfigStore {
  constructor(private readonly db: TenantExecutor) {}

  /** The same table, inside a transaction. */
  with(tx: TenantTx): DeviceConfigStore {
    return new DeviceConfigStore(tx);
  }

  async get(deviceId: string): Promise<DeviceConfigRecord | undefined> {
    const row = await this.db
      .selectFrom('device_configs')
      .selectAll()
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return row ? toConfig(row) : undefined;
  }

  async all(): Promise<Map<string, DeviceConfigRecord>> {
    const rows = await this.db.selectFrom('device_configs').selectAll().execute();
    return new Map(rows.map((row) => [row.device_id, toConfig(row)]));
  }

  /** A new version replaces the old one; what the TV stored or applied before stays known. */
  async push(input: {
    deviceId: string;
    version: number;
    serverUrl: string | null;
    keyMapOverride: KeyMapOverride | null;
    at: string;
    staffId: string;
  }): Promise<void> {
    const values = {
      version: input.version,
      server_url: input.serverUrl,
      key_map_override: input.keyMapOverride ? JSON.stringify(input.keyMapOverride) : null,
      pushed_at: input.at,
      pushed_by: input.staffId,
    };
    await this.db
      .insert('device_configs', { device_id: input.deviceId, ...values })
      .onConflict((conflict) =>
        conflict
          .column('device_id')
          .doUpdateSet(values)
          .where('device_configs.tenant_id', '=', this.db.tenantId),
      )
      .execute();
  }

  async delivered(deviceId: string, version: number, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('device_configs')
      .set({ delivered_version: version, delivered_at: at })
      .where('device_id', '=', deviceId)
      .where('version', '>=', version)
      .where((eb) => eb.or([eb('delivered_version', 'is', null), eb('delivered_version', '<', version)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async applied(deviceId: string, version: number, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('device_configs')
      .set((eb) => ({
        applied_version: version,
        applied_at: at,
        delivered_version: eb
          .case()
          .when(eb.or([eb('delivered_version', 'is', null), eb('delivered_version', '<', version)]))
          .then(version)
          .else(eb.ref('delivered_version'))
          .end(),
        delivered_at: eb.fn.coalesce('delivered_at', eb.val(at)),
      }))
      .where('device_id', '=', deviceId)
      .where('version', '>=', version)
      .where((eb) => eb.or([eb('applied_version', 'is', null), eb('applied_version', '<>', version)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
