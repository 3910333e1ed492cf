import {
  OPEN_CONSULTATION_STATUSES,
  OPEN_QUEUE_STATUSES,
  type AbandonReason,
  type CallEndReason,
  type CallbackPeriod,
  type ConsultationStatus,
  type OutcomeCode,
  type QueueEntryKind,
  type QueueEntryStatus,
} from '@madoguchi/shared';
import type { Selectable } from 'kysely';
import { flag, type Schema, type TenantDb, type TenantExecutor } from '../db/index.js';

export interface QueueEntryRecord {
  seq: number;
  id: string;
  deviceId: string;
  topic: string;
  kind: QueueEntryKind;
  status: QueueEntryStatus;
  joinedAt: string;
  rankAt: string;
  camera: boolean;
  callback: { date: string; period: CallbackPeriod; attempts: number } | null;
  assignedStaffId: string | null;
  transferred: boolean;
  firstAcceptedAt: string | null;
  endedAt: string | null;
  abandonReason: AbandonReason | null;
}

export interface ConsultationRecord {
  id: string;
  entryId: string;
  deviceId: string;
  staffId: string;
  topic: string;
  kind: QueueEntryKind;
  status: ConsultationStatus;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endReason: CallEndReason | null;
  outcome: OutcomeCode | null;
  surveyStatus: 'pending' | 'answered' | 'skipped' | null;
}

type EntryRow = Selectable<Schema['queue_entries']>;
type ConsultationRow = Selectable<Schema['consultations']>;

const toEntry = (row: EntryRow): QueueEntryRecord => ({
  seq: Number(row.seq),
  id: row.id,
  deviceId: row.device_id,
  topic: row.topic,
  kind: row.kind,
  status: row.status,
  joinedAt: row.joined_at,
  rankAt: row.rank_at,
  camera: flag(row.camera),
  callback:
    row.callback_date && row.callback_period
      ? { date: row.callback_date, period: row.callback_period, attempts: row.callback_attempts }
      : null,
  assignedStaffId: row.assigned_staff_id,
  transferred: flag(row.transferred),
  firstAcceptedAt: row.first_accepted_at,
  endedAt: row.ended_at,
  abandonReason: row.abandon_reason as AbandonReason | null,
});

const toConsultation = (row: ConsultationRow): ConsultationRecord => ({
  id: row.id,
  entryId: row.entry_id,
  deviceId: row.device_id,
  staffId: row.staff_id,
  topic: row.topic,
  kind: row.kind,
  status: row.status,
  startedAt: row.started_at,
  answeredAt: row.answered_at,
  endedAt: row.ended_at,
  endReason: row.end_reason as CallEndReason | null,
  outcome: row.outcome as OutcomeCode | null,
  surveyStatus: row.survey_status,
});

