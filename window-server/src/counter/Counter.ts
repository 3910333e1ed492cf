import {
  isLiveCall,
  type AbandonReason,
  type CallbackRequest,
  type CallEnd,
  type CallEndReason,
  type CallTransfer,
  type ConsultationView,
  type CounterInfo,
  type CounterSnapshot,
  type KpiFigures,
  type MyCounterState,
  type MyQueueEntry,
  type QueueAccept,
  type StaffAccount,
  type SurveySubmit,
  type CallJoinInfo,
  type CallRole,
  type MyCall,
} from '@madoguchi/shared';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import { EventHub } from '../core/EventHub.js';
import type { Logger } from '../core/logger.js';
import { newId } from '../core/secrets.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { StaffAuth } from '../staff/index.js';
import type { Tenant } from '../tenants/index.js';
import { callbackSlots } from './callbackSlots.js';
import type { CounterFigures } from './CounterFigures.js';
import type { ConsultationRecord, CounterStore, QueueEntryRecord } from './CounterStore.js';
import { CounterViews, OfficerRoster } from './CounterViews.js';

export interface CounterOptions {
  /** How long a waiting TV may be off before its place is given up, in seconds. */
  graceSeconds: number;
  /** How long a call back rings before it counts as unanswered, in seconds. */
  ringSeconds: number;
  /** Serving time assumed before there is any history, in minutes. */
  defaultServeMinutes: number;
}

export interface CounterDeps {
  store: CounterStore;
  figures: CounterFigures;
  tenant: Tenant;
  devices: DeviceRegistry;
  staff: StaffAuth;
  clock: Clock;
  logger: Logger;
  options: CounterOptions;
}

/** Who asks about a call: a TV or an officer. */
export type CallParty = { deviceId: string } | { staffId: string };

export type CounterEvents = {
  /** Anything officers see changed (queue, calls, officers, figures). */
  changed: [];
  /** This TV's place changed; send it `myEntry(deviceId)`. */
  entryChanged: [deviceId: string];
  /** An officer took a walk-in: the TV joins the media. */
  callStarted: [ConsultationRecord];
  /** A call back rings the TV. */
  ringing: [ConsultationRecord];
  /** The TV answered a call back: the officer joins the media. */
  answered: [ConsultationRecord];
  held: [ConsultationRecord, boolean];
  callEnded: [ConsultationRecord, CallEndReason, boolean];
};

/**
 * The video counter: who waits for what, who serves whom. Every change is committed to SQLite
 * before anyone is told (events fire after the transaction), so a crash loses nothing that a
 * citizen or an officer already saw.
 */
export class Counter {
  readonly events: EventHub<CounterEvents>;
  readonly officers = new OfficerRoster();
  private readonly views: CounterViews;
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private readonly ringTimers = new Map<string, NodeJS.Timeout>();
  private version = 0;
  private closed = false;

  private readonly store: CounterStore;
  private readonly figuresOf: CounterFigures;
  private readonly tenant: Tenant;
  private readonly devices: DeviceRegistry;
  private readonly staff: StaffAuth;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly options: CounterOptions;

  constructor({ store, figures, tenant, devices, staff, clock, logger, options }: CounterDeps) {
    this.store = store;
    this.figuresOf = figures;
    this.tenant = tenant;
    this.devices = devices;
    this.staff = staff;
    this.clock = clock;
    this.logger = logger;
    this.options = options;
    this.events = new EventHub(logger);
    this.views = new CounterViews({
      store,
      figures,
      tenant,
      staff,
      roster: this.officers,
      clock,
      defaultServeMinutes: options.defaultServeMinutes,
    });
    devices.events.on('presence', ({ deviceId, online }) =>
      online ? this.deviceOnline(deviceId) : this.deviceOffline(deviceId),
    );
    devices.events.on('revoked', (deviceId) => this.deviceRevoked(deviceId));
  }

