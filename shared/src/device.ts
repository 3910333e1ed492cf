import { z } from 'zod';
import type {
  CallbackRequest,
  ConsultationRef,
  CounterInfo,
  MyQueueEntry,
  QueueJoin,
  SurveySubmit,
} from './counter.js';
import type { AckCallback, AckError } from './errors.js';
import type { ConfigStored, DeviceReport, PushedConfig } from './fleet.js';
import type { IdentityDeviceClientToServerEvents, IdentityDeviceServerToClientEvents } from './identity.js';
import type { CallJoinInfo, MediaClientToServerEvents, MediaServerToClientEvents } from './media.js';
import type { ServicesDeviceServerToClientEvents } from './services.js';
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

export const emptyPayloadSchema = z.strictObject({});
export type EmptyPayload = z.infer<typeof emptyPayloadSchema>;

/** Why a call ended, as the TV and the officer are told. */
export type CallEndReason =
  'completed' | 'citizenEnded' | 'transferred' | 'declined' | 'unanswered' | 'disconnected' | 'cancelled';

/** A call the TV is in (or being rung for). */
export interface MyCall {
  consultationId: string;
  status: 'ringing' | 'active' | 'onHold';
  topic: string;
  officerName: string;
  /** Present once the call is answered: what the TV joins the media with. */
  join: CallJoinInfo | null;
}

/** Everything the TV must know after a reconnection that could not be recovered. */
export interface MyCounterState {
  entry: MyQueueEntry | null;
  call: MyCall | null;
  /** A finished consultation whose survey the TV has not answered or skipped yet. */
  surveyFor: string | null;
}

export type EmptyAck = Record<string, never>;

export interface DeviceClientToServerEvents
  extends MediaClientToServerEvents, IdentityDeviceClientToServerEvents {
  'device:register': (payload: RegisterPayload, ack: AckCallback<RegisterResult>) => void;
  'device:hello': (payload: HelloPayload, ack: AckCallback<DeviceSession>) => void;
  'settings:update': (patch: DeviceSettingsPatch, ack: AckCallback<{ settings: DeviceSettings }>) => void;
  'tenant:opening': (payload: EmptyPayload, ack: AckCallback<OpeningStatus>) => void;
  'counter:info': (payload: EmptyPayload, ack: AckCallback<CounterInfo>) => void;
  'counter:mine': (payload: EmptyPayload, ack: AckCallback<MyCounterState>) => void;
  'queue:join': (payload: QueueJoin, ack: AckCallback<MyQueueEntry>) => void;
  'queue:cancel': (payload: EmptyPayload, ack: AckCallback<EmptyAck>) => void;
  'callback:request': (payload: CallbackRequest, ack: AckCallback<MyQueueEntry>) => void;
  'call:answer': (payload: ConsultationRef, ack: AckCallback<CallJoinInfo>) => void;
  'call:decline': (payload: ConsultationRef, ack: AckCallback<EmptyAck>) => void;
  'call:end': (payload: ConsultationRef, ack: AckCallback<EmptyAck>) => void;
  /** Answers 1–5 (null to skip a question); send all null to skip the survey. */
  'survey:submit': (payload: SurveySubmit, ack: AckCallback<EmptyAck>) => void;
  /** Health for the operator's fleet view: at most one a minute (RATE_LIMITED otherwise). */
  'device:report': (payload: DeviceReport, ack: AckCallback<EmptyAck>) => void;
  /** The TV stored a pushed configuration for its next start. */
  'config:stored': (payload: ConfigStored, ack: AckCallback<EmptyAck>) => void;
}

export interface DeviceServerToClientEvents
  extends MediaServerToClientEvents, IdentityDeviceServerToClientEvents, ServicesDeviceServerToClientEvents {
  'settings:changed': (settings: DeviceSettings) => void;
  /** The device's token was revoked while it was connected; it must start again. */
  'device:revoked': (error: AckError) => void;
  /** The TV's place changed (position, estimate, status); null when it left the queue. */
  'queue:updated': (entry: MyQueueEntry | null) => void;
  /** An officer calls this TV back: ring full-screen, OK answers, red declines. */
  'call:ringing': (call: MyCall) => void;
  /** An officer accepted: join the media. */
  'call:started': (join: CallJoinInfo) => void;
  'call:held': (payload: { consultationId: string; onHold: boolean }) => void;
  'call:ended': (payload: { consultationId: string; reason: CallEndReason; survey: boolean }) => void;
  /** The operator pushed a configuration: store it for the next start, then send `config:stored`. */
  'config:pushed': (config: PushedConfig) => void;
}

/** Sent as `connect_error` data when the handshake is refused. */
export interface DeviceConnectErrorData {
  code: 'DEVICE_TOKEN_INVALID' | 'DEVICE_TOKEN_REVOKED' | 'PAYLOAD_INVALID';
  message: string;
}