/** The queue_entries, consultations and survey_answers tables, of one tenant. */
export class CounterStore {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly db: TenantExecutor = tenantDb,
  ) {}

  /** Runs `work` with this store inside one transaction: all of it commits, or none. */
  transaction<T>(work: (store: CounterStore) => Promise<T>): Promise<T> {
    // Already inside one (a store made by this method): the work joins it.
    if (this.db.isTransaction) return work(this);
    return this.tenantDb.transaction((tx) => work(new CounterStore(this.tenantDb, tx)));
  }

  async insertEntry(entry: {
    id: string;
    deviceId: string;
    topic: string;
    kind: QueueEntryKind;
    status: QueueEntryStatus;
    at: string;
    camera: boolean;
    callback: { date: string; period: CallbackPeriod } | null;
  }): Promise<QueueEntryRecord> {
    await this.db
      .insert('queue_entries', {
        id: entry.id,
        device_id: entry.deviceId,
        topic: entry.topic,
        kind: entry.kind,
        status: entry.status,
        joined_at: entry.at,
        rank_at: entry.at,
        camera: entry.camera ? 1 : 0,
        callback_date: entry.callback?.date ?? null,
        callback_period: entry.callback?.period ?? null,
      })
      .execute();
    return (await this.entry(entry.id)) as QueueEntryRecord;
  }

  /** A waiting walk-in becomes a call-back request, keeping its record (and its history). */
  async convertToCallback(id: string, topic: string, date: string, period: CallbackPeriod): Promise<boolean> {
    const result = await this.db
      .updateTable('queue_entries')
      .set({
        kind: 'callback',
        status: 'callbackRequested',
        topic,
        callback_date: date,
        callback_period: period,
      })
      .where('id', '=', id)
      .where('status', '=', 'waiting')
      .where('kind', '=', 'walkIn')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async entry(id: string): Promise<QueueEntryRecord | undefined> {
    const row = await this.db.selectFrom('queue_entries').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEntry(row) : undefined;
  }

  async openEntryOf(deviceId: string): Promise<QueueEntryRecord | undefined> {
    const row = await this.db
      .selectFrom('queue_entries')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('status', 'in', OPEN_QUEUE_STATUSES)
      .executeTakeFirst();
    return row ? toEntry(row) : undefined;
  }

  /** Every open entry in queue order: first come, first served (a transfer keeps its time). */
  async openEntries(): Promise<QueueEntryRecord[]> {
    const rows = await this.db
      .selectFrom('queue_entries')
      .selectAll()
      .where('status', 'in', OPEN_QUEUE_STATUSES)
      .orderBy('rank_at')
      .orderBy('seq')
      .execute();
    return rows.map(toEntry);
  }

  /** Moves an entry from one status to another; false when it was no longer in `from`. */
  async moveEntry(
    id: string,
    from: readonly QueueEntryStatus[],
    to: QueueEntryStatus,
    change: {
      endedAt?: string;
      abandonReason?: AbandonReason;
      firstAcceptedAt?: string;
      topic?: string;
      assignedStaffId?: string | null;
      transferred?: boolean;
      callbackAttempt?: boolean;
    } = {},
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('queue_entries')
      .set((eb) => ({
        status: to,
        ...(change.endedAt !== undefined ? { ended_at: change.endedAt } : {}),
        ...(change.abandonReason !== undefined ? { abandon_reason: change.abandonReason } : {}),
        ...(change.firstAcceptedAt !== undefined
          ? { first_accepted_at: eb.fn.coalesce('first_accepted_at', eb.val(change.firstAcceptedAt)) }
          : {}),
        ...(change.topic !== undefined ? { topic: change.topic } : {}),
        ...(change.assignedStaffId !== undefined ? { assigned_staff_id: change.assignedStaffId } : {}),
        ...(change.transferred ? { transferred: 1 } : {}),
        ...(change.callbackAttempt ? { callback_attempts: eb('callback_attempts', '+', 1) } : {}),
      }))
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertConsultation(consultation: {
    id: string;
    entryId: string;
    deviceId: string;
    staffId: string;
    topic: string;
    kind: QueueEntryKind;
    status: ConsultationStatus;
    at: string;
  }): Promise<ConsultationRecord> {
    await this.db
      .insert('consultations', {
        id: consultation.id,
        entry_id: consultation.entryId,
        device_id: consultation.deviceId,
        staff_id: consultation.staffId,
        topic: consultation.topic,
        kind: consultation.kind,
        status: consultation.status,
        started_at: consultation.at,
        answered_at: consultation.status === 'active' ? consultation.at : null,
      })
      .execute();
    return (await this.consultation(consultation.id)) as ConsultationRecord;
  }

  async consultation(id: string): Promise<ConsultationRecord | undefined> {
    const row = await this.db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toConsultation(row) : undefined;
  }

  async openConsultations(): Promise<ConsultationRecord[]> {
    const rows = await this.db
      .selectFrom('consultations')
      .selectAll()
      .where('status', 'in', OPEN_CONSULTATION_STATUSES)
      .orderBy('started_at')
      .execute();
    return rows.map(toConsultation);
  }

  /** Answered calls the citizen ended (or lost) whose officer has not recorded an outcome yet. */
  async unrecordedConsultations(): Promise<ConsultationRecord[]> {
    const rows = await this.db
      .selectFrom('consultations')
      .selectAll()
      .where('status', '=', 'ended')
      .where('outcome', 'is', null)
      .where('answered_at', 'is not', null)
      .orderBy('ended_at')
      .execute();
    return rows.map(toConsultation);
  }

  async openConsultationOfStaff(staffId: string): Promise<ConsultationRecord | undefined> {
    const row = await this.db
      .selectFrom('consultations')
      .selectAll()
      .where('staff_id', '=', staffId)
      .where('status', 'in', OPEN_CONSULTATION_STATUSES)
      .executeTakeFirst();
    return row ? toConsultation(row) : undefined;
  }

  async openConsultationOfDevice(deviceId: string): Promise<ConsultationRecord | undefined> {
    const row = await this.db
      .selectFrom('consultations')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('status', 'in', OPEN_CONSULTATION_STATUSES)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    return row ? toConsultation(row) : undefined;
  }

  /** The device's latest consultation still waiting for its survey. */
  async pendingSurveyOf(deviceId: string): Promise<ConsultationRecord | undefined> {
    const row = await this.db
      .selectFrom('consultations')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('survey_status', '=', 'pending')
      .orderBy('ended_at', 'desc')
      .executeTakeFirst();
    return row ? toConsultation(row) : undefined;
  }

  async setConsultationStatus(
    id: string,
    from: readonly ConsultationStatus[],
    to: ConsultationStatus,
    at?: string,
  ): Promise<boolean> {
    const answered = to === 'active' && at ? at : null;
    const result = await this.db
      .updateTable('consultations')
      .set((eb) => ({
        status: to,
        ...(answered ? { answered_at: eb.fn.coalesce('answered_at', eb.val(answered)) } : {}),
      }))
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async endConsultation(id: string, reason: CallEndReason, at: string, survey: boolean): Promise<boolean> {
    const result = await this.db
      .updateTable('consultations')
      .set({ status: 'ended', ended_at: at, end_reason: reason, survey_status: survey ? 'pending' : null })
      .where('id', '=', id)
      .where('status', 'in', OPEN_CONSULTATION_STATUSES)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordOutcome(id: string, outcome: OutcomeCode, notes: string): Promise<boolean> {
    const result = await this.db
      .updateTable('consultations')
      .set({ outcome, notes })
      .where('id', '=', id)
      .where('outcome', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The survey's status and its answers in one transaction: both or neither. */
  saveSurvey(id: string, answers: readonly (number | null)[], at: string): Promise<boolean> {
    return this.transaction(async (store) => {
      const skipped = answers.every((answer) => answer === null);
      const result = await store.db
        .updateTable('consultations')
        .set({ survey_status: skipped ? 'skipped' : 'answered' })
        .where('id', '=', id)
        .where('survey_status', '=', 'pending')
        .executeTakeFirst();
      const updated = Number(result.numUpdatedRows) === 1;
      if (updated && !skipped) {
        await store.db
          .insert('survey_answers', {
            consultation_id: id,
            easy_to_talk: answers[0] ?? null,
            resolved: answers[1] ?? null,
            use_again: answers[2] ?? null,
            answered_at: at,
          })
          .execute();
      }
      return updated;
    });
  }

  /** Serving times of the most recent answered calls, in seconds, newest first. */
  async recentServeSeconds(limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('consultations')
      .select(this.db.secondsBetween('ended_at', 'answered_at').as('seconds'))
      .where('status', '=', 'ended')
      .where('answered_at', 'is not', null)
      .orderBy('ended_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => Number(row.seconds));
  }
}
