import {
  cityBrandingSchema,
  errorKey,
  isErrorCode,
  isErrorKey,
  tenantBasePath,
  type AckError,
  type AssistedLinkView,
  type AuditEntry,
  type AuditVerification,
  type CityBranding,
  type CityConfigView,
  type DeviceSummary,
  type ErrorCode,
  type FleetCity,
  type FleetConfigPush,
  type FleetPushResult,
  type FleetView,
  type KpiReport,
  type LoginRequest,
  type PartnerHealth,
  type StaffAccount,
  type StaffAccountCreate,
  type StaffAccountUpdate,
  type StaffSessionInfo,
} from '@madoguchi/shared';
import { readCityConfig } from './cityConfig';
import { ackErrorOf } from './errors';
import { readPartnersHealth } from './services/health';

/** An error answered by window-server (or the network), in the shape every screen branches on. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ErrorCode;
  /** i18n key, `errors.<code>` unless the server chose a more specific one. */
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly fields: string[];

  constructor(status: number, error: AckError) {
    super(`${error.code} (${status})`);
    this.status = status;
    this.code = error.code;
    this.messageKey = error.message;
    this.params = error.params ?? {};
    this.fields = error.fields ?? [];
  }

  toAckError(): AckError {
    const error: AckError = { code: this.code, message: this.messageKey };
    if (Object.keys(this.params).length > 0) error.params = this.params;
    if (this.fields.length > 0) error.fields = this.fields;
    return error;
  }
}

/** Gateways answer these when window-server itself is down or restarting. */
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readParams(value: unknown): Record<string, string | number> | undefined {
  if (!isRecord(value)) return undefined;
  const params: Record<string, string | number> = {};
  for (const [key, param] of Object.entries(value)) {
    if (typeof param === 'string' || typeof param === 'number') params[key] = param;
  }
  return params;
}

function readFields(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((field): field is string => typeof field === 'string');
}

/** What a status means when the body does not say (a proxy page, an empty body). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 0 || UNREACHABLE_STATUSES.has(status)) return 'SERVER_UNREACHABLE';
  if (status === 400) return 'PAYLOAD_INVALID';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}

/**
 * Turns a failed response into an ApiError. The body is untrusted: anything that is not the
 * documented `{ error: { code, message, params?, fields? } }` falls back to the status.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && isErrorCode(error.code)) {
    const message = isErrorKey(error.message) ? error.message : errorKey(error.code);
    const ackError: AckError = { code: error.code, message };
    const params = readParams(error.params);
    const fields = readFields(error.fields);
    if (params) ackError.params = params;
    if (fields && fields.length > 0) ackError.fields = fields;
    return new ApiError(status, ackError);
  }
  return new ApiError(status, ackErrorOf(codeForStatus(status)));
}

export function unreachableError(): ApiError {
  return new ApiError(0, ackErrorOf('SERVER_UNREACHABLE'));
}

/** A failed HTTP call as the screens show it: the server's error, INTERNAL for anything else. */
export function apiAckError(error: unknown): AckError {
  return error instanceof ApiError ? error.toAckError() : ackErrorOf('INTERNAL');
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  /**
   * Prefix of every path: the city's base, e.g. `/t/omura` (`consoleBasePath`) or
   * `https://host/t/omura`; empty means the page's own origin.
   */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * Called when a request that needed a session was refused with UNAUTHENTICATED: the session
   * has ended on the server, so the console goes back to sign-in.
   */
  onUnauthenticated?: () => void;
}

export interface RequestOptions {
  body?: unknown;
  /** Sign-in and the first session probe answer 401 as a normal outcome, not as "session lost". */
  expectUnauthenticated?: boolean;
}

