import {
  deviceSettingsSchema,
  pushedConfigSchema,
  tenantPublicSchema,
  type Ack,
  type DeviceSession,
} from '@madoguchi/shared';

// How the device channel reads what window-server answers: trusted, but checked where a TV would break.

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isAck(value: unknown): value is Ack<unknown> {
  if (!isObject(value)) return false;
  if (value.ok === true) return 'data' in value;
  return value.ok === false && isObject(value.error) && typeof value.error.code === 'string';
}

/** The server is trusted, but a TV that draws a broken tenant helps nobody: check the shape. */
export function parseSession(value: unknown): DeviceSession | undefined {
  if (!isObject(value) || typeof value.deviceId !== 'string') return undefined;
  const settings = deviceSettingsSchema.safeParse(value.settings);
  const tenant = tenantPublicSchema.safeParse(value.tenant);
  if (!settings.success || !tenant.success) return undefined;
  const session: DeviceSession = { deviceId: value.deviceId, settings: settings.data, tenant: tenant.data };
  // The optional parts are dropped when malformed; the session itself still holds.
  const update = value.update;
  if (isObject(update) && typeof update.version === 'string' && update.version.length <= 32) {
    session.update = { version: update.version };
  }
  const pushedConfig = pushedConfigSchema.safeParse(value.pushedConfig);
  if (pushedConfig.success) session.pushedConfig = pushedConfig.data;
  return session;
}
