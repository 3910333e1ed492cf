import type { PartnerHealth, PartnerName } from '@madoguchi/shared';
import type { z } from 'zod';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { partnerErrorSchema } from '../partnerContracts/index.js';
import { tokenResponseSchema } from '../partnerContracts/index.js';

export type PartnerAuth =
  { kind: 'apiKey'; key: string } | { kind: 'clientCredentials'; clientId: string; clientSecret: string };

export interface PartnerConnectorOptions {
  name: PartnerName;
  /** Resolved per call: the in-process sandbox's address is known only once the server listens. */
  baseUrl: () => string;
  auth: PartnerAuth;
  /** The whole call, retries included, in milliseconds: a TV hears back within 3 s. */
  timeoutMs: number;
  /** Failures in a row that open the circuit, and how long it stays open, in milliseconds. */
  breaker?: { failures: number; openMs: number };
  clock: Clock;
  logger: Logger;
}

/** Partner error codes a person can be told about, as window-server's own codes. */
const PASSED_ON = new Set([
  'INSUFFICIENT_FUNDS',
  'SLOT_FULL',
  'ALREADY_BOOKED',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
]);
const FIRST_BACKOFF_MS = 100;

/** Transport trouble, a time-out or a 5xx: worth a retry for a read, and counts against the circuit. */
class Unavailable extends Error {}

/**
 * Logs name the partner, method and outcome only: paths carry citizens' subjects.
 *
 * One partner API: base URL, authentication (API key, or OAuth 2.0 client credentials with the
 * token kept until it expires), a time budget per call, retries with doubling backoff for reads
 * on transport errors and 5xx only (a 4xx is final), a circuit breaker that refuses at once
 * while the partner keeps failing, and every answer checked against the contract's schema.
 */
export class PartnerConnector {
  private failures = 0;
  private openedAt: number | null = null;
  /** While the half-open trial call is out: resolves true when it got through. */
  private trial: Promise<boolean> | null = null;
  private token: { value: string; expiresAt: number } | null = null;
  private tokenRequest: Promise<{ value: string; expiresAt: number }> | null = null;
  private lastSuccessAt: string | null = null;
  private lastFailureAt: string | null = null;
  private lastError: string | null = null;

  constructor(private readonly options: PartnerConnectorOptions) {}

  get name(): PartnerName {
    return this.options.name;
  }

  /** A read: retried on transport errors and 5xx while the time budget lasts. */
  get<S extends z.ZodType>(path: string, schema: S, query: Record<string, string> = {}): Promise<z.infer<S>> {
    const search = new URLSearchParams(query).toString();
    return this.call('GET', search ? `${path}?${search}` : path, undefined, schema, undefined);
  }

  /** A write: never retried; partners make it safe to repeat with the idempotency key. */
  send<S extends z.ZodType>(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    schema: S,
    idempotencyKey?: string,
  ): Promise<z.infer<S>> {
    return this.call(method, path, body, schema, idempotencyKey);
  }

  health(): PartnerHealth {
    return {
      partner: this.options.name,
      breaker: this.breakerState(),
      lastSuccessAt: this.lastSuccessAt,
      lastFailureAt: this.lastFailureAt,
      lastError: this.lastError,
    };
  }