/** The window-server HTTP API, as documented in docs/api/window-server.md. */
export class ApiClient {
  #csrfToken: string | undefined;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #onUnauthenticated: (() => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = options.baseUrl ?? '';
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#onUnauthenticated = options.onUnauthenticated;
  }

  /** The city's base every path goes below (the socket's namespace goes there too). */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  /** Where a path of the API is, for a link (a download) rather than a request. */
  urlOf(path: string): string {
    return `${this.#baseUrl}${path}`;
  }

  setCsrfToken(token: string | undefined): void {
    this.#csrfToken = token;
  }

  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.#csrfToken) headers['X-CSRF-Token'] = this.#csrfToken;

    let response: Response;
    try {
      response = await this.#fetch(this.urlOf(path), {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch {
      throw unreachableError();
    }

    const body = await readJson(response);
    if (response.ok) return body as T;

    const error = toApiError(response.status, body);
    if (error.code === 'UNAUTHENTICATED' && !options.expectUnauthenticated) this.#onUnauthenticated?.();
    throw error;
  }

  /** Whose console this is; null when the server does not say (the console works without it). */
  async branding(): Promise<CityBranding | null> {
    try {
      const parsed = cityBrandingSchema.safeParse(
        await this.request<unknown>('GET', '/api/v1/branding', { expectUnauthenticated: true }),
      );
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The current session, or `null` when nobody is signed in. */
  async session(): Promise<StaffSessionInfo | null> {
    try {
      const session = await this.request<StaffSessionInfo>('GET', '/api/v1/auth/session', {
        expectUnauthenticated: true,
      });
      this.setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return null;
      throw error;
    }
  }

  async login(credentials: LoginRequest): Promise<StaffSessionInfo> {
    const session = await this.request<StaffSessionInfo>('POST', '/api/v1/auth/login', {
      body: credentials,
      expectUnauthenticated: true,
    });
    this.setCsrfToken(session.csrfToken);
    return session;
  }

  async logout(): Promise<void> {
    try {
      await this.request<void>('POST', '/api/v1/auth/logout', { expectUnauthenticated: true });
    } finally {
      this.setCsrfToken(undefined);
    }
  }

  async devices(): Promise<DeviceSummary[]> {
    const { devices } = await this.request<{ devices: DeviceSummary[] }>('GET', '/api/v1/devices');
    return devices;
  }

  async revokeDevice(deviceId: string): Promise<DeviceSummary> {
    const path = `/api/v1/devices/${encodeURIComponent(deviceId)}/revoke`;
    const { device } = await this.request<{ device: DeviceSummary }>('POST', path);
    return device;
  }

  /**
   * The same session, speaking to another city of this installation: an operator whom that
   * city's file names looks after its boxes with their home city's session and CSRF token.
   */
  forCity(tenantId: string): ApiClient {
    const client = new ApiClient({
      baseUrl: `${this.#baseUrl.replace(/\/t\/[^/]+$/, '')}${tenantBasePath(tenantId)}`,
      fetch: this.#fetch,
      ...(this.#onUnauthenticated ? { onUnauthenticated: this.#onUnauthenticated } : {}),
    });
    client.setCsrfToken(this.#csrfToken);
    return client;
  }

  /** The cities whose fleet this account may see: its own first, then those that name it. */
  async fleetCities(): Promise<FleetCity[]> {
    const { cities } = await this.request<{ cities: FleetCity[] }>('GET', '/api/v1/fleet/cities');
    return cities;
  }

  /** Every set-top box as the cable operator sees it (operator and admin). */
  async fleet(): Promise<FleetView> {
    return this.request<FleetView>('GET', '/api/v1/fleet');
  }

  /** A configuration for some boxes, stored and delivered now or at their next connection. */
  async pushFleetConfig(push: FleetConfigPush): Promise<FleetPushResult> {
    return this.request<FleetPushResult>('POST', '/api/v1/fleet/config', { body: push });
  }

  async staffAccounts(): Promise<StaffAccount[]> {
    const { accounts } = await this.request<{ accounts: StaffAccount[] }>('GET', '/api/v1/staff-accounts');
    return accounts;
  }

  async createStaffAccount(account: StaffAccountCreate): Promise<StaffAccount> {
    const answer = await this.request<{ account: StaffAccount }>('POST', '/api/v1/staff-accounts', {
      body: account,
    });
    return answer.account;
  }

  /** The counter's figures for whole days (supervisor and admin). */
  async kpi(from: string, to: string): Promise<KpiReport> {
    const query = new URLSearchParams({ from, to });
    return this.request<KpiReport>('GET', `/api/v1/kpi?${query.toString()}`);
  }

  async updateStaffAccount(accountId: string, update: StaffAccountUpdate): Promise<StaffAccount> {
    const path = `/api/v1/staff-accounts/${encodeURIComponent(accountId)}`;
    const answer = await this.request<{ account: StaffAccount }>('PATCH', path, { body: update });
    return answer.account;
  }

  /** TVs officers linked for citizens without a smartphone (supervisor and admin). */
  async assistedLinks(): Promise<AssistedLinkView[]> {
    const { links } = await this.request<{ links: AssistedLinkView[] }>('GET', '/api/v1/assisted-links');
    return links;
  }

  /** The latest rows of the audit trail, newest first (admin). */
  async auditEntries(limit: number): Promise<AuditEntry[]> {
    const query = new URLSearchParams({ limit: String(limit) });
    const { entries } = await this.request<{ entries: AuditEntry[] }>(
      'GET',
      `/api/v1/audit?${query.toString()}`,
    );
    return entries;
  }

  /** Each partner system's circuit breaker and its last success and failure (admin). */
  async partnersHealth(): Promise<PartnerHealth[]> {
    return readPartnersHealth(await this.request<unknown>('GET', '/api/v1/partners/health'));
  }

  /** The city's configuration, read-only, its secrets only as references (admin). */
  async cityConfig(): Promise<CityConfigView> {
    return readCityConfig(await this.request<unknown>('GET', '/api/v1/city'));
  }

  /** Checks the audit trail's hash chain from its first row (admin). */
  async verifyAudit(): Promise<AuditVerification> {
    return this.request<AuditVerification>('GET', '/api/v1/audit/verify');
  }
}

/** 204 and non-JSON error pages have no body worth reading. */
async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