  /** After a start (or a crash): every TV is offline until it reconnects, and rings are over. */
  resume(): void {
    for (const consultation of this.store.openConsultations()) {
      if (consultation.status === 'ringing') this.unanswered(consultation.id);
    }
    for (const entry of this.store.openEntries()) {
      if (!this.devices.isOnline(entry.deviceId)) this.deviceOffline(entry.deviceId);
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of [...this.graceTimers.values(), ...this.ringTimers.values()]) clearTimeout(timer);
    this.graceTimers.clear();
    this.ringTimers.clear();
  }

  // ── what the TV asks ────────────────────────────────────────────────────────────────────

  info(): CounterInfo {
    const now = this.clock.now();
    return {
      topics: this.tenant.file.counter.topics,
      opening: this.tenant.calendar.status(now),
      callbackSlots: callbackSlots(this.tenant.calendar, this.tenant.file.timeZone, now),
    };
  }

  join(deviceId: string, topic: string): MyQueueEntry {
    this.requireTopic(topic);
    if (!this.tenant.calendar.isOpen(this.clock.now())) throw new AppError('COUNTER_CLOSED');
    this.insertEntry(deviceId, topic, null);
    this.announce(deviceId);
    return this.myEntry(deviceId) as MyQueueEntry;
  }

  requestCallback(deviceId: string, request: CallbackRequest): MyQueueEntry {
    this.requireTopic(request.topic);
    const offered = callbackSlots(this.tenant.calendar, this.tenant.file.timeZone, this.clock.now());
    if (!offered.some((slot) => slot.date === request.date && slot.period === request.period)) {
      throw new AppError('SLOT_UNAVAILABLE');
    }
    const waiting = this.store.openEntryOf(deviceId);
    if (waiting?.status === 'waiting' && waiting.kind === 'walkIn') {
      // Rather than wait, be called back: one atomic change, so the place is never lost on the way.
      if (!this.store.convertToCallback(waiting.id, request.topic, request.date, request.period)) {
        throw new AppError('CALL_STATE');
      }
      this.clearTimer(this.graceTimers, deviceId);
    } else {
      this.insertEntry(deviceId, request.topic, { date: request.date, period: request.period });
    }
    this.announce(deviceId);
    return this.myEntry(deviceId) as MyQueueEntry;
  }

  cancel(deviceId: string): void {
    const entry = this.store.openEntryOf(deviceId);
    if (!entry) throw new AppError('NOT_QUEUED');
    if (entry.status === 'serving') throw new AppError('CALL_STATE');
    if (entry.status === 'ringing') {
      const ringing = this.store.openConsultationOfDevice(deviceId);
      if (ringing) return this.decline(deviceId, ringing.id);
    }
    this.abandon(entry, 'cancelled');
  }

  myEntry(deviceId: string): MyQueueEntry | null {
    return this.views.myEntry(deviceId);
  }

  /** Every waiting TV's place, for pushing after a change. */
  waitingDevices(): string[] {
    return this.store
      .openEntries()
      .filter((entry) => entry.status === 'waiting')
      .map((entry) => entry.deviceId);
  }

  myState(deviceId: string): Omit<MyCounterState, 'call'> & { consultation: ConsultationRecord | null } {
    return {
      entry: this.myEntry(deviceId),
      consultation: this.store.openConsultationOfDevice(deviceId) ?? null,
      surveyFor: this.store.pendingSurveyOf(deviceId)?.id ?? null,
    };
  }

  answer(deviceId: string, consultationId: string): ConsultationRecord {
    const consultation = this.ownConsultation(deviceId, consultationId);
    const at = this.now();
    const answered = this.store.transaction(() => {
      if (!this.store.setConsultationStatus(consultationId, ['ringing'], 'active', at)) return false;
      this.store.moveEntry(consultation.entryId, ['ringing'], 'serving', { firstAcceptedAt: at });
      return true;
    });
    if (!answered) throw new AppError('CALL_STATE');
    this.clearTimer(this.ringTimers, consultationId);
    const active = this.store.consultation(consultationId) as ConsultationRecord;
    this.events.emit('answered', active);
    this.announce(deviceId);
    return active;
  }

