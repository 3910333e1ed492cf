import { emptyPayloadSchema, type EmptyAck } from '../common.js';
import {
  callbackRequestSchema,
  consultationRefSchema,
  queueJoinSchema,
  surveySubmitSchema,
  type CallEndReason,
  type CounterInfo,
  type MyCall,
  type MyCounterState,
  type MyQueueEntry,
} from '../counter.js';
import {
  helloPayloadSchema,
  registerPayloadSchema,
  type DeviceSession,
  type RegisterResult,
} from '../device.js';
import type { AckError } from '../errors.js';
import { deviceCapabilitiesSchema } from '../deviceInfo.js';
import { configStoredSchema, deviceReportSchema, type PushedConfig } from '../fleet.js';
import { citizenRefSchema, consentSetSchema, type ConsentState, type HouseholdMember } from '../identity.js';
import type { CallJoinInfo } from '../media.js';
import type { TvCardShown, TvRoute } from '../services.js';
import { deviceSettingsPatchSchema, type DeviceSettings } from '../settings.js';
import type { OpeningStatus } from '../tenant.js';
import { push, reply, request, type ClientToServerEvents, type ServerToClientEvents } from './contract.js';
import { MEDIA_PUSHES, MEDIA_REQUESTS } from './media.js';

/** Everything a TV may ask on the `/device` namespace: the payload's schema and the reply. */
export const DEVICE_REQUESTS = {
  ...MEDIA_REQUESTS,
  'device:register': request(registerPayloadSchema, reply<RegisterResult>()),
  'device:hello': request(helloPayloadSchema, reply<DeviceSession>()),
  /**
   * What the TV finds it has now, when that changes after hello (a USB camera plugged in, a
   * microphone removed): the fleet and the next queue entry see it.
   */
  'device:capabilities': request(deviceCapabilitiesSchema, reply<EmptyAck>()),
  'settings:update': request(deviceSettingsPatchSchema, reply<{ settings: DeviceSettings }>()),
  'tenant:opening': request(emptyPayloadSchema, reply<OpeningStatus>()),
  /** Health for the operator's fleet view: at most one a minute (RATE_LIMITED otherwise). */
  'device:report': request(deviceReportSchema, reply<EmptyAck>()),
  /** The TV stored a pushed configuration for its next start. */
  'config:stored': request(configStoredSchema, reply<EmptyAck>()),
  'counter:info': request(emptyPayloadSchema, reply<CounterInfo>()),
  'counter:mine': request(emptyPayloadSchema, reply<MyCounterState>()),
  'queue:join': request(queueJoinSchema, reply<MyQueueEntry>()),
  'queue:cancel': request(emptyPayloadSchema, reply<EmptyAck>()),
  'callback:request': request(callbackRequestSchema, reply<MyQueueEntry>()),
  'call:answer': request(consultationRefSchema, reply<CallJoinInfo>()),
  'call:decline': request(consultationRefSchema, reply<EmptyAck>()),
  'call:end': request(consultationRefSchema, reply<EmptyAck>()),
  /** Answers 1–5 (null to skip a question); send all null to skip the survey. */
  'survey:submit': request(surveySubmitSchema, reply<EmptyAck>()),
  'household:list': request(emptyPayloadSchema, reply<{ members: HouseholdMember[] }>()),
  'household:unlink': request(citizenRefSchema, reply<{ members: HouseholdMember[] }>()),
  'consent:list': request(citizenRefSchema, reply<{ consents: ConsentState[] }>()),
  'consent:set': request(consentSetSchema, reply<{ consents: ConsentState[] }>()),
};

/** Everything window-server tells a TV on its own. */
export const DEVICE_PUSHES = {
  ...MEDIA_PUSHES,
  'settings:changed': push<DeviceSettings>(),
  /** The device's token was revoked while it was connected; it must start again. */
  'device:revoked': push<AckError>(),
  /** The TV's place changed (position, estimate, status); null when it left the queue. */
  'queue:updated': push<MyQueueEntry | null>(),
  /** An officer calls this TV back: ring full-screen, OK answers, red declines. */
  'call:ringing': push<MyCall>(),
  /** An officer accepted: join the media. */
  'call:started': push<CallJoinInfo>(),
  'call:held': push<{ consultationId: string; onHold: boolean }>(),
  'call:ended': push<{ consultationId: string; reason: CallEndReason; survey: boolean }>(),
  /** The operator pushed a configuration: store it for the next start, then send `config:stored`. */
  'config:pushed': push<PushedConfig>(),
  /** Someone was linked (phone, officer) or unlinked (TV, phone). */
  'household:changed': push<{ members: HouseholdMember[] }>(),
  /** A consent changed elsewhere (phone). */
  'consent:changed': push<{ citizenId: string; consents: ConsentState[] }>(),
  'tv:card': push<TvCardShown>(),
  'tv:navigate': push<{ route: TvRoute; officerName: string }>(),
};

export type DeviceRequests = typeof DEVICE_REQUESTS;
export type DevicePushes = typeof DEVICE_PUSHES;
export type DeviceRequestName = keyof DeviceRequests;
export type DevicePushName = keyof DevicePushes;
export type DeviceClientToServerEvents = ClientToServerEvents<DeviceRequests>;
export type DeviceServerToClientEvents = ServerToClientEvents<DevicePushes>;
