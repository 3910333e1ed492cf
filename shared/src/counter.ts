import { z } from 'zod';
import { freeText } from './identity.js';
import type { CallJoinInfo } from './media.js';
import type { LocalisedText, OpeningStatus } from './tenant.js';

/**
 * The video counter (ビデオ窓口): topics, the queue, call backs, consultations, the survey
 * and the figures. Shared by the TV, the staff console and window-server.
 */

export const topicIdSchema = z.string().regex(/^[a-z][a-zA-Z0-9-]{0,31}$/);

export interface Topic {
  id: string;
  label: LocalisedText;
}

export const CALLBACK_PERIODS = ['morning', 'afternoon'] as const;
export type CallbackPeriod = (typeof CALLBACK_PERIODS)[number];

/** A call-back time a citizen may choose: a day the counter opens, morning or afternoon. */
export interface CallbackSlot {
  /** YYYY-MM-DD in the tenant's time zone. */
  date: string;
  period: CallbackPeriod;
  /** 'today' | 'tomorrow' when it is, else null (the TV then shows the date). */
  relativeDay: 'today' | 'tomorrow' | null;
}

/** What the TV needs to offer the counter. */
export interface CounterInfo {
  topics: Topic[];
  opening: OpeningStatus;
  callbackSlots: CallbackSlot[];
}

export const queueJoinSchema = z.strictObject({ topic: topicIdSchema });
export type QueueJoin = z.infer<typeof queueJoinSchema>;

export const callbackRequestSchema = z.strictObject({
  topic: topicIdSchema,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  period: z.enum(CALLBACK_PERIODS),
});
export type CallbackRequest = z.infer<typeof callbackRequestSchema>;

export type QueueEntryKind = 'walkIn' | 'callback';

/** A queue entry that is not finished: it holds the TV's one place (the SQL index says so too). */
export const OPEN_QUEUE_STATUSES = ['waiting', 'callbackRequested', 'ringing', 'serving'] as const;
export type OpenQueueStatus = (typeof OPEN_QUEUE_STATUSES)[number];

/** Where a citizen's request stands; `served` and `abandoned` are final. */
export type QueueEntryStatus = OpenQueueStatus | 'served' | 'abandoned';

export const ABANDON_REASONS = ['cancelled', 'disconnected', 'declined', 'revoked', 'expired'] as const;
export type AbandonReason = (typeof ABANDON_REASONS)[number];

/** The TV's own place: live position and estimated wait. */
export interface MyQueueEntry {
  entryId: string;
  topic: string;
  kind: QueueEntryKind;
  status: OpenQueueStatus;
  /** 1 = next in line; null for call backs. */
  position: number | null;
  /** Estimated minutes until an officer answers (from recent serving times); null when unknown. */
  etaMinutes: number | null;
  joinedAt: string;
  callback: { date: string; period: CallbackPeriod } | null;
}

/** A waiting citizen, as officers see them. No name: identity comes later and only with consent. */
export interface QueueEntryView {
  entryId: string;
  topic: string;
  kind: QueueEntryKind;
  status: QueueEntryStatus;
  joinedAt: string;
  deviceId: string;
  /** The TV has a camera (else the call is audio-and-receive-only for it). */
  camera: boolean;
  /** Only this officer may accept (a transfer to a person). */
  assignedStaffId: string | null;
  /** Moved here from another topic or officer, keeping its place in time. */
  transferred: boolean;
  callback: { date: string; period: CallbackPeriod; attempts: number } | null;
}

/** A consultation not ended yet: a call back still ringing counts, and holds the officer and the TV. */
export const OPEN_CONSULTATION_STATUSES = ['ringing', 'active', 'onHold'] as const;
export type OpenConsultationStatus = (typeof OPEN_CONSULTATION_STATUSES)[number];
export type ConsultationStatus = OpenConsultationStatus | 'ended';

export function isOpenConsultation(status: string): status is OpenConsultationStatus {
  return (OPEN_CONSULTATION_STATUSES as readonly string[]).includes(status);
}

/** A call is live from its answer until it ends; on hold it is still live. */
export const LIVE_CALL_STATUSES = ['active', 'onHold'] as const;
export type LiveCallStatus = (typeof LIVE_CALL_STATUSES)[number];

