import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../../core/clock.js';
import type { Logger } from '../../../core/logger.js';
import type { SqliteMigration } from '../../../db/index.js';
import { grantRequestSchema, paymentRequestSchema } from '../../../partnerContracts/index.js';
import { OMURA_DEMO, type DemoCity } from '../../demoCity.js';
import { openPartnerDatabase, SEED_TABLE, seedOnce } from '../database.js';
import type { FaultKnobs } from '../faults.js';
import { idempotencyKeyOf, param, parse, sendJson, unauthorized } from '../http.js';
import {
  fingerprintOf,
  IDEMPOTENCY_TABLE,
  IdempotencyRecords,
  sendAnswer,
  type Answer,
} from '../idempotency.js';
import { SandboxPartner, type OwnRouterParts, type SandboxPartnerParts } from '../partner.js';
import { AccessTokens, basicCredentials, TOKEN_TABLE, type ClientCredentials } from './AccessTokens.js';
import { seedCurrency } from './currencySeed.js';
import { LEDGER_TABLES, Ledger } from './Ledger.js';

const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'currency: accounts, ledger, coupons, pay codes, tokens',
    sql: `${LEDGER_TABLES}${TOKEN_TABLE}${IDEMPOTENCY_TABLE}${SEED_TABLE}`,
  },
];

const transactionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const tokenRequest = z.object({ grant_type: z.literal('client_credentials') });

/**
 * ゆでぴ community currency: an OAuth 2.0 client-credentials token endpoint, then balance,
 * history and coupons to read and grants, payments and pay codes to write. Ledger writes (grants,
 * payments) require an `Idempotency-Key` and are applied at most once per key.
 */
export class CurrencySandbox extends SandboxPartner {
  private readonly ledger: Ledger;
  private readonly tokens: AccessTokens;
  private readonly records: IdempotencyRecords;

  private constructor(parts: SandboxPartnerParts, client: ClientCredentials) {
    super(parts);
    const { db, clock } = parts;
    this.ledger = new Ledger(db, clock);
    this.tokens = new AccessTokens(db, clock, client);
    this.records = new IdempotencyRecords(db, clock);
  }

  /** `city`: whose demo accounts it holds and what their grants call the city (大村市 by default). */
  static open(
    file: string,
    clock: Clock,
    logger: Logger,
    faults: FaultKnobs,
    client: ClientCredentials,
    city: DemoCity = OMURA_DEMO,
  ): CurrencySandbox {
    const db = openPartnerDatabase(file, MIGRATIONS);
    const sandbox = new CurrencySandbox({ db, clock, logger, faults }, client);
    seedOnce(db, clock, () => seedCurrency(sandbox.ledger, clock.now(), city));
    return sandbox;
  }

  protected routerParts(): OwnRouterParts {
    return {
      auth: this.tokens.requireBearer(),
      faultsAuth: this.tokens.requireClientOrBearer(),
      open: (router) => {
        router.post('/oauth/token', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
          if (!this.tokens.matches(basicCredentials(req))) {
            res.set('www-authenticate', 'Basic realm="yudepi"');
            throw unauthorized('the client credentials are not valid');
          }
          parse(tokenRequest, req.body, 'body');
          sendJson(res, 200, this.tokens.issue());
        });
      },
      routes: (router) => {
        router.get('/v1/accounts/:subject/balance', (req, res) => {
          sendJson(res, 200, this.ledger.balance(param(req, 'subject')));
        });
        router.get('/v1/accounts/:subject/transactions', (req, res) => {
          const { limit } = parse(transactionsQuery, req.query, 'query');
          sendJson(res, 200, { transactions: this.ledger.transactions(param(req, 'subject'), limit) });
        });
        router.get('/v1/accounts/:subject/coupons', (req, res) => {
          sendJson(res, 200, { coupons: this.ledger.coupons(param(req, 'subject')) });
        });
        router.post('/v1/accounts/:subject/grants', (req, res) => {
          const grant = parse(grantRequestSchema, req.body, 'body');
          this.write('grant', req, res, grant, (subject) => ({
            status: 201,
            body: { transaction: this.ledger.post(subject, grant.amount, grant.kind, grant.description) },
          }));
        });
        router.post('/v1/accounts/:subject/payments', (req, res) => {
          const payment = parse(paymentRequestSchema, req.body, 'body');
          this.write('payment', req, res, payment, (subject) => ({
            status: 201,
            body: { transaction: this.ledger.post(subject, -payment.amount, 'payment', payment.description) },
          }));
        });
        // A pay code moves no money (the shop's payment does), so its key is optional: a retry
        // without one just gets a fresh code.
        router.post('/v1/accounts/:subject/pay-codes', (req, res) => {
          const issue = (subject: string): Answer => ({
            status: 201,
            body: this.ledger.issuePayCode(subject),
          });
          this.write('pay-code', req, res, {}, issue, false);
        });
      },
    };
  }

  /** A write applied once per Idempotency-Key; the key is bound to the path and the body. */
  private write(
    operation: string,
    req: Request,
    res: Response,
    body: unknown,
    apply: (subject: string) => Answer,
    keyRequired = true,
  ): void {
    const key = idempotencyKeyOf(req, keyRequired);
    const subject = param(req, 'subject');
    const answer = this.records.run(key, fingerprintOf(req.method, req.path, body), () => apply(subject));
    if (!answer.replayed) this.logger.info({ operation }, 'ledger write');
    sendAnswer(res, answer);
  }
}
