import {
  deviceErrorSchema,
  deviceMemorySchema,
  keyMapOverrideSchema,
  type DeviceErrorReport,
  type DeviceMemory,
  type KeyMapOverride,
} from '@madoguchi/shared';
import { z } from 'zod';
import type { Database } from '../db/index.js';

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

interface HealthRow {
  device_id: string;
  memory: string | null;
  errors: string;
  reported_at: string;
}

interface ConfigRow {
  device_id: string;
  version: number;
  server_url: string | null;
  key_map_override: string | null;
  pushed_at: string;
  pushed_by: string;
  delivered_version: number | null;
  delivered_at: string | null;
  applied_version: number | null;
  applied_at: string | null;
}

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

/** The device_health table and nothing else: each TV's last report. */
export class DeviceHealthStore {
  constructor(private readonly db: Database) {}

  get(deviceId: string): DeviceHealthRecord | undefined {
    const row = this.db
      .prepare<[string], HealthRow>('SELECT * FROM device_health WHERE device_id = ?')
      .get(deviceId);
    return row ? toHealth(row) : undefined;
  }

  all(): Map<string, DeviceHealthRecord> {
    const rows = this.db.prepare<[], HealthRow>('SELECT * FROM device_health').all();
    return new Map(rows.map((row) => [row.device_id, toHealth(row)]));
  }

  save(record: DeviceHealthRecord): void {
    this.db
      .prepare(
        `INSERT INTO device_health (device_id, memory, errors, reported_at)
         VALUES (@deviceId, @memory, @errors, @reportedAt)
         ON CONFLICT (device_id) DO UPDATE SET
           memory = excluded.memory, errors = excluded.errors, reported_at = excluded.reported_at`,
      )
      .run({
        deviceId: record.deviceId,
        memory: record.memory ? JSON.stringify(record.memory) : null,
        errors: JSON.stringify(record.errors),
        reportedAt: record.reportedAt,
      });
  }
}

/**
 * The device_configs table and nothing else: the configuration last pushed to each TV. It lives
 * on the durable connection, so a push and its audit row commit together.
 */
export class DeviceConfigStore {
  constructor(private readonly db: Database) {}

  get(deviceId: string): DeviceConfigRecord | undefined {
    const row = this.db
      .prepare<[string], ConfigRow>('SELECT * FROM device_configs WHERE device_id = ?')
      .get(deviceId);
    return row ? toConfig(row) : undefined;
  }

  all(): Map<string, DeviceConfigRecord> {
    const rows = this.db.prepare<[], ConfigRow>('SELECT * FROM device_configs').all();
    return new Map(rows.map((row) => [row.device_id, toConfig(row)]));
  }

  /** A new version replaces the old one; what the TV stored or applied before stays known. */
  push(input: {
    deviceId: string;
    version: number;
    serverUrl: string | null;
    keyMapOverride: KeyMapOverride | null;
    at: string;
    staffId: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO device_configs (device_id, version, server_url, key_map_override, pushed_at, pushed_by)
         VALUES (@deviceId, @version, @serverUrl, @keyMapOverride, @at, @staffId)
         ON CONFLICT (device_id) DO UPDATE SET
           version = excluded.version, server_url = excluded.server_url,
           key_map_override = excluded.key_map_override, pushed_at = excluded.pushed_at,
           pushed_by = excluded.pushed_by`,
      )
      .run({
        deviceId: input.deviceId,
        version: input.version,
        serverUrl: input.serverUrl,
        keyMapOverride: input.keyMapOverride ? JSON.stringify(input.keyMapOverride) : null,
        at: input.at,
        staffId: input.staffId,
      });
  }

  delivered(deviceId: string, version: number, at: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE device_configs SET delivered_version = @version, delivered_at = @at
           WHERE device_id = @deviceId AND @version <= version
             AND (delivered_version IS NULL OR delivered_version < @version)`,
        )
        .run({ deviceId, version, at }).changes > 0
    );
  }

  applied(deviceId: string, version: number, at: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE device_configs SET applied_version = @version, applied_at = @at,
             delivered_version = MAX(COALESCE(delivered_version, 0), @version),
             delivered_at = COALESCE(delivered_at, @at)
           WHERE device_id = @deviceId AND @version <= version
             AND (applied_version IS NULL OR applied_version <> @version)`,
        )
        .run({ deviceId, version, at }).changes > 0
    );
  }
}
