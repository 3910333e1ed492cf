import type { Clock } from '../../../core/clock.js';
import {
  grantResponseSchema,
  tokenResponseSchema,
  type Transaction,
} from '../../../partnerContracts/index.js';
import { partnerErrorSchema } from '../../../partnerContracts/index.js';
import { PartnerFailure } from '../http.js';

const TIMEOUT_MS = 5000;

const upstream = (message: string): PartnerFailure => new PartnerFailure(502, 'UPSTREAM_FAILED', message);

/**
 * How the mutual-aid partner pays helpers: over HTTP to the currency partner, as a separate
 * system would, with its own client credentials. Grants carry an Idempotency-Key, so asking again
 * after a lost answer never pays twice.
 */
export class CurrencyClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly baseUrl: () => string,
    private readonly client: { clientId: string; clientSecret: string },
    private readonly clock: Clock,
  ) {}

  async grant(
    subject: string,
    amount: number,
    description: string,
    idempotencyKey: string,
  ): Promise<Transaction> {
    const body = JSON.stringify({ amount, kind: 'mutualAid', description });
    const path = `/v1/accounts/${encodeURIComponent(subject)}/grants`;
    let response = await this.post(path, body, idempotencyKey);
    if (response.status === 401) {
      // Our token may have expired early (the currency partner restarted): one fresh token.
      this.token = null;
      response = await this.post(path, body, idempotencyKey);
    }
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = partnerErrorSchema.safeParse(answer);
      const code = error.success ? error.data.error.code : `HTTP ${response.status}`;
      throw upstream(`the currency partner refused the grant (${code})`);
    }
    const grant = grantResponseSchema.safeParse(answer);
    if (!grant.success) throw upstream('the currency partner answered outside its contract');
    return grant.data.transaction;
  }

  private async post(path: string, body: string, idempotencyKey: string): Promise<Response> {
    const token = await this.accessToken();
    return this.fetch(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body,
    });
  }

  private async accessToken(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.token && this.token.expiresAt > now) return this.token.value;
    const basic = Buffer.from(
      `${encodeURIComponent(this.client.clientId)}:${encodeURIComponent(this.client.clientSecret)}`,
    ).toString('base64');
    const response = await this.fetch('/oauth/token', {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const token = tokenResponseSchema.safeParse(await response.json().catch(() => null));
    if (!response.ok || !token.success)
      throw upstream(`the currency partner refused a token (HTTP ${response.status})`);
    // Renew a little early so the token never expires on its way.
    this.token = { value: token.data.access_token, expiresAt: now + (token.data.expires_in - 30) * 1000 };
    return this.token.value;
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl()}${path}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw upstream('the currency partner did not answer');
    }
  }
}
