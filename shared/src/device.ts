import type { PushedConfig } from './fleet.js';
import { deviceInfoSchema, type DeviceInfo } from './deviceInfo.js';
import type { DeviceSettings } from './settings.js';
import type { TenantPublic } from './tenant.js';
import { z } from 'zod';

/** Handshake `auth` of the /device namespace. */
export interface DeviceHandshakeAuth {
  token?: string;
}

export const registerPayloadSchema = deviceInfoSchema;
export type RegisterPayload = DeviceInfo;

export const helloPayloadSchema = deviceInfoSchema.extend({
  /** The pushed configuration (its version) the TV started with. */
  appliedConfigVersion: z.number().int().min(0).max(1_000_000_000).optional(),
});
export type HelloPayload = z.infer<typeof helloPayloadSchema>;

/** What a TV gets when it says hello (or registers): enough to draw Home. */
export interface DeviceSession {
  deviceId: string;
  settings: DeviceSettings;
  tenant: TenantPublic;
  /** A newer TV app exists; the cable operator installs it (nothing for the viewer to do). */
  update?: { version: string };
  /** A configuration the operator pushed that the TV has not said it stored yet. */
  pushedConfig?: PushedConfig;
}

export interface RegisterResult extends DeviceSession {
  /** Keep this secret: it is the TV's only credential. Stored hashed on the server. */
  token: string;
}

/** Sent as `connect_error` data when the handshake is refused. */
export interface DeviceConnectErrorData {
  code: 'DEVICE_TOKEN_INVALID' | 'DEVICE_TOKEN_REVOKED' | 'PAYLOAD_INVALID';
  message: string;
}
