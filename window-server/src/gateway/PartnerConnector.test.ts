import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import { createLogger } from '../core/logger.js';
import { PartnerConnector, type PartnerAuth } from './PartnerConnector.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A partner on a real socket whose behaviour each test sets; it records what it was asked. */
class FakePartner {
  handler: Handler = (_req, res) => json(res, 200, { ok: true });
  readonly seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      req.resume();
      req.on('end', () => this.handler(req, res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  calls(path: string): number {
    return this.seen.filter((s) => s.url.startsWith(path)).length;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const okSchema = z.object({ ok: z.literal(true) });
let partner: FakePartner;
let now: number;
const clock: Clock = { now: () => new Date(now) };

function connector(auth: PartnerAuth = { kind: 'apiKey', key: 'key-1' }, timeoutMs = 2500): PartnerConnector {
  return new PartnerConnector({
    name: 'portal',
    baseUrl: () => partner.url,
    auth,
    timeoutMs,
    breaker: { failures: 3, openMs: 10_000 },
    clock,
    logger: createLogger('silent'),
  });
}

const code = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code ?? 'no code',
  );

beforeEach(async () => {
  now = Date.parse('2026-11-27T01:00:00Z');
  partner = new FakePartner();
  await partner.start();
});
afterEach(() => partner.stop());

describe('PartnerConnector', () => {
  it('retries a read after a 5xx but never a write, and passes on a 4xx without retrying', async () => {
    let failuresLeft = 2;
    partner.handler = (req, res) => {
      if (req.url === '/flaky' && failuresLeft-- > 0) return json(res, 503, {});
      if (req.url === '/full') return json(res, 409, { error: { code: 'SLOT_FULL', message: 'full' } });
      if (req.url === '/odd') return json(res, 418, { error: { code: 'TEAPOT', message: '?' } });
      json(res, req.method === 'POST' ? 500 : 200, { ok: true });
    };
    const portal = connector();
    await expect(portal.get('/flaky', okSchema)).resolves.toEqual({ ok: true });
    expect(partner.calls('/flaky')).toBe(3);

    expect(await code(portal.send('POST', '/write', {}, okSchema, 'key-0001'))).toBe('PARTNER_UNAVAILABLE');
    expect(partner.calls('/write')).toBe(1);
    expect(partner.seen.find((s) => s.url === '/write')?.headers['idempotency-key']).toBe('key-0001');

    expect(await code(portal.get('/full', okSchema))).toBe('SLOT_FULL');
    expect(partner.calls('/full')).toBe(1);
    // A code the citizen cannot be told about in words becomes the gateway's own.
    expect(await code(portal.get('/odd', okSchema))).toBe('PARTNER_ERROR');
  });

  it('refuses an answer that breaks the contract', async () => {
    partner.handler = (_req, res) => json(res, 200, { ok: 'yes' });
    expect(await code(connector().get('/x', okSchema))).toBe('PARTNER_ERROR');
  });

  it('gives up within its time budget when the partner hangs', async () => {
    partner.handler = () => undefined;
    const started = Date.now();
    expect(await code(connector(undefined, 300).get('/hang', okSchema))).toBe('PARTNER_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('opens the circuit after failures in a row, lets one trial through later, and closes on success', async () => {
    let down = true;
    partner.handler = (_req, res) => (down ? json(res, 500, {}) : json(res, 200, { ok: true }));
    const portal = connector();
    for (let i = 0; i < 3; i += 1)
      expect(await code(portal.send('POST', '/w', {}, okSchema))).toBe('PARTNER_UNAVAILABLE');
    expect(portal.health()).toMatchObject({ breaker: 'open', lastError: 'HTTP 500' });

    const before = partner.seen.length;
    expect(await code(portal.get('/r', okSchema))).toBe('PARTNER_UNAVAILABLE');
    expect(partner.seen.length).toBe(before);

    now += 10_000;
    expect(portal.health().breaker).toBe('halfOpen');
    down = false;
    // Three reads at once (a screen's parallel calls): one trial goes out, the others wait for it.
    let trialSeen = 0;
    partner.handler = (_req, res) => {
      trialSeen += 1;
      json(res, 200, { ok: true });
    };
    const results = await Promise.all([1, 2, 3].map(() => portal.get('/r', okSchema)));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(trialSeen).toBe(3);
    expect(portal.health().breaker).toBe('closed');
  });

  it('counts only failures in a row: a partner that answers 4xx in between is up', async () => {
    let status = 500;
    partner.handler = (_req, res) =>
      json(res, status, status === 404 ? { error: { code: 'NOT_FOUND', message: 'no' } } : {});
    const portal = connector();
    for (let i = 0; i < 2; i += 1) await code(portal.send('POST', '/w', {}, okSchema));
    status = 404;
    expect(await code(portal.send('POST', '/w', {}, okSchema))).toBe('NOT_FOUND');
    status = 500;
    for (let i = 0; i < 2; i += 1) await code(portal.send('POST', '/w', {}, okSchema));
    expect(portal.health().breaker).toBe('closed');
    await code(portal.send('POST', '/w', {}, okSchema));
    expect(portal.health().breaker).toBe('open');
  });

  it('a failed trial keeps the circuit open and fails the calls that waited for it', async () => {
    partner.handler = (_req, res) => json(res, 500, {});
    const portal = connector();
    for (let i = 0; i < 3; i += 1) await code(portal.send('POST', '/w', {}, okSchema));
    now += 10_000;
    const outcomes = await Promise.all([1, 2].map(() => code(portal.send('POST', '/w', {}, okSchema))));
    expect(outcomes).toEqual(['PARTNER_UNAVAILABLE', 'PARTNER_UNAVAILABLE']);
    expect(partner.calls('/w')).toBe(4);
    expect(portal.health().breaker).toBe('open');
  });

  it('gets one client-credentials token for calls that start together and keeps it until it expires', async () => {
    let issued = 0;
    partner.handler = (req, res) => {
      if (req.url === '/oauth/token') {
        issued += 1;
        return json(res, 200, { access_token: `token-${issued}`, token_type: 'Bearer', expires_in: 300 });
      }
      if (req.headers.authorization !== `Bearer token-${issued}`) return json(res, 401, {});
      json(res, 200, { ok: true });
    };
    const currency = connector({ kind: 'clientCredentials', clientId: 'madoguchi', clientSecret: 's3cret' });
    await Promise.all([1, 2, 3].map(() => currency.get('/balance', okSchema)));
    expect(issued).toBe(1);
    const tokenCall = partner.seen.find((s) => s.url === '/oauth/token');
    expect(tokenCall?.headers.authorization).toBe(
      `Basic ${Buffer.from('madoguchi:s3cret').toString('base64')}`,
    );

    now += 271_000; // within 30 s of expiry: renewed before it can run out on the way
    await currency.get('/balance', okSchema);
    expect(issued).toBe(2);
  });

  it('asks for a fresh token once when the partner no longer accepts the cached one', async () => {
    let issued = 0;
    let accepted = 'token-1';
    partner.handler = (req, res) => {
      if (req.url === '/oauth/token') {
        issued += 1;
        return json(res, 200, { access_token: `token-${issued}`, token_type: 'Bearer', expires_in: 300 });
      }
      json(res, req.headers.authorization === `Bearer ${accepted}` ? 200 : 401, { ok: true });
    };
    const currency = connector({ kind: 'clientCredentials', clientId: 'madoguchi', clientSecret: 's3cret' });
    await currency.get('/balance', okSchema);
    accepted = 'token-2'; // the partner restarted
    await expect(currency.get('/balance', okSchema)).resolves.toEqual({ ok: true });
    expect(issued).toBe(2);
  });

  it('reports refused client credentials as a partner error, not as the partner being down', async () => {
    partner.handler = (_req, res) => json(res, 401, { error: 'invalid_client' });
    const currency = connector({ kind: 'clientCredentials', clientId: 'madoguchi', clientSecret: 'wrong' });
    expect(await code(currency.get('/balance', okSchema))).toBe('PARTNER_ERROR');
    expect(currency.health().breaker).toBe('closed');
  });
});
