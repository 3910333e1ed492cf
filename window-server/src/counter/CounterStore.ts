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
import type { Database } from '../db/index.js';

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

interface EntryRow {
  seq: number;
  id: string;
  device_id: string;
  topic: string;
  kind: QueueEntryKind;
  status: QueueEntryStatus;
  joined_at: string;
  rank_at: string;
  camera: number;
  callback_date: string | null;
  callback_period: CallbackPeriod | null;
  callback_attempts: number;
  assigned_staff_id: string | null;
  transferred: number;
  first_accepted_at: string | null;
  ended_at: string | null;
  abandon_reason: AbandonReason | null;
}

interface ConsultationRow {
  id: string;
  entry_id: string;
  device_id: string;
  staff_id: string;
  topic: string;
  kind: QueueEntryKind;
  status: ConsultationStatus;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  end_reason: CallEndReason | null;
  outcome: OutcomeCode | null;
  survey_status: 'pending' | 'answered' | 'skipped' | null;
}

const toEntry = (row: EntryRow): QueueEntryRecord => ({
  seq: row.seq,
  id: row.id,
  deviceId: row.device_id,
  topic: row.topic,
  kind: row.kind,
  status: row.status,
  joinedAt: row.joined_at,
  rankAt: row.rank_at,
  camera: row.camera === 1,
  callback:
    row.callback_date && row.callback_period
      ? { date: row.callback_date, period: row.callback_period, attempts: row.callback_attempts }
      : null,
  assignedStaffId: row.assigned_staff_id,
  transferred: row.transferred === 1,
  firstAcceptedAt: row.first_accepted_at,
  endedAt: row.ended_at,
  abandonReason: row.abandon_reason,
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
  endReason: row.end_reason,
  outcome: row.outcome,
  surveyStatus: row.survey_status,
});

/** `IN (...)` of fixed status names (constants from shared, never input). */
const statusIn = (statuses: readonly string[]): string =>
  `status IN (${statuses.map((status) => `'${status}'`).join(', ')})`;
const OPEN_ENTRY = statusIn(OPEN_QUEUE_STATUSES);
const OPEN_CONSULTATION = statusIn(OPEN_CONSULTATION_STATUSES);