  decline(deviceId: string, consultationId: string): void {
    const consultation = this.ownConsultation(deviceId, consultationId);
    if (consultation.status !== 'ringing') throw new AppError('CALL_STATE');
    const at = this.now();
    this.store.transaction(() => {
      this.store.endConsultation(consultationId, 'declined', at, false);
      this.store.moveEntry(consultation.entryId, ['ringing'], 'abandoned', {
        endedAt: at,
        abandonReason: 'declined',
      });
    });
    this.clearTimer(this.ringTimers, consultationId);
    this.ended(consultationId, 'declined', false);
  }

  /** The citizen ends the call (red, confirmed). */
  endByCitizen(deviceId: string, consultationId: string): void {
    const consultation = this.ownConsultation(deviceId, consultationId);
    if (consultation.status === 'ringing') return this.decline(deviceId, consultationId);
    this.finish(consultation, 'citizenEnded');
  }

  submitSurvey(deviceId: string, survey: SurveySubmit): void {
    const consultation = this.store.consultation(survey.consultationId);
    if (!consultation || consultation.deviceId !== deviceId) throw new AppError('CALL_NOT_FOUND');
    if (!this.store.saveSurvey(consultation.id, survey.answers, this.now())) throw new AppError('CALL_STATE');
    this.changed();
  }

  // ── what officers do ────────────────────────────────────────────────────────────────────

  officerConnected(staffId: string): void {
    this.officers.connected(staffId);
    this.queueMoved();
  }

  officerDisconnected(staffId: string): void {
    this.officers.disconnected(staffId);
    if (!this.closed) this.queueMoved();
  }

  setOfficerAway(staffId: string, away: boolean): void {
    this.officers.setAway(staffId, away);
    this.queueMoved();
  }

  snapshot(): CounterSnapshot {
    return this.views.snapshot(++this.version);
  }

  accept(officer: StaffAccount, request: QueueAccept): ConsultationRecord {
    this.requireFree(officer.id);
    if (request.topic !== undefined) this.requireTopic(request.topic);
    const at = this.now();
    const consultation = this.store.transaction(() => {
      const entry = request.entryId
        ? this.store.entry(request.entryId)
        : this.store
            .openEntries()
            .find(
              (e) =>
                e.status === 'waiting' &&
                (request.topic === undefined || e.topic === request.topic) &&
                (e.assignedStaffId === null || e.assignedStaffId === officer.id),
            );
      if (!entry) throw new AppError(request.entryId ? 'NOT_FOUND' : 'QUEUE_EMPTY');
      if (entry.kind !== 'walkIn') throw new AppError('CALL_STATE');
      if (entry.assignedStaffId !== null && entry.assignedStaffId !== officer.id)
        throw new AppError('FORBIDDEN');
      // The conditional update is what makes one of two simultaneous accepts lose.
      if (!this.store.moveEntry(entry.id, ['waiting'], 'serving', { firstAcceptedAt: at })) {
        throw new AppError('ENTRY_TAKEN');
      }
      return this.newConsultation(entry, officer.id, 'active', at);
    });
    this.clearTimer(this.graceTimers, consultation.deviceId);
    if (!this.devices.isOnline(consultation.deviceId)) this.deviceOffline(consultation.deviceId);
    this.logger.info({ consultationId: consultation.id, staffId: officer.id }, 'call accepted');
    this.events.emit('callStarted', consultation);
    this.announce(consultation.deviceId);
    return consultation;
  }

  callBack(officer: StaffAccount, entryId: string): ConsultationRecord {
    this.requireFree(officer.id);
    const at = this.now();
    const consultation = this.store.transaction(() => {
      const entry = this.store.entry(entryId);
      if (!entry) throw new AppError('NOT_FOUND');
      if (!this.store.moveEntry(entry.id, ['callbackRequested'], 'ringing', { callbackAttempt: true })) {
        throw new AppError('ENTRY_TAKEN');
      }
      return this.newConsultation(entry, officer.id, 'ringing', at);
    });
    this.ringTimers.set(
      consultation.id,
      setTimeout(() => this.unanswered(consultation.id), this.options.ringSeconds * 1000).unref(),
    );
    this.events.emit('ringing', consultation);
    this.announce(consultation.deviceId);
    return consultation;
  }

