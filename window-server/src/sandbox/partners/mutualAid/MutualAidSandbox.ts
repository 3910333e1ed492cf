import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../../core/clock.js';
import type { Logger } from '../../../core/logger.js';
import type { SqliteMigration } from '../../../db/index.js';
import { aidActionSchema, aidCreateSchema } from '../../../partnerContracts/index.js';
import { OMURA_DEMO, type DemoCity } from '../../demoCity.js';
import { openPartnerDatabase, SEED_TABLE, seedOnce } from '../database.js';
import type { FaultKnobs } from '../faults.js';
import {
  conflict,
  forbidden,
  idempotencyKeyOf,
  invalid,
  param,
  parse,
  requireApiKey,
  sendJson,
} from '../http.js';
import { fingerprintOf, IDEMPOTENCY_TABLE, IdempotencyRecords, sendAnswer } from '../idempotency.js';
import { SandboxPartner, type OwnRouterParts, type SandboxPartnerParts } from '../partner.js';
import { addDays, jstDate } from '../time.js';
import { seedMutualAid } from './aidSeed.js';
import { AID_TABLES, AidStore, TEMPLATE_LABELS, viewFor, type AidRow, type AidStatus } from './AidStore.js';
import type { CurrencyClient } from './CurrencyClient.js';

const MIGRATIONS: readonly SqliteMigration[] = [
  { version: 1, name: 'mutual aid: requests', sql: `${AID_TABLES}${IDEMPOTENCY_TABLE}${SEED_TABLE}` },
];

/** How far ahead a citizen may ask for help. */
const MAX_DAYS_AHEAD = 90;

const listQuery = z.object({
  subject: z.string().min(1),
  area: z.string().min(1).optional(),
  mine: z.enum(['true', 'false']).optional(),
});

/** Who may move a request on, from which states, to which. */
type Action = 'offers' | 'accept' | 'complete' | 'cancel';
const TRANSITIONS: Record<
  Action,
  { from: readonly AidStatus[]; to: AidStatus; by: 'requester' | 'neighbour' }
> = {
  offers: { from: ['open'], to: 'offered', by: 'neighbour' },
  accept: { from: ['offered'], to: 'accepted', by: 'requester' },
  complete: { from: ['accepted'], to: 'completed', by: 'requester' },
  cancel: { from: ['open', 'offered', 'accepted'], to: 'cancelled', by: 'requester' },
};

function check(action: Action, row: AidRow, subject: string): void {
  const rule = TRANSITIONS[action];
  if (rule.by === 'requester' && row.requester !== subject) {
    throw forbidden('only the citizen who asked for help can do this');
  }
  if (rule.by === 'neighbour' && row.requester === subject) {
    throw conflict('a citizen cannot offer to help with their own request');
  }
  if (!rule.from.includes(row.status)) throw conflict(`the request is ${row.status}`);
}

/**
 * 地域共助 mutual aid: neighbours ask for help from templates and offer it. A request goes
 * open → offered → accepted → completed (or cancelled by the requester before completion);
 * completing it pays the helper through the currency partner before anything is recorded here.
 */
export class MutualAidSandbox extends SandboxPartner {
  private readonly store: AidStore;
  private readonly records: IdempotencyRecords;
  /** Requests whose helper is being paid: a cancel now would leave points paid for nothing. */
  private readonly completing = new Set<string>();

  private constructor(
    parts: SandboxPartnerParts,
    private readonly apiKey: string,
    private readonly currency: CurrencyClient,
    city: DemoCity,
  ) {
    super(parts);
    const { db, clock } = parts;
    this.store = new AidStore(db, clock, city.name.ja);
    this.records = new IdempotencyRecords(db, clock);
  }

  /** `city`: the city whose neighbours ask and help here (大村市 by default). */
  static open(
    file: string,
    clock: Clock,
    logger: Logger,
    faults: FaultKnobs,
    apiKey: string,
    currency: CurrencyClient,
    city: DemoCity = OMURA_DEMO,
  ): MutualAidSandbox {
    const db = openPartnerDatabase(file, MIGRATIONS);
    const sandbox = new MutualAidSandbox({ db, clock, logger, faults }, apiKey, currency, city);
    seedOnce(db, clock, () => seedMutualAid(sandbox.store, clock.now(), city.set));
    return sandbox;
  }

