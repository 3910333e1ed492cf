import {
  deviceCapabilitiesSchema,
  deviceSettingsSchema,
  DEFAULT_DEVICE_SETTINGS,
  type DeviceCapabilities,
  type DeviceInfo,
  type DeviceSettings,
} from '@madoguchi/shared';
import type { Database } from '../db/index.js';

export interface DeviceRecord {
  id: string;
  tenantId: string;
  profile: string;
  appVersion: string;
  model: string;
  capabilities: DeviceCapabilities;
  screen: { width: number; height: number };
  settings: DeviceSettings;
  registeredAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
}

interface DeviceRow {
  id: string;
  tenant_id: string;
  profile: string;
  app_version: string;
  model: string;
  capabilities: string;
  screen_width: number;
  screen_height: number;
  settings: string;
  registered_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

function toRecord(row: DeviceRow): DeviceRecord {
  const settings = deviceSettingsSchema.safeParse(JSON.parse(row.settings));
  return {
    id: row.id,
    tenantId: row.tenant_id,
    profile: row.profile,
    appVersion: row.app_version,
    model: row.model,
    capabilities: deviceCapabilitiesSchema.parse(JSON.parse(row.capabilities)),
    screen: { width: row.screen_width, height: row.screen_height },
    // Settings written by an older version fall back to the defaults rather than break the TV.
    settings: settings.success ? settings.data : DEFAULT_DEVICE_SETTINGS,
    registeredAt: row.registered_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

/** The devices table and nothing else. */
export class DeviceStore {
  constructor(private readonly db: Database) {}

  insert(input: {
    id: string;
    tenantId: string;
    tokenHash: string;
    info: DeviceInfo;
    settings: DeviceSettings;
    at: string;
  }): DeviceRecord {
    this.db
      .prepare(
        `INSERT INTO devices (id, tenant_id, token_hash, profile, app_version, model, capabilities,
           screen_width, screen_height, settings, registered_at, last_seen_at)
         VALUES (@id, @tenantId, @tokenHash, @profile, @appVersion, @model, @capabilities,
           @screenWidth, @screenHeight, @settings, @at, @at)`,
      )
      .run({
        id: input.id,
        tenantId: input.tenantId,
        tokenHash: input.tokenHash,
        profile: input.info.profile,
        appVersion: input.info.appVersion,
        model: input.info.model,
        capabilities: JSON.stringify(input.info.capabilities),
        screenWidth: input.info.screen.width,
        screenHeight: input.info.screen.height,
        settings: JSON.stringify(input.settings),
        at: input.at,
      });
    return this.byId(input.id) as DeviceRecord;
  }

  byId(id: string): DeviceRecord | undefined {
    const row = this.db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?').get(id);
    return row ? toRecord(row) : undefined;
  }

  byTokenHash(tokenHash: string): DeviceRecord | undefined {
    const row = this.db
      .prepare<[string], DeviceRow>('SELECT * FROM devices WHERE token_hash = ?')
      .get(tokenHash);
    return row ? toRecord(row) : undefined;
  }

  list(tenantId: string): DeviceRecord[] {
    return this.db
      .prepare<[string], DeviceRow>(
        'SELECT * FROM devices WHERE tenant_id = ? ORDER BY last_seen_at DESC, id',
      )
      .all(tenantId)
      .map(toRecord);
  }

  updateInfo(id: string, info: DeviceInfo, at: string): void {
    this.db
      .prepare(
        `UPDATE devices SET profile = @profile, app_version = @appVersion, model = @model,
           capabilities = @capabilities, screen_width = @screenWidth, screen_height = @screenHeight,
           last_seen_at = @at
         WHERE id = @id`,
      )
      .run({
        id,
        profile: info.profile,
        appVersion: info.appVersion,
        model: info.model,
        capabilities: JSON.stringify(info.capabilities),
        screenWidth: info.screen.width,
        screenHeight: info.screen.height,
        at,
      });
  }

  updateSettings(id: string, settings: DeviceSettings): void {
    this.db.prepare('UPDATE devices SET settings = ? WHERE id = ?').run(JSON.stringify(settings), id);
  }

  touch(id: string, at: string): void {
    this.db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(at, id);
  }

  revoke(id: string, at: string): boolean {
    return (
      this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
        .changes > 0
    );
  }
}