  hold(officer: StaffAccount, consultationId: string, onHold: boolean): void {
    this.officerConsultation(officer, consultationId);
    const moved = onHold
      ? this.store.setConsultationStatus(consultationId, ['active'], 'onHold')
      : this.store.setConsultationStatus(consultationId, ['onHold'], 'active');
    if (!moved) throw new AppError('CALL_STATE');
    this.events.emit('held', this.store.consultation(consultationId) as ConsultationRecord, onHold);
    this.changed();
  }

  transfer(officer: StaffAccount, request: CallTransfer): void {
    const consultation = this.officerConsultation(officer, request.consultationId);
    if (consultation.status === 'ringing' || consultation.status === 'ended')
      throw new AppError('CALL_STATE');
    if (request.topic !== undefined) this.requireTopic(request.topic);
    if (request.staffId !== undefined) {
      const target = this.staff.account(request.staffId);
      if (!target || target.disabled || target.id === officer.id || target.role === 'operator')
        throw new AppError('NOT_FOUND');
    }
    const at = this.now();
    this.store.transaction(() => {
      this.store.endConsultation(consultation.id, 'transferred', at, false);
      this.store.recordOutcome(consultation.id, 'referred', '');
      this.store.moveEntry(consultation.entryId, ['serving'], 'waiting', {
        ...(request.topic !== undefined ? { topic: request.topic } : {}),
        assignedStaffId: request.staffId ?? null,
        transferred: true,
      });
    });
    this.ended(consultation.id, 'transferred', false);
  }