  protected routerParts(): OwnRouterParts {
    return {
      auth: requireApiKey(this.apiKey),
      routes: (router) => {
        router.get('/v1/requests', (req, res) => {
          const query = parse(listQuery, req.query, 'query');
          if (query.mine !== 'true' && query.area === undefined) throw invalid('give area, or mine=true');
          const rows =
            query.mine === 'true' ? this.store.involving(query.subject) : this.store.nearby(query.area ?? '');
          sendJson(res, 200, { requests: rows.map((row) => viewFor(row, query.subject)) });
        });
        router.post('/v1/requests', (req, res) => this.create(req, res));
        for (const action of ['offers', 'accept', 'cancel'] as const) {
          router.post(`/v1/requests/:id/${action}`, (req, res) => this.move(action, req, res));
        }
        router.post('/v1/requests/:id/complete', (req, res) => this.complete(req, res));
      },
    };
  }

  private create(req: Request, res: Response): void {
    const input = parse(aidCreateSchema, req.body, 'body');
    const key = idempotencyKeyOf(req, true);
    const today = jstDate(this.clock.now());
    if (input.date < today || input.date > addDays(today, MAX_DAYS_AHEAD)) {
      throw invalid(`date must be between ${today} and ${MAX_DAYS_AHEAD} days ahead`);
    }
    const answer = this.records.run(key, fingerprintOf(req.method, req.path, input), () => {
      const row = this.store.create({ ...input, requester: input.subject, town: input.area });
      return { status: 201, body: { request: viewFor(row, input.subject) } };
    });
    sendAnswer(res, answer);
  }

  /** Offer, accept and cancel change this partner only; the key is optional, the state machine guards. */
  private move(action: Exclude<Action, 'complete'>, req: Request, res: Response): void {
    const { subject } = parse(aidActionSchema, req.body, 'body');
    const id = param(req, 'id');
    const key = idempotencyKeyOf(req, false);
    const answer = this.records.run(key, fingerprintOf(req.method, req.path, { subject }), () => {
      const row = this.store.get(id);
      check(action, row, subject);
      if (this.completing.has(id)) throw conflict('the request is being completed');
      const helper = action === 'offers' ? subject : row.helper;
      const moved = this.store.update(id, TRANSITIONS[action].to, helper);
      return { status: 200, body: { request: viewFor(moved, subject) } };
    });
    sendAnswer(res, answer);
  }

  /**
   * Pays the helper first (the currency partner applies the grant once per `aid-complete-<id>`),
   * then records the completion. If the currency partner fails, nothing changes here and the
   * requester can try again; a retry never pays twice.
   */
  private async complete(req: Request, res: Response): Promise<void> {
    const { subject } = parse(aidActionSchema, req.body, 'body');
    const id = param(req, 'id');
    const key = idempotencyKeyOf(req, false);
    const fingerprint = fingerprintOf(req.method, req.path, { subject });
    const earlier = this.records.lookup(key, fingerprint);
    if (earlier) return sendAnswer(res, earlier);
    const row = this.store.get(id);
    check('complete', row, subject);
    if (row.helper === null) throw conflict('the request has no helper');
    const description = `地域共助のお礼（${TEMPLATE_LABELS[row.template]}）`;
    this.completing.add(id);
    try {
      await this.currency.grant(row.helper, row.points, description, `aid-complete-${id}`);
      const answer = this.records.run(key, fingerprint, () => {
        check('complete', this.store.get(id), subject);
        const completed = this.store.update(id, 'completed', row.helper);
        return { status: 200, body: { request: viewFor(completed, subject) } };
      });
      this.logger.info({ request: id, points: row.points }, 'request completed, helper paid');
      sendAnswer(res, answer);
    } finally {
      this.completing.delete(id);
    }
  }
}