export function isLiveCall(status: string): status is LiveCallStatus {
  return (LIVE_CALL_STATUSES as readonly string[]).includes(status);
}

export interface ConsultationView {
  consultationId: string;
  entryId: string;
  topic: string;
  deviceId: string;
  staffId: string;
  staffName: string;
  status: ConsultationStatus;
  /** When the officer accepted (or rang). */
  startedAt: string;
  camera: boolean;
}

export type OfficerStatus = 'available' | 'inCall' | 'away' | 'offline';

export interface OfficerView {
  staffId: string;
  displayName: string;
  status: OfficerStatus;
}

export const OUTCOME_CODES = ['resolved', 'information', 'referred', 'followUp', 'other'] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const SURVEY_QUESTIONS = ['easyToTalk', 'resolved', 'useAgain'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];

const surveyAnswer = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.null(),
]);

/** Three answers 1–5, each may be skipped (null); `skipped` for the whole survey. */
export const surveySubmitSchema = z.strictObject({
  consultationId: z.string().min(1).max(64),
  answers: z.tuple([surveyAnswer, surveyAnswer, surveyAnswer]),
});
export type SurveySubmit = z.infer<typeof surveySubmitSchema>;

export const consultationRefSchema = z.strictObject({ consultationId: z.string().min(1).max(64) });
export type ConsultationRef = z.infer<typeof consultationRefSchema>;

export const queueAcceptSchema = z.strictObject({
  /** A chosen entry; without it, the longest-waiting one (in `topic` when given). */
  entryId: z.string().min(1).max(64).optional(),
  topic: topicIdSchema.optional(),
});
export type QueueAccept = z.infer<typeof queueAcceptSchema>;

export const callHoldSchema = z.strictObject({
  consultationId: z.string().min(1).max(64),
  onHold: z.boolean(),
});

export const callTransferSchema = z
  .strictObject({
    consultationId: z.string().min(1).max(64),
    topic: topicIdSchema.optional(),
    staffId: z.string().min(1).max(64).optional(),
  })
  .refine((value) => (value.topic === undefined) !== (value.staffId === undefined), {
    message: 'transfer to a topic or to an officer',
    path: ['topic'],
  });
export type CallTransfer = z.infer<typeof callTransferSchema>;

export const callEndSchema = z.strictObject({
  consultationId: z.string().min(1).max(64),
  outcome: z.enum(OUTCOME_CODES),
  notes: freeText(2000).default(''),
});
export type CallEnd = z.infer<typeof callEndSchema>;

export const callbackCallSchema = z.strictObject({ entryId: z.string().min(1).max(64) });

export const officerStatusSchema = z.strictObject({ status: z.enum(['available', 'away']) });

/** Figures for a period (the supervisor page shows today's; the KPI endpoint any range). */
export interface KpiFigures {
  from: string;
  to: string;
  /** Citizens who asked: walk-ins plus call-back requests. */
  requests: number;
  callbacks: number;
  served: number;
  abandoned: number;
  /** abandoned / (served + abandoned); null when nobody finished. */
  abandonmentRate: number | null;
  waitSeconds: { average: number | null; median: number | null; p90: number | null };
  serveSeconds: { average: number | null; median: number | null };
  satisfaction: Record<SurveyQuestion, number | null> & { responses: number };
  byTopic: {
    topic: string;
    requests: number;
    callbacks: number;
    served: number;
    abandoned: number;
    averageWaitSeconds: number | null;
    averageServeSeconds: number | null;
  }[];
}

/** Everything an officer's console shows about the counter, pushed whole when anything changes. */
export interface CounterSnapshot {
  /** Increases with every change, so a console can drop a stale one. */
  version: number;
  topics: Topic[];
  openNow: boolean;
  waiting: QueueEntryView[];
  callbacks: QueueEntryView[];
  consultations: ConsultationView[];
  officers: OfficerView[];
  today: KpiFigures;
}

/** Why a call ended, as the TV and the officer are told. */
export type CallEndReason =
  'completed' | 'citizenEnded' | 'transferred' | 'declined' | 'unanswered' | 'disconnected' | 'cancelled';

/** A call the TV is in (or being rung for). */
export interface MyCall {
  consultationId: string;
  status: OpenConsultationStatus;
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