  /** The officer ends the call with an outcome; also records the outcome of a call the TV ended. */
  end(officer: StaffAccount, request: CallEnd): void {
    const consultation = this.officerConsultation(officer, request.consultationId);
    if (consultation.status === 'ended') {
      if (!this.store.recordOutcome(consultation.id, request.outcome, request.notes))
        throw new AppError('CALL_STATE');
      return this.changed();
    }
    if (consultation.status === 'ringing') throw new AppError('CALL_STATE');
    this.store.transaction(() => {
      this.finishRows(consultation, 'completed');
      this.store.recordOutcome(consultation.id, request.outcome, request.notes);
    });
    this.ended(consultation.id, 'completed', true);
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────

  private insertEntry(
    deviceId: string,
    topic: string,
    callback: { date: string; period: 'morning' | 'afternoon' } | null,
  ): QueueEntryRecord {
    const device = this.devices.get(deviceId);
    if (!device) throw new AppError('DEVICE_NOT_REGISTERED');
    if (this.store.openEntryOf(deviceId)) throw new AppError('ALREADY_QUEUED');
    return this.store.insertEntry({
      id: newId('qe'),
      deviceId,
      topic,
      kind: callback ? 'callback' : 'walkIn',
      status: callback ? 'callbackRequested' : 'waiting',
      at: this.now(),
      camera: device.capabilities.camera,
      callback,
    });
  }

  private newConsultation(
    entry: QueueEntryRecord,
    staffId: string,
    status: 'active' | 'ringing',
    at: string,
  ): ConsultationRecord {
    return this.store.insertConsultation({
      id: newId('con'),
      entryId: entry.id,
      deviceId: entry.deviceId,
      staffId,
      topic: entry.topic,
      kind: entry.kind,
      status,
      at,
    });
  }

  /** An answered call ends: the entry is served and the TV is offered the survey. */
  private finish(consultation: ConsultationRecord, reason: CallEndReason): void {
    if (consultation.status === 'ended') throw new AppError('CALL_STATE');
    this.store.transaction(() => this.finishRows(consultation, reason));
    this.ended(consultation.id, reason, true);
  }

  private finishRows(consultation: ConsultationRecord, reason: CallEndReason): void {
    const at = this.now();
    this.store.endConsultation(consultation.id, reason, at, true);
    this.store.moveEntry(consultation.entryId, ['serving'], 'served', { endedAt: at });
  }

  private ended(consultationId: string, reason: CallEndReason, survey: boolean): void {
    const consultation = this.store.consultation(consultationId) as ConsultationRecord;
    this.clearTimer(this.graceTimers, `call:${consultationId}`);
    this.logger.info({ consultationId, reason }, 'call ended');
    this.events.emit('callEnded', consultation, reason, survey);
    this.announce(consultation.deviceId);
  }

  private unanswered(consultationId: string): void {
    this.ringTimers.delete(consultationId);
    const consultation = this.store.consultation(consultationId);
    if (!consultation || consultation.status !== 'ringing') return;
    this.store.transaction(() => {
      this.store.endConsultation(consultationId, 'unanswered', this.now(), false);
      // Back on the call-back list, one attempt more.
      this.store.moveEntry(consultation.entryId, ['ringing'], 'callbackRequested');
    });
    this.ended(consultationId, 'unanswered', false);
  }

  private abandon(entry: QueueEntryRecord, reason: AbandonReason): void {
    const moved = this.store.moveEntry(entry.id, ['waiting', 'callbackRequested'], 'abandoned', {
      endedAt: this.now(),
      abandonReason: reason,
    });
    if (!moved) return;
    this.logger.info({ entryId: entry.id, reason }, 'left the queue');
    this.announce(entry.deviceId);
  }

  private deviceOnline(deviceId: string): void {
    this.clearTimer(this.graceTimers, deviceId);
    const consultation = this.store.openConsultationOfDevice(deviceId);
    if (consultation) this.clearTimer(this.graceTimers, `call:${consultation.id}`);
  }

  /** A TV that stays off longer than the grace period gives up its place (or its call). */
  private deviceOffline(deviceId: string): void {
    if (this.closed) return;
    const grace = this.options.graceSeconds * 1000;
    const entry = this.store.openEntryOf(deviceId);
    if (entry?.status === 'waiting' && !this.graceTimers.has(deviceId)) {
      this.graceTimers.set(
        deviceId,
        setTimeout(() => {
          this.graceTimers.delete(deviceId);
          const still = this.store.openEntryOf(deviceId);
          if (still?.status === 'waiting' && !this.devices.isOnline(deviceId))
            this.abandon(still, 'disconnected');
        }, grace).unref(),
      );
    }
    const consultation = this.store.openConsultationOfDevice(deviceId);
    const key = consultation ? `call:${consultation.id}` : undefined;
    if (consultation && key && consultation.status !== 'ringing' && !this.graceTimers.has(key)) {
      this.graceTimers.set(
        key,
        setTimeout(() => {
          this.graceTimers.delete(key);
          const current = this.store.consultation(consultation.id);
          if (current && current.status !== 'ended' && !this.devices.isOnline(deviceId)) {
            this.finish(current, 'disconnected');
          }
        }, grace).unref(),
      );
    }
  }

  private deviceRevoked(deviceId: string): void {
    const consultation = this.store.openConsultationOfDevice(deviceId);
    if (consultation?.status === 'ringing') this.decline(deviceId, consultation.id);
    else if (consultation) this.finish(consultation, 'disconnected');
    const entry = this.store.openEntryOf(deviceId);
    if (entry) this.abandon(entry, 'revoked');
  }

  private ownConsultation(deviceId: string, consultationId: string): ConsultationRecord {
    const consultation = this.callOf({ deviceId }, consultationId);
    if (consultation.status === 'ended') throw new AppError('CALL_STATE');
    return consultation;
  }

  private officerConsultation(officer: StaffAccount, consultationId: string): ConsultationRecord {
    return this.callOf({ staffId: officer.id }, consultationId);
  }

  private requireFree(staffId: string): void {
    if (this.store.openConsultationOfStaff(staffId)) throw new AppError('OFFICER_BUSY');
  }

  private requireTopic(topic: string): void {
    if (!this.tenant.file.counter.topics.some((t) => t.id === topic)) throw new AppError('TOPIC_UNKNOWN');
  }

  private clearTimer(timers: Map<string, NodeJS.Timeout>, key: string): void {
    const timer = timers.get(key);
    if (timer) clearTimeout(timer);
    timers.delete(key);
  }

  /** One TV's place changed, and with it everybody's view of the queue. */
  private announce(deviceId: string): void {
    this.events.emit('entryChanged', deviceId);
    this.changed();
  }

  private changed(): void {
    if (!this.closed) this.events.emit('changed');
  }

  /** Estimates depend on how many officers take calls: every waiting TV hears of a change. */
  private queueMoved(): void {
    for (const deviceId of this.waitingDevices()) this.events.emit('entryChanged', deviceId);
    this.changed();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  view(consultation: ConsultationRecord): ConsultationView {
    return this.views.consultation(consultation);
  }

  consultation(id: string): ConsultationRecord | undefined {
    return this.store.consultation(id);
  }

  /** `party`'s consultation `consultationId` in any state; CALL_NOT_FOUND when it is not theirs. */
  callOf(party: CallParty, consultationId: string): ConsultationRecord {
    const consultation = this.store.consultation(consultationId);
    const theirs =
      consultation !== undefined &&
      ('deviceId' in party
        ? consultation.deviceId === party.deviceId
        : consultation.staffId === party.staffId);
    if (!theirs) throw new AppError('CALL_NOT_FOUND');
    return consultation;
  }

  /**
   * Whether this TV or this officer is in this live call (answered, on hold or not): the one
   * check behind media signalling, acting for the citizen and the citizen panel.
   * Throws CALL_NOT_FOUND (not theirs) or CALL_STATE (ringing or ended).
   */
  liveCall(party: CallParty, consultationId: string): ConsultationRecord {
    const consultation = this.callOf(party, consultationId);
    if (!isLiveCall(consultation.status)) throw new AppError('CALL_STATE');
    return consultation;
  }

  /** Who a side of a call is told it talks to. */
  callPeer(consultationId: string, role: CallRole): CallJoinInfo['peer'] {
    const consultation = this.store.consultation(consultationId);
    if (role === 'citizen') {
      const staffName = consultation ? (this.staff.account(consultation.staffId)?.displayName ?? '') : '';
      return { role: 'officer', displayName: staffName, camera: true, microphone: true };
    }
    const device = consultation ? this.devices.get(consultation.deviceId) : undefined;
    return {
      role: 'citizen',
      displayName: '',
      camera: device?.capabilities.camera ?? false,
      microphone: device?.capabilities.microphone ?? false,
    };
  }

  /** The call a TV is in (or being rung for), with what it joins the media with once answered. */
  myCall(consultation: ConsultationRecord, join: CallJoinInfo | null): MyCall {
    return this.views.myCall(consultation, join);
  }

  /** The call (ringing, active or on hold) this TV is in, if any. */
  liveConsultationOfDevice(deviceId: string): ConsultationRecord | undefined {
    return this.store.openConsultationOfDevice(deviceId);
  }

  /** Waiting citizens per topic (every tenant topic, zeros included). */
  queueLengths(): Map<string, number> {
    const lengths = new Map(this.tenant.file.counter.topics.map((topic) => [topic.id, 0]));
    for (const entry of this.store.openEntries()) {
      if (entry.status === 'waiting') lengths.set(entry.topic, (lengths.get(entry.topic) ?? 0) + 1);
    }
    return lengths;
  }

  /** Calls in progress (answered, on hold or not). */
  activeCalls(): number {
    return this.store.openConsultations().filter((c) => isLiveCall(c.status)).length;
  }

  figures(from: Date, to: Date): KpiFigures {
    return this.figuresOf.figures(
      from,
      to,
      this.tenant.file.counter.topics.map((topic) => topic.id),
    );
  }
}
