import { z } from 'zod';

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

/** A registered TV as officers and the fleet see it. */
export interface DeviceSummary {
  id: string;
  profile: string;
  appVersion: string;
  model: string;
  capabilities: DeviceCapabilities;
  online: boolean;
  registeredAt: string;
  lastSeenAt: string;
  revoked: boolean;
}

export interface DevicePresence {
  deviceId: string;
  online: boolean;
  lastSeenAt: string;
}
