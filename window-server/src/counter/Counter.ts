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
import { violatesUnique } from '../db/index.js';
import { newId } from '../core/secrets.js';
import type { DeviceRecord, DeviceRegistry } from '../devices/index.js';
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
      this.safely('a TV coming or going', () =>
        online ? this.deviceOnline(deviceId) : this.deviceOffline(deviceId),
      ),
    );
    devices.events.on('revoked', (deviceId) =>
      this.safely('a revoked TV', () => this.deviceRevoked(deviceId)),
    );
  }

  /** After a start (or a crash): every TV is offline until it reconnects, and rings are over. */
  async resume(): Promise<void> {
    for (const consultation of await this.store.openConsultations()) {
      if (consultation.status === 'ringing') await this.unanswered(consultation.id);
    }
    for (const entry of await this.store.openEntries()) {
      if (!this.devices.isOnline(entry.deviceId)) await this.deviceOffline(entry.deviceId);
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

  async join(deviceId: string, topic: string): Promise<MyQueueEntry> {
    this.requireTopic(topic);
    if (!this.tenant.calendar.isOpen(this.clock.now())) throw new AppError('COUNTER_CLOSED');
    // The reply is read in the same transaction: a TV told "failed" has no place, one told its
    // place has it.
    const device = await this.requireDevice(deviceId);
    const entry = await this.store.transaction(async (store) => {
      await this.insertEntry(store, device, topic, null);
      return this.views.myEntry(deviceId, store);
    });
    this.announce(deviceId);
    return entry as MyQueueEntry;
  }

  async requestCallback(deviceId: string, request: CallbackRequest): Promise<MyQueueEntry> {
    this.requireTopic(request.topic);
    const offered = callbackSlots(this.tenant.calendar, this.tenant.file.timeZone, this.clock.now());
    if (!offered.some((slot) => slot.date === request.date && slot.period === request.period)) {
      throw new AppError('SLOT_UNAVAILABLE');
    }
    const device = await this.requireDevice(deviceId);
    const entry = await this.store.transaction(async (store) => {
      const waiting = await store.openEntryOf(deviceId);
      if (waiting?.status === 'waiting' && waiting.kind === 'walkIn') {
        // Rather than wait, be called back: one atomic change, so the place is never lost on the way.
        if (!(await store.convertToCallback(waiting.id, request.topic, request.date, request.period))) {
          throw new AppError('CALL_STATE');
        }
      } else {
        await this.insertEntry(store, device, request.topic, {
          date: request.date,
          period: request.period,
        });
      }
      return this.views.myEntry(deviceId, store);
    });
    this.clearTimer(this.graceTimers, deviceId);
    this.announce(deviceId);
    return entry as MyQueueEntry;
  }

  async cancel(deviceId: string): Promise<void> {
    const entry = await this.store.openEntryOf(deviceId);
    if (!entry) throw new AppError('NOT_QUEUED');
    if (entry.status === 'serving') throw new AppError('CALL_STATE');
    if (entry.status === 'ringing') {
      const ringing = await this.store.openConsultationOfDevice(deviceId);
      if (ringing) return this.decline(deviceId, ringing.id);
    }
    await this.abandon(entry, 'cancelled');
  }

  myEntry(deviceId: string): Promise<MyQueueEntry | null> {
    return this.views.myEntry(deviceId);
  }

  /** The places of many TVs at once (pushes after a change): one read of the queue for all. */
  myEntries(deviceIds: Iterable<string>): Promise<Map<string, MyQueueEntry | null>> {
    return this.views.myEntries(deviceIds);
  }

  /** Every waiting TV's place, for pushing after a change. */
  async waitingDevices(): Promise<string[]> {
    return (await this.store.openEntries())
      .filter((entry) => entry.status === 'waiting')
      .map((entry) => entry.deviceId);
  }

  async myState(
    deviceId: string,
  ): Promise<Omit<MyCounterState, 'call'> & { consultation: ConsultationRecord | null }> {
    const [entry, consultation, survey] = await Promise.all([
      this.myEntry(deviceId),
      this.store.openConsultationOfDevice(deviceId),
      this.store.pendingSurveyOf(deviceId),
    ]);
    return { entry, consultation: consultation ?? null, surveyFor: survey?.id ?? null };
  }

  async answer(deviceId: string, consultationId: string): Promise<ConsultationRecord> {
    const consultation = await this.ownConsultation(deviceId, consultationId);
    const at = this.now();
    const answered = await this.store.transaction(async (store) => {
      if (!(await store.setConsultationStatus(consultationId, ['ringing'], 'active', at))) return false;
      await store.moveEntry(consultation.entryId, ['ringing'], 'serving', { firstAcceptedAt: at });
      return true;
    });
    if (!answered) throw new AppError('CALL_STATE');
    this.clearTimer(this.ringTimers, consultationId);
    const active = (await this.store.consultation(consultationId)) as ConsultationRecord;
    this.events.emit('answered', active);
    this.announce(deviceId);
    return active;
  }

  async decline(deviceId: string, consultationId: string): Promise<void> {
    const consultation = await this.ownConsultation(deviceId, consultationId);
    if (consultation.status !== 'ringing') throw new AppError('CALL_STATE');
    const at = this.now();
    const declined = await this.store.transaction(async (store) => {
      if (!(await store.endConsultation(consultationId, 'declined', at, false))) return false;
      await store.moveEntry(consultation.entryId, ['ringing'], 'abandoned', {
        endedAt: at,
        abandonReason: 'declined',
      });
      return true;
    });
    if (!declined) throw new AppError('CALL_STATE');
    this.clearTimer(this.ringTimers, consultationId);
    await this.ended(consultationId, 'declined', false);
  }

  /** The citizen ends the call (red, confirmed). */
  async endByCitizen(deviceId: string, consultationId: string): Promise<void> {
    const consultation = await this.ownConsultation(deviceId, consultationId);
    if (consultation.status === 'ringing') return this.decline(deviceId, consultationId);
    await this.finish(consultation, 'citizenEnded');
  }

  async submitSurvey(deviceId: string, survey: SurveySubmit): Promise<void> {
    const consultation = await this.store.consultation(survey.consultationId);
    if (!consultation || consultation.deviceId !== deviceId) throw new AppError('CALL_NOT_FOUND');
    if (!(await this.store.saveSurvey(consultation.id, survey.answers, this.now())))
      throw new AppError('CALL_STATE');
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

  snapshot(): Promise<CounterSnapshot> {
    return this.views.snapshot(++this.version);
  }

  async accept(officer: StaffAccount, request: QueueAccept): Promise<ConsultationRecord> {
    await this.requireFree(officer.id);
    if (request.topic !== undefined) this.requireTopic(request.topic);
    const at = this.now();
    const consultation = await this.store.transaction(async (store) => {
      const entry = request.entryId ? await store.entry(request.entryId) : undefined;
      if (request.entryId) {
        if (!entry) throw new AppError('NOT_FOUND');
        if (entry.kind !== 'walkIn') throw new AppError('CALL_STATE');
        if (entry.assignedStaffId !== null && entry.assignedStaffId !== officer.id)
          throw new AppError('FORBIDDEN');
      }
      const candidates = entry
        ? [entry]
        : (await store.openEntries()).filter(
            (e) =>
              e.status === 'waiting' &&
              e.kind === 'walkIn' &&
              (request.topic === undefined || e.topic === request.topic) &&
              (e.assignedStaffId === null || e.assignedStaffId === officer.id),
          );
      if (candidates.length === 0) throw new AppError('QUEUE_EMPTY');
      // The conditional update is what makes one of two simultaneous accepts lose: the first
      // candidate another officer took is skipped for the next (an entry given asks for that one).
      for (const candidate of candidates) {
        if (await store.moveEntry(candidate.id, ['waiting'], 'serving', { firstAcceptedAt: at })) {
          return this.newConsultation(store, candidate, officer.id, 'active', at);
        }
      }
      throw new AppError(request.entryId ? 'ENTRY_TAKEN' : 'QUEUE_EMPTY');
    });
    this.clearTimer(this.graceTimers, consultation.deviceId);
    if (!this.devices.isOnline(consultation.deviceId)) await this.deviceOffline(consultation.deviceId);
    this.logger.info({ consultationId: consultation.id, staffId: officer.id }, 'call accepted');
    this.events.emit('callStarted', consultation);
    this.announce(consultation.deviceId);
    return consultation;
  }

  async callBack(officer: StaffAccount, entryId: string): Promise<ConsultationRecord> {
    await this.requireFree(officer.id);
    const at = this.now();
    const consultation = await this.store.transaction(async (store) => {
      const entry = await store.entry(entryId);
      if (!entry) throw new AppError('NOT_FOUND');
      if (!(await store.moveEntry(entry.id, ['callbackRequested'], 'ringing', { callbackAttempt: true }))) {
        throw new AppError('ENTRY_TAKEN');
      }
      return this.newConsultation(store, entry, officer.id, 'ringing', at);
    });
    this.ringTimers.set(
      consultation.id,
      setTimeout(
        () => this.safely('ring timed out', () => this.unanswered(consultation.id)),
        this.options.ringSeconds * 1000,
      ).unref(),
    );
    this.events.emit('ringing', consultation);
    this.announce(consultation.deviceId);
    return consultation;
  }

  async hold(officer: StaffAccount, consultationId: string, onHold: boolean): Promise<void> {
    await this.officerConsultation(officer, consultationId);
    const moved = onHold
      ? await this.store.setConsultationStatus(consultationId, ['active'], 'onHold')
      : await this.store.setConsultationStatus(consultationId, ['onHold'], 'active');
    if (!moved) throw new AppError('CALL_STATE');
    this.events.emit('held', (await this.store.consultation(consultationId)) as ConsultationRecord, onHold);
    this.changed();
  }

  async transfer(officer: StaffAccount, request: CallTransfer): Promise<void> {
    const consultation = await this.officerConsultation(officer, request.consultationId);
    if (consultation.status === 'ringing' || consultation.status === 'ended')
      throw new AppError('CALL_STATE');
    if (request.topic !== undefined) this.requireTopic(request.topic);
    if (request.staffId !== undefined) {
      const target = await this.staff.account(request.staffId);
      if (!target || target.disabled || target.id === officer.id || target.role === 'operator')
        throw new AppError('NOT_FOUND');
    }
    const at = this.now();
    const moved = await this.store.transaction(async (store) => {
      if (!(await store.endConsultation(consultation.id, 'transferred', at, false))) return false;
      await store.recordOutcome(consultation.id, 'referred', '');
      await store.moveEntry(consultation.entryId, ['serving'], 'waiting', {
        ...(request.topic !== undefined ? { topic: request.topic } : {}),
        assignedStaffId: request.staffId ?? null,
        transferred: true,
      });
      return true;
    });
    if (!moved) throw new AppError('CALL_STATE');
    await this.ended(consultation.id, 'transferred', false);
  }

  /** The officer ends the call with an outcome; also records the outcome of a call the TV ended. */
  async end(officer: StaffAccount, request: CallEnd): Promise<void> {
    const consultation = await this.officerConsultation(officer, request.consultationId);
    if (consultation.status === 'ended') {
      if (!(await this.store.recordOutcome(consultation.id, request.outcome, request.notes)))
        throw new AppError('CALL_STATE');
      return this.changed();
    }
    if (consultation.status === 'ringing') throw new AppError('CALL_STATE');
    const finished = await this.store.transaction(async (store) => {
      if (!(await this.finishRows(store, consultation, 'completed'))) return false;
      await store.recordOutcome(consultation.id, request.outcome, request.notes);
      return true;
    });
    if (!finished) throw new AppError('CALL_STATE');
    await this.ended(consultation.id, 'completed', true);
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────

  /** The TV that asks, read before a transaction opens (its row is not the counter's). */
  private async requireDevice(deviceId: string): Promise<DeviceRecord> {
    const device = await this.devices.get(deviceId);
    if (!device) throw new AppError('DEVICE_NOT_REGISTERED');
    return device;
  }

  private async insertEntry(
    store: CounterStore,
    device: DeviceRecord,
    topic: string,
    callback: { date: string; period: 'morning' | 'afternoon' } | null,
  ): Promise<QueueEntryRecord> {
    const deviceId = device.id;
    if (await store.openEntryOf(deviceId)) throw new AppError('ALREADY_QUEUED');
    return store
      .insertEntry({
        id: newId('qe'),
        deviceId,
        topic,
        kind: callback ? 'callback' : 'walkIn',
        status: callback ? 'callbackRequested' : 'waiting',
        at: this.now(),
        camera: device.capabilities.camera,
        callback,
      })
      .catch((error: unknown) => {
        // The same TV joined at the same moment on another connection: the index refused this one.
        if (violatesUnique(error, 'queue_entries_one_open_per_device')) throw new AppError('ALREADY_QUEUED');
        throw error;
      });
  }

  private newConsultation(
    store: CounterStore,
    entry: QueueEntryRecord,
    staffId: string,
    status: 'active' | 'ringing',
    at: string,
  ): Promise<ConsultationRecord> {
    return store
      .insertConsultation({
        id: newId('con'),
        entryId: entry.id,
        deviceId: entry.deviceId,
        staffId,
        topic: entry.topic,
        kind: entry.kind,
        status,
        at,
      })
      .catch((error: unknown) => {
        // This officer took another call at the same moment: the index refused the second one.
        if (violatesUnique(error, 'consultations_one_open_per_staff')) throw new AppError('OFFICER_BUSY');
        throw error;
      });
  }

  /** An answered call ends: the entry is served and the TV is offered the survey. */
  private async finish(consultation: ConsultationRecord, reason: CallEndReason): Promise<void> {
    if (consultation.status === 'ended') throw new AppError('CALL_STATE');
    const finished = await this.store.transaction((store) => this.finishRows(store, consultation, reason));
    if (!finished) throw new AppError('CALL_STATE');
    await this.ended(consultation.id, reason, true);
  }

  /** False when the call had already ended (another node or request got there first). */
  private async finishRows(
    store: CounterStore,
    consultation: ConsultationRecord,
    reason: CallEndReason,
  ): Promise<boolean> {
    const at = this.now();
    if (!(await store.endConsultation(consultation.id, reason, at, true))) return false;
    await store.moveEntry(consultation.entryId, ['serving'], 'served', { endedAt: at });
    return true;
  }

  private async ended(consultationId: string, reason: CallEndReason, survey: boolean): Promise<void> {
    const consultation = (await this.store.consultation(consultationId)) as ConsultationRecord;
    this.clearTimer(this.graceTimers, `call:${consultationId}`);
    this.logger.info({ consultationId, reason }, 'call ended');
    this.events.emit('callEnded', consultation, reason, survey);
    this.announce(consultation.deviceId);
  }

  private async unanswered(consultationId: string): Promise<void> {
    this.ringTimers.delete(consultationId);
    const consultation = await this.store.consultation(consultationId);
    if (!consultation || consultation.status !== 'ringing') return;
    const ended = await this.store.transaction(async (store) => {
      if (!(await store.endConsultation(consultationId, 'unanswered', this.now(), false))) return false;
      // Back on the call-back list, one attempt more.
      await store.moveEntry(consultation.entryId, ['ringing'], 'callbackRequested');
      return true;
    });
    if (ended) await this.ended(consultationId, 'unanswered', false);
  }

  private async abandon(entry: QueueEntryRecord, reason: AbandonReason): Promise<void> {
    const moved = await this.store.moveEntry(entry.id, ['waiting', 'callbackRequested'], 'abandoned', {
      endedAt: this.now(),
      abandonReason: reason,
    });
    if (!moved) return;
    this.logger.info({ entryId: entry.id, reason }, 'left the queue');
    this.announce(entry.deviceId);
  }

  private async deviceOnline(deviceId: string): Promise<void> {
    this.clearTimer(this.graceTimers, deviceId);
    const consultation = await this.store.openConsultationOfDevice(deviceId);
    if (consultation) this.clearTimer(this.graceTimers, `call:${consultation.id}`);
  }

  /** A TV that stays off longer than the grace period gives up its place (or its call). */
  private async deviceOffline(deviceId: string): Promise<void> {
    if (this.closed) return;
    const grace = this.options.graceSeconds * 1000;
    const [entry, consultation] = await Promise.all([
      this.store.openEntryOf(deviceId),
      this.store.openConsultationOfDevice(deviceId),
    ]);
    // Back on line while we read: nothing to wait for.
    if (this.closed || this.devices.isOnline(deviceId)) return;
    if (entry?.status === 'waiting' && !this.graceTimers.has(deviceId)) {
      this.graceTimers.set(
        deviceId,
        setTimeout(
          () =>
            this.safely('grace period of a waiting TV', async () => {
              this.graceTimers.delete(deviceId);
              const still = await this.store.openEntryOf(deviceId);
              if (still?.status === 'waiting' && !this.devices.isOnline(deviceId))
                await this.abandon(still, 'disconnected');
            }),
          grace,
        ).unref(),
      );
    }
    const key = consultation ? `call:${consultation.id}` : undefined;
    if (consultation && key && consultation.status !== 'ringing' && !this.graceTimers.has(key)) {
      this.graceTimers.set(
        key,
        setTimeout(
          () =>
            this.safely('grace period of a call', async () => {
              this.graceTimers.delete(key);
              const current = await this.store.consultation(consultation.id);
              if (current && current.status !== 'ended' && !this.devices.isOnline(deviceId)) {
                await this.finish(current, 'disconnected').catch((error: unknown) => {
                  // Ended meanwhile by someone else: nothing left to do.
                  if (!(error instanceof AppError && error.code === 'CALL_STATE')) throw error;
                });
              }
            }),
          grace,
        ).unref(),
      );
    }
  }

  private async deviceRevoked(deviceId: string): Promise<void> {
    const consultation = await this.store.openConsultationOfDevice(deviceId);
    if (consultation?.status === 'ringing') await this.decline(deviceId, consultation.id);
    else if (consultation) await this.finish(consultation, 'disconnected');
    const entry = await this.store.openEntryOf(deviceId);
    if (entry) await this.abandon(entry, 'revoked');
  }

  private async ownConsultation(deviceId: string, consultationId: string): Promise<ConsultationRecord> {
    const consultation = await this.callOf({ deviceId }, consultationId);
    if (consultation.status === 'ended') throw new AppError('CALL_STATE');
    return consultation;
  }

  private officerConsultation(officer: StaffAccount, consultationId: string): Promise<ConsultationRecord> {
    return this.callOf({ staffId: officer.id }, consultationId);
  }

  private async requireFree(staffId: string): Promise<void> {
    if (await this.store.openConsultationOfStaff(staffId)) throw new AppError('OFFICER_BUSY');
  }

  private requireTopic(topic: string): void {
    if (!this.tenant.file.counter.topics.some((t) => t.id === topic)) throw new AppError('TOPIC_UNKNOWN');
  }

  private clearTimer(timers: Map<string, NodeJS.Timeout>, key: string): void {
    const timer = timers.get(key);
    if (timer) clearTimeout(timer);
    timers.delete(key);
  }

  /** Work no request waits for (a timer, a TV going off line): its failure is logged, never thrown. */
  private safely(what: string, work: () => Promise<void>): void {
    work().catch((error: unknown) => {
      if (!this.closed) this.logger.error({ err: error }, `counter: ${what} failed`);
    });
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
    this.safely('telling the waiting TVs', async () => {
      for (const deviceId of await this.waitingDevices()) this.events.emit('entryChanged', deviceId);
      this.changed();
    });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  view(consultation: ConsultationRecord): Promise<ConsultationView> {
    return this.views.consultation(consultation);
  }

  consultation(id: string): Promise<ConsultationRecord | undefined> {
    return this.store.consultation(id);
  }

  /** `party`'s consultation `consultationId` in any state; CALL_NOT_FOUND when it is not theirs. */
  async callOf(party: CallParty, consultationId: string): Promise<ConsultationRecord> {
    const consultation = await this.store.consultation(consultationId);
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
  async liveCall(party: CallParty, consultationId: string): Promise<ConsultationRecord> {
    const consultation = await this.callOf(party, consultationId);
    if (!isLiveCall(consultation.status)) throw new AppError('CALL_STATE');
    return consultation;
  }

  /** Who a side of a call is told it talks to. */
  async callPeer(consultationId: string, role: CallRole): Promise<CallJoinInfo['peer']> {
    const consultation = await this.store.consultation(consultationId);
    if (role === 'citizen') {
      const staffName = consultation
        ? ((await this.staff.account(consultation.staffId))?.displayName ?? '')
        : '';
      return { role: 'officer', displayName: staffName, camera: true, microphone: true };
    }
    const device = consultation ? await this.devices.get(consultation.deviceId) : undefined;
    return {
      role: 'citizen',
      displayName: '',
      camera: device?.capabilities.camera ?? false,
      microphone: device?.capabilities.microphone ?? false,
    };
  }

  /** The call a TV is in (or being rung for), with what it joins the media with once answered. */
  myCall(consultation: ConsultationRecord, join: CallJoinInfo | null): Promise<MyCall> {
    return this.views.myCall(consultation, join);
  }

  /** The call (ringing, active or on hold) this TV is in, if any. */
  liveConsultationOfDevice(deviceId: string): Promise<ConsultationRecord | undefined> {
    return this.store.openConsultationOfDevice(deviceId);
  }

  /** Waiting citizens per topic (every tenant topic, zeros included). */
  async queueLengths(): Promise<Map<string, number>> {
    const lengths = new Map(this.tenant.file.counter.topics.map((topic) => [topic.id, 0]));
    for (const entry of await this.store.openEntries()) {
      if (entry.status === 'waiting') lengths.set(entry.topic, (lengths.get(entry.topic) ?? 0) + 1);
    }
    return lengths;
  }

  /** Calls in progress (answered, on hold or not). */
  async activeCalls(): Promise<number> {
    return (await this.store.openConsultations()).filter((c) => isLiveCall(c.status)).length;
  }

  figures(from: Date, to: Date): Promise<KpiFigures> {
    return this.figuresOf.figures(
      from,
      to,
      this.tenant.file.counter.topics.map((topic) => topic.id),
    );
  }
}