  private breakerState(): PartnerHealth['breaker'] {
    if (this.openedAt === null) return 'closed';
    const openMs = this.options.breaker?.openMs ?? 10_000;
    return this.options.clock.now().getTime() - this.openedAt >= openMs ? 'halfOpen' : 'open';
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    body: unknown,
    schema: S,
    idempotencyKey: string | undefined,
  ): Promise<z.infer<S>> {
    const state = this.breakerState();
    if (state === 'open') throw new AppError('PARTNER_UNAVAILABLE');
    // Half-open: one call tries the partner; calls arriving meanwhile (the wallet screen asks for
    // balance and history at once) wait for its outcome instead of failing beside it.
    let endTrial: ((through: boolean) => void) | null = null;
    if (state === 'halfOpen') {
      if (this.trial) {
        if (!(await this.trial)) throw new AppError('PARTNER_UNAVAILABLE');
      } else {
        this.trial = new Promise<boolean>((resolve) => (endTrial = resolve));
      }
    }
    let through = false;
    const deadline = performance.now() + this.options.timeoutMs;
    const retries = method === 'GET' ? 2 : 0;
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          const answer = await this.attempt(method, path, body, idempotencyKey, deadline);
          const parsed = schema.safeParse(answer);
          if (!parsed.success) {
            this.options.logger.error({ partner: this.name, method }, 'partner answer broke the contract');
            throw new AppError('PARTNER_ERROR');
          }
          this.succeeded();
          through = true;
          return parsed.data;
        } catch (error) {
          if (!(error instanceof Unavailable)) throw error;
          const backoff = FIRST_BACKOFF_MS * 2 ** attempt;
          if (attempt >= retries || performance.now() + backoff >= deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, backoff));
        }
      }
    } catch (error) {
      if (error instanceof Unavailable) {
        this.failed(error.message);
        throw new AppError('PARTNER_UNAVAILABLE');
      }
      // A 4xx or a broken answer: the partner answered, so it is up — failures are no longer in a row.
      if (endTrial) this.succeeded();
      else this.failures = 0;
      through = true;
      throw error;
    } finally {
      if (endTrial) {
        this.trial = null;
        (endTrial as (through: boolean) => void)(through);
      }
    }
  }

  private async attempt(
    method: string,
    path: string,
    body: unknown,
    idempotencyKey: string | undefined,
    deadline: number,
  ): Promise<unknown> {
    let response = await this.fetch(method, path, body, idempotencyKey, deadline);
    if (response.status === 401 && this.options.auth.kind === 'clientCredentials') {
      // The token may have expired early (a partner restart): one fresh token, one more try.
      this.token = null;
      response = await this.fetch(method, path, body, idempotencyKey, deadline);
    }
    if (response.status >= 500) throw new Unavailable(`HTTP ${response.status}`);
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) return json;
    const error = partnerErrorSchema.safeParse(json);
    const code = error.success ? error.data.error.code : `HTTP ${response.status}`;
    this.options.logger.warn(
      { partner: this.name, method, status: response.status, code },
      'partner refused',
    );
    throw new AppError(PASSED_ON.has(code) ? (code as 'NOT_FOUND') : 'PARTNER_ERROR');
  }

  private async fetch(
    method: string,
    path: string,
    body: unknown,
    idempotencyKey: string | undefined,
    deadline: number,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(await this.authHeaders(deadline)),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    return this.request(
      `${this.options.baseUrl()}${path}`,
      {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      },
      deadline,
    );
  }

  private async request(url: string, init: RequestInit, deadline: number): Promise<Response> {
    // AbortSignal.timeout takes whole milliseconds.
    const left = Math.floor(deadline - performance.now());
    if (left <= 0) throw new Unavailable('time budget used up');
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(left) });
    } catch (error) {
      throw new Unavailable(
        error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'no connection',
      );
    }
  }

  private async authHeaders(deadline: number): Promise<Record<string, string>> {
    const auth = this.options.auth;
    if (auth.kind === 'apiKey') return { 'x-api-key': auth.key };
    if (!this.token || this.token.expiresAt <= this.options.clock.now().getTime()) {
      // Calls that start together share one token request.
      this.tokenRequest ??= this.fetchToken(auth, deadline).finally(() => (this.tokenRequest = null));
      this.token = await this.tokenRequest;
    }
    return { authorization: `Bearer ${this.token.value}` };
  }

  private async fetchToken(
    auth: Extract<PartnerAuth, { kind: 'clientCredentials' }>,
    deadline: number,
  ): Promise<{ value: string; expiresAt: number }> {
    const now = this.options.clock.now().getTime();
    const response = await this.request(
      `${this.options.baseUrl()}/oauth/token`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      },
      deadline,
    );
    if (response.status >= 500) throw new Unavailable(`token HTTP ${response.status}`);
    const token = tokenResponseSchema.safeParse(await response.json().catch(() => null));
    if (!response.ok || !token.success) {
      this.options.logger.error(
        { partner: this.name, status: response.status },
        'partner refused our client credentials',
      );
      throw new AppError('PARTNER_ERROR');
    }
    // Renew a little early so a token never expires on its way.
    return { value: token.data.access_token, expiresAt: now + (token.data.expires_in - 30) * 1000 };
  }

  private succeeded(): void {
    this.failures = 0;
    this.openedAt = null;
    this.lastSuccessAt = this.options.clock.now().toISOString();
  }

  private failed(reason: string): void {
    this.failures += 1;
    this.lastFailureAt = this.options.clock.now().toISOString();
    this.lastError = reason;
    const threshold = this.options.breaker?.failures ?? 5;
    if (this.openedAt !== null || this.failures >= threshold) {
      this.openedAt = this.options.clock.now().getTime();
      this.options.logger.warn({ partner: this.name, failures: this.failures }, 'partner circuit open');
    }
  }
}
