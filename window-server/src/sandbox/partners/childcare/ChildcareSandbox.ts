import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../../core/clock.js';
import type { Logger } from '../../../core/logger.js';
import type { SqliteMigration } from '../../../db/index.js';
import { bookingChangeSchema, bookingCreateSchema } from '../../../partnerContracts/index.js';
import { isoDate, isoDateTime } from '../../../partnerContracts/index.js';
import { OMURA_DEMO, type DemoCity } from '../../demoCity.js';
import { openPartnerDatabase, SEED_TABLE, seedOnce } from '../database.js';
import type { FaultKnobs } from '../faults.js';
import { idempotencyKeyOf, invalid, param, parse, requireApiKey, sendJson } from '../http.js';
import {
  fingerprintOf,
  IDEMPOTENCY_TABLE,
  IdempotencyRecords,
  sendAnswer,
  type Answer,
} from '../idempotency.js';
import { SandboxPartner, type OwnRouterParts, type SandboxPartnerParts } from '../partner.js';
import { addDays, jstInstant } from '../time.js';
import { cardsForAge } from './childcareInfo.js';
import { seedChildcare } from './childcareSeed.js';
import { FAMILY_TABLES, FamilyStore } from './FamilyStore.js';
import { DAYS_AHEAD } from './SlotCalendar.js';

const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'childcare: families, children, slots, bookings',
    sql: `${FAMILY_TABLES}${IDEMPOTENCY_TABLE}${SEED_TABLE}`,
  },
];

const infoQuery = z.object({ ageMonths: z.coerce.number().int().min(0).max(240) });
/** `from`/`to`: an instant with its offset, or a date (Japan time, `to` inclusive). */
const slotsQuery = z.object({
  from: z.union([isoDateTime, isoDate]).optional(),
  to: z.union([isoDateTime, isoDate]).optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** Sandbox only: an extra 母子健康相談 session (tests and demos need one on a given day). */
const sessionSchema = z
  .object({ date: isoDate, start: hhmm, end: hhmm, capacity: z.number().int().min(1).max(50).optional() })
  .strict()
  .refine((session) => session.start < session.end, { message: 'end must be after start', path: ['end'] });

const startOf = (value: string): Date => (value.length === 10 ? jstInstant(value) : new Date(value));
const endOf = (value: string): Date =>
  value.length === 10 ? jstInstant(addDays(value, 1)) : new Date(value);

/**
 * 子育てコンシェルジュ childcare: a family's children, information for a child's age, and
 * 母子健康相談 slots to book, move and cancel. Booking and moving take an `Idempotency-Key`
 * (required); cancelling is a DELETE and idempotent by itself.
 */
export class ChildcareSandbox extends SandboxPartner {
  private readonly families: FamilyStore;
  private readonly records: IdempotencyRecords;

  private constructor(
    parts: SandboxPartnerParts,
    private readonly apiKey: string,
    city: DemoCity,
  ) {
    super(parts);
    const { db, clock } = parts;
    this.families = new FamilyStore(db, clock, city.name.ja);
    this.records = new IdempotencyRecords(db, clock);
  }

  /** `city`: whose demo families it knows and whose centre holds the 母子健康相談 (大村市 by default). */
  static open(
    file: string,
    clock: Clock,
    logger: Logger,
    faults: FaultKnobs,
    apiKey: string,
    city: DemoCity = OMURA_DEMO,
  ): ChildcareSandbox {
    const db = openPartnerDatabase(file, MIGRATIONS);
    seedOnce(db, clock, () => seedChildcare(db, city));
    return new ChildcareSandbox({ db, clock, logger, faults }, apiKey, city);
  }

  protected routerParts(): OwnRouterParts {
    return {
      auth: requireApiKey(this.apiKey),
      routes: (router) => {
        router.get('/v1/families/:subject/children', (req, res) => {
          sendJson(res, 200, { children: this.families.children(this.familyOf(req)) });
        });
        router.get('/v1/info', (req, res) => {
          const { ageMonths } = parse(infoQuery, req.query, 'query');
          sendJson(res, 200, { cards: cardsForAge(ageMonths) });
        });
        router.get('/v1/slots', (req, res) => {
          const query = parse(slotsQuery, req.query, 'query');
          const now = this.clock.now();
          const from = query.from ? startOf(query.from) : now;
          const to = query.to ? endOf(query.to) : new Date(now.getTime() + (DAYS_AHEAD + 1) * 86_400_000);
          if (to <= from) throw invalid('to must be after from');
          sendJson(res, 200, { slots: this.families.slots(from, to) });
        });
        // Not part of the contract: the sandbox's stand-in for the centre adding a session.
        router.post('/_sessions', (req, res) => {
          const { date, start, end, capacity } = parse(sessionSchema, req.body, 'body');
          const id = this.families.calendar.addSession(date, start, end, capacity);
          sendJson(res, 201, {
            slot: this.families
              .slots(jstInstant(date, start), jstInstant(date, end))
              .find((s) => s.id === id),
          });
        });
        router.get('/v1/families/:subject/bookings', (req, res) => {
          sendJson(res, 200, { bookings: this.families.upcomingBookings(this.familyOf(req)) });
        });
        router.post('/v1/families/:subject/bookings', (req, res) => {
          const { slotId, childId } = parse(bookingCreateSchema, req.body, 'body');
          const family = this.familyOf(req);
          this.write(req, res, { slotId, childId }, true, () => ({
            status: 201,
            body: { booking: this.families.book(family, slotId, childId) },
          }));
        });
        router.patch('/v1/families/:subject/bookings/:id', (req, res) => {
          const { slotId } = parse(bookingChangeSchema, req.body, 'body');
          const family = this.familyOf(req);
          this.write(req, res, { slotId }, true, () => ({
            status: 200,
            body: { booking: this.families.move(family, param(req, 'id'), slotId) },
          }));
        });
        router.delete('/v1/families/:subject/bookings/:id', (req, res) => {
          const family = this.familyOf(req);
          this.write(req, res, {}, false, () => ({
            status: 200,
            body: { booking: this.families.cancel(family, param(req, 'id')) },
          }));
        });
      },
    };
  }

  private familyOf(req: Request): string {
    return this.families.familyOf(param(req, 'subject'));
  }

  private write(req: Request, res: Response, body: unknown, keyRequired: boolean, apply: () => Answer): void {
    const key = idempotencyKeyOf(req, keyRequired);
    const answer = this.records.run(key, fingerprintOf(req.method, req.path, body), apply);
    if (!answer.replayed) this.logger.info({ method: req.method }, 'booking write');
    sendAnswer(res, answer);
  }
}
