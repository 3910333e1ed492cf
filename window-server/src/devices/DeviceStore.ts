import {
  deviceCapabilitiesSchema,
  deviceSettingsSchema,
  DEFAULT_DEVICE_SETTINGS,
  type DeviceCapabilities,
  type DeviceInfo,
  type DeviceSettings,
} from '@madoguchi/shared';
import type { Selectable } from 'kysely';
import type { Schema, TenantExecutor } from '../db/index.js';

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

type DeviceRow = Selectable<Schema['devices']>;

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

/** The devices table and nothing else, of one tenant. */
export class DeviceStore {
  constructor(private readonly db: TenantExecutor) {}

  async insert(input: {
    id: string;
    tokenHash: string;
    info: DeviceInfo;
    settings: DeviceSettings;
    at: string;
  }): Promise<DeviceRecord> {
    await this.db
      .insert('devices', {
        id: input.id,
        token_hash: input.tokenHash,
        profile: input.info.profile,
        app_version: input.info.appVersion,
        model: input.info.model,
        capabilities: JSON.stringify(input.info.capabilities),
        screen_width: input.info.screen.width,
        screen_height: input.info.screen.height,
        settings: JSON.stringify(input.settings),
        registered_at: input.at,
        last_seen_at: input.at,
      })
      .execute();
    return (await this.byId(input.id)) as DeviceRecord;
  }

  async byId(id: string): Promise<DeviceRecord | undefined> {
    const row = await this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async byTokenHash(tokenHash: string): Promise<DeviceRecord | undefined> {
    const row = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<DeviceRecord[]> {
    const rows = await this.db
      .selectFrom('devices')
      .selectAll()
      .orderBy('last_seen_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async updateInfo(id: string, info: DeviceInfo, at: string): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({
        profile: info.profile,
        app_version: info.appVersion,
        model: info.model,
        capabilities: JSON.stringify(info.capabilities),
        screen_width: info.screen.width,
        screen_height: info.screen.height,
        last_seen_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async updateCapabilities(id: string, capabilities: DeviceCapabilities, at: string): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ capabilities: JSON.stringify(capabilities), last_seen_at: at })
      .where('id', '=', id)
      .execute();
  }

  async updateSettings(id: string, settings: DeviceSettings): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', id)
      .execute();
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('devices').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