/** The queue_entries, consultations and survey_answers tables. */
export class CounterStore {
  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
  ) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  insertEntry(entry: {
    id: string;
    deviceId: string;
    topic: string;
    kind: QueueEntryKind;
    status: QueueEntryStatus;
    at: string;
    camera: boolean;
    callback: { date: string; period: CallbackPeriod } | null;
  }): QueueEntryRecord {
    this.db
      .prepare(
        `INSERT INTO queue_entries (id, tenant_id, device_id, topic, kind, status, joined_at, rank_at, camera,
           callback_date, callback_period)
         VALUES (@id, @tenantId, @deviceId, @topic, @kind, @status, @at, @at, @camera, @callbackDate, @callbackPeriod)`,
      )
      .run({
        id: entry.id,
        tenantId: this.tenantId,
        deviceId: entry.deviceId,
        topic: entry.topic,
        kind: entry.kind,
        status: entry.status,
        at: entry.at,
        camera: entry.camera ? 1 : 0,
        callbackDate: entry.callback?.date ?? null,
        callbackPeriod: entry.callback?.period ?? null,
      });
    return this.entry(entry.id) as QueueEntryRecord;
  }

  /** A waiting walk-in becomes a call-back request, keeping its record (and its history). */
  convertToCallback(id: string, topic: string, date: string, period: CallbackPeriod): boolean {
    return (
      this.db
        .prepare(
          `UPDATE queue_entries SET kind = 'callback', status = 'callbackRequested', topic = ?, callback_date = ?,
             callback_period = ?
           WHERE id = ? AND tenant_id = ? AND status = 'waiting' AND kind = 'walkIn'`,
        )
        .run(topic, date, period, id, this.tenantId).changes === 1
    );
  }

  entry(id: string): QueueEntryRecord | undefined {
    const row = this.db
      .prepare<[string, string], EntryRow>('SELECT * FROM queue_entries WHERE id = ? AND tenant_id = ?')
      .get(id, this.tenantId);
    return row ? toEntry(row) : undefined;
  }

  openEntryOf(deviceId: string): QueueEntryRecord | undefined {
    const row = this.db
      .prepare<[string, string], EntryRow>(
        `SELECT * FROM queue_entries WHERE device_id = ? AND tenant_id = ? AND ${OPEN_ENTRY}`,
      )
      .get(deviceId, this.tenantId);
    return row ? toEntry(row) : undefined;
  }

  /** Every open entry in queue order: first come, first served (a transfer keeps its time). */
  openEntries(): QueueEntryRecord[] {
    return this.db
      .prepare<[string], EntryRow>(
        `SELECT * FROM queue_entries WHERE tenant_id = ? AND ${OPEN_ENTRY} ORDER BY rank_at, seq`,
      )
      .all(this.tenantId)
      .map(toEntry);
  }

  /** Moves an entry from one status to another; false when it was no longer in `from`. */
  moveEntry(
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
  ): boolean {
    const placeholders = from.map(() => '?').join(', ');
    const result = this.db
      .prepare(
        `UPDATE queue_entries SET
           status = ?,
           ended_at = COALESCE(?, ended_at),
           abandon_reason = COALESCE(?, abandon_reason),
           first_accepted_at = COALESCE(first_accepted_at, ?),
           topic = COALESCE(?, topic),
           assigned_staff_id = CASE WHEN ? THEN ? ELSE assigned_staff_id END,
           transferred = CASE WHEN ? THEN 1 ELSE transferred END,
           callback_attempts = callback_attempts + ?
         WHERE id = ? AND tenant_id = ? AND status IN (${placeholders})`,
      )
      .run(
        to,
        change.endedAt ?? null,
        change.abandonReason ?? null,
        change.firstAcceptedAt ?? null,
        change.topic ?? null,
        change.assignedStaffId === undefined ? 0 : 1,
        change.assignedStaffId ?? null,
        change.transferred ? 1 : 0,
        change.callbackAttempt ? 1 : 0,
        id,
        this.tenantId,
        ...from,
      );
    return result.changes === 1;
  }

  insertConsultation(consultation: {
    id: string;
    entryId: string;
    deviceId: string;
    staffId: string;
    topic: string;
    kind: QueueEntryKind;
    status: ConsultationStatus;
    at: string;
  }): ConsultationRecord {
    this.db
      .prepare(
        `INSERT INTO consultations (id, tenant_id, entry_id, device_id, staff_id, topic, kind, status, started_at, answered_at)
         VALUES (@id, @tenantId, @entryId, @deviceId, @staffId, @topic, @kind, @status, @at,
           CASE WHEN @status = 'active' THEN @at ELSE NULL END)`,
      )
      .run({ ...consultation, tenantId: this.tenantId });
    return this.consultation(consultation.id) as ConsultationRecord;
  }

  consultation(id: string): ConsultationRecord | undefined {
    const row = this.db
      .prepare<[string, string], ConsultationRow>(
        'SELECT * FROM consultations WHERE id = ? AND tenant_id = ?',
      )
      .get(id, this.tenantId);
    return row ? toConsultation(row) : undefined;
  }

  openConsultations(): ConsultationRecord[] {
    return this.db
      .prepare<[string], ConsultationRow>(
        `SELECT * FROM consultations WHERE tenant_id = ? AND ${OPEN_CONSULTATION} ORDER BY started_at`,
      )
      .all(this.tenantId)
      .map(toConsultation);
  }

  /** Answered calls the citizen ended (or lost) whose officer has not recorded an outcome yet. */
  unrecordedConsultations(): ConsultationRecord[] {
    return this.db
      .prepare<[string], ConsultationRow>(
        `SELECT * FROM consultations WHERE tenant_id = ? AND status = 'ended' AND outcome IS NULL
           AND answered_at IS NOT NULL ORDER BY ended_at`,
      )
      .all(this.tenantId)
      .map(toConsultation);
  }

  openConsultationOfStaff(staffId: string): ConsultationRecord | undefined {
    const row = this.db
      .prepare<[string, string], ConsultationRow>(
        `SELECT * FROM consultations WHERE staff_id = ? AND tenant_id = ? AND ${OPEN_CONSULTATION}`,
      )
      .get(staffId, this.tenantId);
    return row ? toConsultation(row) : undefined;
  }

  openConsultationOfDevice(deviceId: string): ConsultationRecord | undefined {
    const row = this.db
      .prepare<[string, string], ConsultationRow>(
        `SELECT * FROM consultations WHERE device_id = ? AND tenant_id = ? AND ${OPEN_CONSULTATION}
         ORDER BY started_at DESC`,
      )
      .get(deviceId, this.tenantId);
    return row ? toConsultation(row) : undefined;
  }

  /** The device's latest consultation still waiting for its survey. */
  pendingSurveyOf(deviceId: string): ConsultationRecord | undefined {
    const row = this.db
      .prepare<[string, string], ConsultationRow>(
        `SELECT * FROM consultations WHERE device_id = ? AND tenant_id = ? AND survey_status = 'pending'
         ORDER BY ended_at DESC`,
      )
      .get(deviceId, this.tenantId);
    return row ? toConsultation(row) : undefined;
  }

  setConsultationStatus(
    id: string,
    from: readonly ConsultationStatus[],
    to: ConsultationStatus,
    at?: string,
  ): boolean {
    const placeholders = from.map(() => '?').join(', ');
    const answered = to === 'active' && at ? at : null;
    return (
      this.db
        .prepare(
          `UPDATE consultations SET status = ?, answered_at = COALESCE(answered_at, ?)
           WHERE id = ? AND tenant_id = ? AND status IN (${placeholders})`,
        )
        .run(to, answered, id, this.tenantId, ...from).changes === 1
    );
  }

  endConsultation(id: string, reason: CallEndReason, at: string, survey: boolean): boolean {
    return (
      this.db
        .prepare(
          `UPDATE consultations SET status = 'ended', ended_at = ?, end_reason = ?,
             survey_status = CASE WHEN ? THEN 'pending' ELSE NULL END
           WHERE id = ? AND tenant_id = ? AND ${OPEN_CONSULTATION}`,
        )
        .run(at, reason, survey ? 1 : 0, id, this.tenantId).changes === 1
    );
  }

  recordOutcome(id: string, outcome: OutcomeCode, notes: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE consultations SET outcome = ?, notes = ? WHERE id = ? AND tenant_id = ? AND outcome IS NULL`,
        )
        .run(outcome, notes, id, this.tenantId).changes === 1
    );
  }

  /** The survey's status and its answers in one transaction: both or neither. */
  saveSurvey(id: string, answers: readonly (number | null)[], at: string): boolean {
    return this.transaction(() => this.saveSurveyRows(id, answers, at));
  }

  private saveSurveyRows(id: string, answers: readonly (number | null)[], at: string): boolean {
    const skipped = answers.every((answer) => answer === null);
    const updated =
      this.db
        .prepare(
          `UPDATE consultations SET survey_status = ? WHERE id = ? AND tenant_id = ? AND survey_status = 'pending'`,
        )
        .run(skipped ? 'skipped' : 'answered', id, this.tenantId).changes === 1;
    if (updated && !skipped) {
      this.db
        .prepare(
          `INSERT INTO survey_answers (consultation_id, easy_to_talk, resolved, use_again, answered_at) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(id, answers[0] ?? null, answers[1] ?? null, answers[2] ?? null, at);
    }
    return updated;
  }

  /** Serving times of the most recent answered calls, in seconds, newest first. */
  recentServeSeconds(limit: number): number[] {
    return this.db
      .prepare<[string, number], { seconds: number }>(
        `SELECT (julianday(ended_at) - julianday(answered_at)) * 86400 AS seconds FROM consultations
         WHERE tenant_id = ? AND status = 'ended' AND answered_at IS NOT NULL
         ORDER BY ended_at DESC LIMIT ?`,
      )
      .all(this.tenantId, limit)
      .map((row) => row.seconds);
  }
}
