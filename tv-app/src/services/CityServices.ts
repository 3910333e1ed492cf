import {
  errorKey,
  isErrorCode,
  type AidRequestView,
  type BookingView,
  type ChildcareView,
  type ErrorCode,
  type HomeSummary,
  type NoticeView,
  type RecommendationView,
  type SlotView,
  type WalletView,
} from '@madoguchi/shared';
import { TypedEmitter } from '@madoguchi/stb-bridge';

/** The city's services as the TV's screens name them (a message names one of these). */
export type ServiceKey = 'home' | 'notices' | 'wallet' | 'mutualAid' | 'childcare';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** `DeviceChannel.http`: adds the device token; resolves with the status and the parsed body. */
export type ServiceHttp = (
  path: string,
  init: { method: HttpMethod; body?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; body: unknown }>;

/** A service request failed; `code` is a stable code from shared (the screens word it). */
export class ServiceError extends Error {
  constructor(
    readonly service: ServiceKey,
    readonly code: ErrorCode,
    readonly status: number | null = null,
  ) {
    super(errorKey(code));
    this.name = 'ServiceError';
  }
}

export interface MutualAidData {
  area: string;
  nearby: AidRequestView[];
  mine: AidRequestView[];
}

export type AidAction = 'offer' | 'accept' | 'complete' | 'cancel';

/** What the test hook shows: the last answer of each service in this run, and the last failure. */
export interface ServicesSnapshot {
  home: HomeSummary | null;
  notices: NoticeView[] | null;
  wallet: WalletView | null;
  mutualAid: MutualAidData | null;
  childcare: ChildcareView | null;
  lastError: { service: ServiceKey; code: ErrorCode } | null;
}

export interface CityServicesEvents {
  /** A service's data changed (loaded, or forgotten when the person changed). */
  changed: [service: ServiceKey];
}

/**
 * The window-server answers within 3 s when a partner is down or slow; if even it does not
 * answer in this time, the screen says the service cannot be reached rather than wait on.
 */
export const SERVICE_DEADLINE_MS = 6_000;

/** Below the city's base: the device channel puts `<server>/t/<tenant>` in front. */
const BASE = '/api/v1/services';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function query(params: Record<string, string | null | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** The code of an error answer (`{ error: { code } }`); by status when the body says nothing. */
export function errorCodeOf(status: number, body: unknown): ErrorCode {
  const code = isObject(body) && isObject(body.error) ? body.error.code : undefined;
  if (isErrorCode(code)) return code;
  if (status === 503 || status === 504) return 'PARTNER_UNAVAILABLE';
  if (status === 502) return 'PARTNER_ERROR';
  if (status === 401) return 'SIGN_IN_REQUIRED';
  return 'INTERNAL';
}

// Light checks at the boundary: enough that a screen never draws `undefined`.
const arrayOf = (value: unknown): unknown[] | null => (Array.isArray(value) ? value : null);
const hasStrings = (value: unknown, ...keys: string[]): boolean =>
  isObject(value) && keys.every((key) => typeof value[key] === 'string');

function asHome(body: unknown): HomeSummary | null {
  if (!isObject(body) || typeof body.unreadNotices !== 'number') return null;
  const reminder = hasStrings(body.reminder, 'id', 'startsAt', 'place')
    ? (body.reminder as BookingView)
    : null;
  return { unreadNotices: body.unreadNotices, reminder };
}

function asNotices(body: unknown): { notices: NoticeView[]; unread: number } | null {
  const notices = isObject(body) ? arrayOf(body.notices) : null;
  if (!isObject(body) || !notices) return null;
  const valid = notices.filter(
    (notice) => hasStrings(notice, 'id', 'publishedAt') && isObject((notice as { title: unknown }).title),
  ) as NoticeView[];
  const unread =
    typeof body.unread === 'number' ? body.unread : valid.filter((notice) => !notice.read).length;
  return { notices: valid, unread };
}

/** The balance and the lists are checked; their rows are drawn as the gateway sent them. */
function isWallet(body: unknown): body is WalletView {
  return (
    isObject(body) &&
    typeof body.balance === 'number' &&
    arrayOf(body.transactions) !== null &&
    arrayOf(body.coupons) !== null
  );
}

function asWallet(body: unknown): WalletView | null {
  return isWallet(body) ? body : null;
}

function asMutualAid(body: unknown): MutualAidData | null {
  if (!isObject(body) || typeof body.area !== 'string') return null;
  const nearby = arrayOf(body.nearby);
  const mine = arrayOf(body.mine);
  if (!nearby || !mine) return null;
  return { area: body.area, nearby: nearby as AidRequestView[], mine: mine as AidRequestView[] };
}

function asChildcare(body: unknown): ChildcareView | null {
  if (!isObject(body)) return null;
  const children = arrayOf(body.children);
  const bookings = arrayOf(body.bookings);
  if (!children || !bookings) return null;
  return { children: children as ChildcareView['children'], bookings: bookings as BookingView[] };
}

function field<T>(name: string, check: (value: unknown) => boolean) {
  return (body: unknown): T | null => (isObject(body) && check(body[name]) ? (body[name] as T) : null);
}

/**
 * The city's services through window-server (`/t/<tenant>/api/v1/services`, HTTP as this TV). Every failure
 * becomes a ServiceError with a code; the last answer of each service is kept for the test hook
 * and forgotten when another person starts using the TV.
 */
export class CityServices extends TypedEmitter<CityServicesEvents> {
  private snapshotData: ServicesSnapshot = {
    home: null,
    notices: null,
    wallet: null,
    mutualAid: null,
    childcare: null,
    lastError: null,
  };

  constructor(
    private readonly http: ServiceHttp,
    private readonly deadlineMs = SERVICE_DEADLINE_MS,
  ) {
    super();
  }

  get snapshot(): ServicesSnapshot {
    return this.snapshotData;
  }

  /** Another person uses the TV: nothing of the previous one stays on screen or in the hook. */
  forgetPersonal(): void {
    this.snapshotData = { ...this.snapshotData, home: null, wallet: null, mutualAid: null, childcare: null };
    this.safeEmit('changed', 'wallet');
  }

  // Portal -------------------------------------------------------------------------------------

  async home(citizenId: string | null): Promise<HomeSummary> {
    const home = await this.request('home', 'GET', `${BASE}/home${query({ citizenId })}`, asHome);
    return this.keep('home', home);
  }

  async notices(): Promise<{ notices: NoticeView[]; unread: number }> {
    const list = await this.request('notices', 'GET', `${BASE}/notices`, asNotices);
    this.keep('notices', list.notices);
    return list;
  }

  /** Opens one notice (the server marks it read for this TV). */
  async notice(id: string): Promise<NoticeView> {
    const notice = await this.request(
      'notices',
      'GET',
      `${BASE}/notices/${encodeURIComponent(id)}`,
      field<NoticeView>('notice', (value) => hasStrings(value, 'id')),
    );
    const list = this.snapshotData.notices;
    if (list)
      this.keep(
        'notices',
        list.map((item) => (item.id === id ? { ...item, read: true } : item)),
      );
    return notice;
  }

  async recommendations(citizenId: string): Promise<RecommendationView[]> {
    return this.request(
      'notices',
      'GET',
      `${BASE}/recommendations${query({ citizenId })}`,
      field<RecommendationView[]>('recommendations', Array.isArray),
      // Without the household consent there are simply none to show: not an error on screen.
      false,
    );
  }

  // Wallet ------------------------------------------------------------------------------------

  async wallet(citizenId: string): Promise<WalletView> {
    const wallet = await this.request('wallet', 'GET', `${BASE}/wallet${query({ citizenId })}`, asWallet);
    return this.keep('wallet', wallet);
  }

  async payCode(citizenId: string): Promise<{ code: string; expiresAt: string }> {
    return this.request(
      'wallet',
      'POST',
      `${BASE}/wallet/pay-code`,
      (body) =>
        hasStrings(body, 'code', 'expiresAt') ? (body as { code: string; expiresAt: string }) : null,
      true,
      { citizenId },
    );
  }

  // Mutual aid --------------------------------------------------------------------------------

  async mutualAid(citizenId: string): Promise<MutualAidData> {
    const data = await this.request(
      'mutualAid',
      'GET',
      `${BASE}/mutual-aid${query({ citizenId })}`,
      asMutualAid,
    );
    return this.keep('mutualAid', data);
  }

  async askForHelp(
    request: {
      citizenId: string;
      template: AidRequestView['template'];
      date: string;
      period: AidRequestView['period'];
    },
    idempotencyKey: string,
  ): Promise<AidRequestView> {
    return this.request(
      'mutualAid',
      'POST',
      `${BASE}/mutual-aid/requests`,
      field<AidRequestView>('request', (value) => hasStrings(value, 'id')),
      true,
      request,
      idempotencyKey,
    );
  }

  async aidAction(id: string, action: AidAction, citizenId: string): Promise<AidRequestView> {
    return this.request(
      'mutualAid',
      'POST',
      `${BASE}/mutual-aid/requests/${encodeURIComponent(id)}/${action}`,
      field<AidRequestView>('request', (value) => hasStrings(value, 'id')),
      true,
      { citizenId },
    );
  }

  // Childcare ---------------------------------------------------------------------------------

  async childcare(citizenId: string): Promise<ChildcareView> {
    const data = await this.request(
      'childcare',
      'GET',
      `${BASE}/childcare${query({ citizenId })}`,
      asChildcare,
    );
    return this.keep('childcare', data);
  }

  async slots(citizenId: string, from: string, to: string): Promise<SlotView[]> {
    return this.request(
      'childcare',
      'GET',
      `${BASE}/childcare/slots${query({ citizenId, from, to })}`,
      field<SlotView[]>('slots', Array.isArray),
    );
  }

  async book(
    booking: { citizenId: string; slotId: string; childId: string | null },
    idempotencyKey: string,
  ): Promise<BookingView> {
    return this.request(
      'childcare',
      'POST',
      `${BASE}/childcare/bookings`,
      field<BookingView>('booking', (value) => hasStrings(value, 'id', 'startsAt')),
      true,
      booking,
      idempotencyKey,
    );
  }

  async changeBooking(
    id: string,
    change: { citizenId: string; slotId: string },
    idempotencyKey: string,
  ): Promise<BookingView> {
    return this.request(
      'childcare',
      'PATCH',
      `${BASE}/childcare/bookings/${encodeURIComponent(id)}`,
      field<BookingView>('booking', (value) => hasStrings(value, 'id', 'startsAt')),
      true,
      change,
      idempotencyKey,
    );
  }

  async cancelBooking(id: string, citizenId: string): Promise<BookingView> {
    return this.request(
      'childcare',
      'DELETE',
      `${BASE}/childcare/bookings/${encodeURIComponent(id)}${query({ citizenId })}`,
      field<BookingView>('booking', (value) => hasStrings(value, 'id')),
    );
  }

  // Plumbing ----------------------------------------------------------------------------------

  private keep<K extends Exclude<keyof ServicesSnapshot, 'lastError'>>(
    service: K,
    value: NonNullable<ServicesSnapshot[K]>,
  ): NonNullable<ServicesSnapshot[K]> {
    const lastError = this.snapshotData.lastError?.service === service ? null : this.snapshotData.lastError;
    this.snapshotData = { ...this.snapshotData, [service]: value, lastError };
    this.safeEmit('changed', service);
    return value;
  }

  private async request<T>(
    service: ServiceKey,
    method: HttpMethod,
    path: string,
    read: (body: unknown) => T | null,
    record = true,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    try {
      const init: Parameters<ServiceHttp>[1] = { method };
      if (body !== undefined) init.body = body;
      if (idempotencyKey) init.headers = { 'Idempotency-Key': idempotencyKey };
      const response = await this.withDeadline(service, this.http(path, init));
      if (response.status < 200 || response.status >= 300) {
        throw new ServiceError(service, errorCodeOf(response.status, response.body), response.status);
      }
      const value = read(response.body);
      if (value === null) throw new ServiceError(service, 'PARTNER_ERROR', response.status);
      return value;
    } catch (error) {
      const failure =
        error instanceof ServiceError
          ? error
          : new ServiceError(
              service,
              isErrorCode((error as { code?: unknown }).code)
                ? (error as { code: ErrorCode }).code
                : 'INTERNAL',
            );
      if (record) this.snapshotData = { ...this.snapshotData, lastError: { service, code: failure.code } };
      throw failure;
    }
  }

  private withDeadline<T>(service: ServiceKey, promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ServiceError(service, 'PARTNER_UNAVAILABLE')), this.deadlineMs);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
  }
}
