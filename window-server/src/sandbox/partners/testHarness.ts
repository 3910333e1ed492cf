import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Clock } from '../../core/clock.js';
import { listenSandboxPartners, type ListeningPartners } from './listen.js';
import {
  newSandboxCredentials,
  type PartnerFolder,
  type SandboxCredentials,
  type SandboxPartnersOptions,
} from './SandboxPartners.js';

/** Which city the partners serve: whose demo residents (`tenantId`), what the texts call it (`city`). */
type ServedCity = Pick<SandboxPartnersOptions, 'tenantId' | 'city'>;

/**
 * The sandbox partners on a free port with real SQLite files in a temporary folder, and a small
 * HTTP client that authenticates as window-server does. For tests (here and in the gateway);
 * nothing in it is test-framework specific.
 */

export interface PartnerAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  /** A form-encoded body instead of JSON (the token endpoint). */
  form?: string;
  idempotencyKey?: string;
  /** false: no credentials at all; an object: these headers instead of the right ones. */
  auth?: false | Record<string, string>;
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The bundled demo city みなと市, as its tenant file names it: `PartnersUnderTest.start(MINATO)`. */
export const MINATO: ServedCity = { tenantId: 'minato', city: { ja: 'みなと市', en: 'Minato City (demo)' } };

export class PartnersUnderTest {
  private token: string | null = null;

  private constructor(
    private listening: ListeningPartners,
    readonly dataDir: string,
    readonly credentials: SandboxCredentials,
    readonly clock: ManualClock,
    private readonly random: () => number,
    private readonly city: ServedCity,
  ) {}

  /**
   * A Monday morning in Japan by default, so today's slots are still ahead; 大村市's demo unless
   * `tenantId` (whose residents) and `city` (the name the texts use) say another city's.
   */
  static async start(
    options: { now?: Date; random?: () => number; dataDir?: string } & ServedCity = {},
  ): Promise<PartnersUnderTest> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'madoguchi-partners-'));
    const clock = new ManualClock(options.now ?? new Date('2026-12-07T08:00:00+09:00'));
    const credentials = newSandboxCredentials();
    const random = options.random ?? Math.random;
    const city: ServedCity = {
      ...(options.tenantId ? { tenantId: options.tenantId } : {}),
      ...(options.city ? { city: options.city } : {}),
    };
    const listening = await PartnersUnderTest.listen(dataDir, clock, credentials, random, city);
    return new PartnersUnderTest(listening, dataDir, credentials, clock, random, city);
  }

  private static listen(
    dataDir: string,
    clock: Clock,
    credentials: SandboxCredentials,
    random: () => number,
    city: ServedCity,
  ): Promise<ListeningPartners> {
    return listenSandboxPartners({
      dataDir,
      clock,
      logger: pino({ level: 'silent' }),
      credentials,
      random,
      ...city,
    });
  }

  baseUrl(partner: PartnerFolder): string {
    return this.listening.baseUrls[partner];
  }

  /** Stops the server and opens the same files again, on a new port. */
  async restart(): Promise<void> {
    await this.listening.close();
    this.listening = await PartnersUnderTest.listen(
      this.dataDir,
      this.clock,
      this.credentials,
      this.random,
      this.city,
    );
  }

  close(): Promise<void> {
    return this.listening.close();
  }

  /**
   * Every row of every table in a partner's SQLite file, read over a connection of the test's own:
   * what the partner really stores, not what it chooses to answer.
   */
  storedRows(partner: PartnerFolder): Record<string, unknown[]> {
    const db = new BetterSqlite3(join(this.dataDir, 'partners', `${partner}.db`), { readonly: true });
    try {
      const tables = db
        .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
        .all();
      return Object.fromEntries(
        tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all()]),
      );
    } finally {
      db.close();
    }
  }

  basicAuth(secret = this.credentials.currencyClientSecret): string {
    const id = encodeURIComponent(this.credentials.currencyClientId);
    return `Basic ${Buffer.from(`${id}:${encodeURIComponent(secret)}`).toString('base64')}`;
  }

  async currencyToken(): Promise<string> {
    if (this.token) return this.token;
    const answer = await this.call('currency', 'POST', '/oauth/token', {
      form: 'grant_type=client_credentials',
    });
    const token = (answer.body as { access_token?: unknown }).access_token;
    if (answer.status !== 200 || typeof token !== 'string') throw new Error(`no token: ${answer.status}`);
    this.token = token;
    return token;
  }

  forgetToken(): void {
    this.token = null;
  }

  async call(
    partner: PartnerFolder,
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<PartnerAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.auth !== false) Object.assign(headers, options.auth ?? (await this.rightAuth(partner, path)));
    let body: string | undefined;
    if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = options.form;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const response = await fetch(`${this.baseUrl(partner)}${path}`, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : null,
      headers: response.headers,
    };
  }

  private async rightAuth(partner: PartnerFolder, path: string): Promise<Record<string, string>> {
    switch (partner) {
      case 'portal':
        return { 'x-api-key': this.credentials.portalApiKey };
      case 'mutual-aid':
        return { 'x-api-key': this.credentials.mutualAidApiKey };
      case 'childcare':
        return { 'x-api-key': this.credentials.childcareApiKey };
      case 'currency':
        return path === '/oauth/token'
          ? { authorization: this.basicAuth() }
          : { authorization: `Bearer ${await this.currencyToken()}` };
    }
  }
}
