import { emptyPayloadSchema, type EmptyAck } from '../common.js';
import {
  callbackCallSchema,
  callEndSchema,
  callHoldSchema,
  callTransferSchema,
  consultationRefSchema,
  officerStatusSchema,
  queueAcceptSchema,
  type CallEndReason,
  type ConsultationView,
  type CounterSnapshot,
} from '../counter.js';
import type { DevicePresence, DeviceSummary } from '../deviceInfo.js';
import type { FleetDevice } from '../fleet.js';
import {
  assistedLinkSchema,
  citizenSearchSchema,
  type CitizenPanel,
  type DirectoryCitizen,
} from '../identity.js';
import type { CallJoinInfo } from '../media.js';
import {
  staffAidRequestSchema,
  staffBookSchema,
  staffCitizenRefSchema,
  staffSlotsSchema,
  tvCardRequestSchema,
  tvNavigateSchema,
  type AidRequestView,
  type BookingView,
  type ChildcareView,
  type SlotView,
  type WalletView,
} from '../services.js';
import { push, reply, request, type ClientToServerEvents, type ServerToClientEvents } from './contract.js';
import { MEDIA_PUSHES, MEDIA_REQUESTS } from './media.js';

/** Everything an officer's console may ask on the `/staff` namespace. */
export const STAFF_REQUESTS = {
  ...MEDIA_REQUESTS,
  'devices:list': request(emptyPayloadSchema, reply<{ devices: DeviceSummary[] }>()),
  'counter:snapshot': request(emptyPayloadSchema, reply<CounterSnapshot>()),
  /** Available officers are offered calls; away ones are not. */
  'officer:status': request(officerStatusSchema, reply<EmptyAck>()),
  /** Exactly one of two officers accepting the same entry gets it; the other hears ENTRY_TAKEN. */
  'queue:accept': request(queueAcceptSchema, reply<{ consultation: ConsultationView; join: CallJoinInfo }>()),
  /** Ring a TV from the call-back list. */
  'callback:call': request(callbackCallSchema, reply<{ consultation: ConsultationView }>()),
  'call:hold': request(callHoldSchema, reply<EmptyAck>()),
  'call:transfer': request(callTransferSchema, reply<EmptyAck>()),
  'call:end': request(callEndSchema, reply<EmptyAck>()),
  /** The people registered on the TV in this call, each with what they consented to show. */
  'citizen:panel': request(consultationRefSchema, reply<{ linkedCount: number; citizens: CitizenPanel[] }>()),
  'citizen:search': request(citizenSearchSchema, reply<{ results: DirectoryCitizen[] }>()),
  'citizen:link': request(assistedLinkSchema, reply<{ citizenId: string; displayName: string }>()),
  /** Needs the citizen's `wallet` consent. */
  'citizen:wallet': request(staffCitizenRefSchema, reply<WalletView>()),
  /** Needs the `childcare` consent. */
  'citizen:childcare': request(staffCitizenRefSchema, reply<ChildcareView>()),
  'citizen:slots': request(staffSlotsSchema, reply<{ slots: SlotView[] }>()),
  'citizen:book': request(staffBookSchema, reply<{ booking: BookingView }>()),
  /** Needs the `servicesHousehold` consent (the request carries the citizen's town). */
  'citizen:aidRequest': request(staffAidRequestSchema, reply<{ request: AidRequestView }>()),
  /** Show a card on the TV over the call; Back dismisses it. */
  'tv:card': request(tvCardRequestSchema, reply<{ cardId: string }>()),
  /** Remote assist: open a screen on the TV (it says 係員が画面を操作しています). */
  'tv:navigate': request(tvNavigateSchema, reply<EmptyAck>()),
};

/** Everything window-server tells an officer's console on its own. */
export const STAFF_PUSHES = {
  ...MEDIA_PUSHES,
  /** The whole counter, whenever anything in it changes. */
  'counter:changed': push<CounterSnapshot>(),
  /** The TV answered this officer's call back: join the media. */
  'call:answered': push<CallJoinInfo>(),
  /** The other side ended, declined, did not answer, or left. */
  'call:ended': push<{ consultationId: string; reason: CallEndReason }>(),
  /** A device was registered or told the server something new about itself. */
  'device:updated': push<DeviceSummary>(),
  'device:presence': push<DevicePresence>(),
  /** Operators and admins: a box's fleet row changed (hello, report, pushed configuration). */
  'fleet:device': push<FleetDevice>(),
  /** This staff session has ended (logged out elsewhere, account disabled). */
  'session:ended': push<'logout' | 'disabled' | 'expired'>(),
  /** Consent or household changed for the citizen(s) in this officer's call: ask for the panel again. */
  'citizen:changed': push<{ consultationId: string }>(),
};

export type StaffRequests = typeof STAFF_REQUESTS;
export type StaffPushes = typeof STAFF_PUSHES;
export type StaffRequestName = keyof StaffRequests;
export type StaffPushName = keyof StaffPushes;
export type StaffClientToServerEvents = ClientToServerEvents<StaffRequests>;
export type StaffServerToClientEvents = ServerToClientEvents<StaffPushes>;
