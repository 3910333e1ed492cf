import { z } from 'zod';
import type { AckCallback, AckError } from './errors.js';
import type { DeviceSettings, DeviceSettingsPatch } from './settings.js';
import type { OpeningStatus, TenantPublic } from './tenant.js';

/** Profile names are data (stb-bridge); the server only checks their shape. */
export const profileNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);

export const deviceCapabilitiesSchema = z.strictObject({
  camera: z.boolean(),
  microphone: z.boolean(),
  speech: z.boolean(),
});
export type DeviceCapabilities = z.infer<typeof deviceCapabilitiesSchema>;

/** What a TV says about itself. Nothing here identifies a person. */
export const deviceInfoSchema = z.strictObject({
  profile: profileNameSchema,
  appVersion: z.string().regex(/^[0-9A-Za-z.+-]{1,32}$/),
  capabilities: deviceCapabilitiesSchema,
  screen: z.strictObject({
    width: z.number().int().min(1).max(10000),
    height: z.number().int().min(1).max(10000),
  }),
  /** Free text from the platform (browser user agent or STB model), truncated by the client. */
  model: z.string().max(200),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

/** Handshake `auth` of the /device namespace. */
export interface DeviceHandshakeAuth {
  token?: string;
}

export const registerPayloadSchema = deviceInfoSchema;
export type RegisterPayload = DeviceInfo;

export const helloPayloadSchema = deviceInfoSchema;
export type HelloPayload = DeviceInfo;

/** What a TV gets when it says hello (or registers): enough to draw Home. */
export interface DeviceSession {
  deviceId: string;
  settings: DeviceSettings;
  tenant: TenantPublic;
}

export interface RegisterResult extends DeviceSession {
  /** Keep this secret: it is the TV's only credential. Stored hashed on the server. */
  token: string;
}

export const emptyPayloadSchema = z.strictObject({});
export type EmptyPayload = z.infer<typeof emptyPayloadSchema>;

export interface DeviceClientToServerEvents {
  'device:register': (payload: RegisterPayload, ack: AckCallback<RegisterResult>) => void;
  'device:hello': (payload: HelloPayload, ack: AckCallback<DeviceSession>) => void;
  'settings:update': (patch: DeviceSettingsPatch, ack: AckCallback<{ settings: DeviceSettings }>) => void;
  'tenant:opening': (payload: EmptyPayload, ack: AckCallback<OpeningStatus>) => void;
}

export interface DeviceServerToClientEvents {
  'settings:changed': (settings: DeviceSettings) => void;
  /** The device's token was revoked while it was connected; it must start again. */
  'device:revoked': (error: AckError) => void;
}

/** Sent as `connect_error` data when the handshake is refused. */
export interface DeviceConnectErrorData {
  code: 'DEVICE_TOKEN_INVALID' | 'DEVICE_TOKEN_REVOKED' | 'PAYLOAD_INVALID';
  message: string;
}
