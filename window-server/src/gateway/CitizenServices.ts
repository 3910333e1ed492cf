import type {
  AidRequestView,
  BookingView,
  ChildcareView,
  ConsentPurpose,
  HomeSummary,
  NoticeView,
  PartnerHealth,
  RecommendationView,
  SlotView,
  WalletView,
} from '@madoguchi/shared';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import type { Actor, CitizenDirectory, Identity } from '../identity/index.js';
import type { Tenant } from '../tenants/index.js';
import { addDays, isoDate, localDateOf } from '../core/zonedTime.js';
import { childcare, currency, mutualAid, portal } from '../partnerContracts/index.js';
import type { NoticeReads } from './NoticeReads.js';
import type { PartnerConnector } from './PartnerConnector.js';

export interface PartnerConnectors {
  portal: PartnerConnector;
  currency: PartnerConnector;
  mutualAid: PartnerConnector;
  childcare: PartnerConnector;
}

/**
 * Who is asking, for whom: a TV for a person registered on it (their own data), or an officer
 * in a call for a person on that call's TV (only with that person's consent for the purpose).
 */
export type Requester =
  | { kind: 'device'; deviceId: string }
  | { kind: 'staff'; staffId: string; consultationId: string; deviceId: string };

const enc = encodeURIComponent;
const text = (value: { ja: string; en?: string | undefined }) => ({ ja: value.ja, en: value.en ?? null });

export interface CitizenServicesDeps {
  partners: PartnerConnectors;
  identity: Identity;
  directory: CitizenDirectory | null;
  reads: NoticeReads;
  tenant: Tenant;
  clock: Clock;
}

/**
 * The city's services through the gateway: every call checks who asks for whom (and consent, for
 * officers and for uses of household information), every read of a citizen's data writes an audit
 * row, and the answers come back in window-server's own shapes.
 */
export class CitizenServices {
  private readonly partners: PartnerConnectors;
  private readonly identity: Identity;
  private readonly directory: CitizenDirectory | null;
  private readonly reads: NoticeReads;
  private readonly tenant: Tenant;
  private readonly clock: Clock;

  constructor(deps: CitizenServicesDeps) {
    this.partners = deps.partners;
    this.identity = deps.identity;
    this.directory = deps.directory;
    this.reads = deps.reads;
    this.tenant = deps.tenant;
    this.clock = deps.clock;
  }

  health(): PartnerHealth[] {
    return Object.values(this.partners).map((connector) => connector.health());
  }

  // ── notices (public) ────────────────────────────────────────────────────────────────────

  async notices(deviceId: string): Promise<{ notices: NoticeView[]; unread: number }> {
    const { notices } = await this.partners.portal.get('/v1/notices', portal.noticeListSchema, {
      limit: '30',
    });
    const read = this.reads.readBy(deviceId);
    const views = notices.map((notice) => noticeView(notice, read.has(notice.id)));
    return { notices: views, unread: views.filter((n) => !n.read).length };
  }

  async notice(deviceId: string, noticeId: string): Promise<NoticeView> {
    const { notice } = await this.partners.portal.get(
      `/v1/notices/${enc(noticeId)}`,
      portal.noticeResponseSchema,
    );
    this.reads.markRead(deviceId, notice.id);
    return noticeView(notice, true);
  }

  /** Never fails for a partner's sake: Home must draw even when a partner is down. */
  async home(deviceId: string, citizenId: string | null): Promise<HomeSummary> {
    const unread = await this.notices(deviceId).then(
      (result) => result.unread,
      () => 0,
    );
    let reminder: BookingView | null = null;
    if (citizenId) {
      const tomorrow = isoDate(addDays(localDateOf(this.clock.now(), this.tenant.file.timeZone), 1));
      reminder = await this.bookings({ kind: 'device', deviceId }, citizenId).then(
        (bookings) => bookings.find((b) => this.localDate(b.startsAt) === tomorrow) ?? null,
        () => null,
      );
    }
    return { unreadNotices: unread, reminder };
  }

  async recommendations(requester: Requester, citizenId: string): Promise<RecommendationView[]> {
    const subject = this.allow(requester, citizenId, 'servicesHousehold', true);
    const { recommendations } = await this.partners.portal.get(
      '/v1/recommendations',
      portal.recommendationListSchema,
      {
        subject,
      },
    );
    return recommendations.map((r) => ({
      id: r.id,
      title: text(r.title),
      body: text(r.body),
      reason: text(r.reason),
    }));
  }

  // ── wallet ──────────────────────────────────────────────────────────────────────────────

  async wallet(requester: Requester, citizenId: string): Promise<WalletView> {
    const subject = this.allow(requester, citizenId, 'wallet', false);
    const base = `/v1/accounts/${enc(subject)}`;
    const [balance, history, coupons] = await Promise.all([
      this.partners.currency.get(`${base}/balance`, currency.balanceSchema),
      this.partners.currency.get(`${base}/transactions`, currency.transactionListSchema, { limit: '10' }),
      this.partners.currency.get(`${base}/coupons`, currency.couponListSchema),
    ]);
    return {
      balance: balance.balance,
      updatedAt: balance.updatedAt,
      transactions: history.transactions.map(({ id, at, amount, kind, description }) => ({
        id,
        at,
        amount,
        kind,
        description,
      })),
      coupons: coupons.coupons,
    };
  }

  async payCode(requester: Requester, citizenId: string): Promise<{ code: string; expiresAt: string }> {
    const subject = this.allow(requester, citizenId, 'wallet', false);
    return this.partners.currency.send(
      'POST',
      `/v1/accounts/${enc(subject)}/pay-codes`,
      {},
      currency.payCodeSchema,
    );
  }

  // ── mutual aid ──────────────────────────────────────────────────────────────────────────

  async mutualAid(
    requester: Requester,
    citizenId: string,
  ): Promise<{ area: string; nearby: AidRequestView[]; mine: AidRequestView[] }> {
    const subject = this.allow(requester, citizenId, 'servicesHousehold', true);
    const area = this.areaOf(subject);
    const [nearby, mine] = await Promise.all([
      this.partners.mutualAid.get('/v1/requests', mutualAid.aidRequestListSchema, { subject, area }),
      this.partners.mutualAid.get('/v1/requests', mutualAid.aidRequestListSchema, { subject, mine: 'true' }),
    ]);
    return { area, nearby: nearby.requests.filter((r) => !r.mine), mine: mine.requests };
  }

  async askForHelp(
    requester: Requester,
    citizenId: string,
    request: { template: AidRequestView['template']; date: string; period: 'morning' | 'afternoon' },
    idempotencyKey: string,
  ): Promise<AidRequestView> {
    const subject = this.allow(requester, citizenId, 'servicesHousehold', true);
    const created = await this.partners.mutualAid.send(
      'POST',
      '/v1/requests',
      { subject, area: this.areaOf(subject), ...request },
      mutualAid.aidRequestResponseSchema,
      idempotencyKey,
    );
    return created.request;
  }

  async aidAction(
    requester: Requester,
    citizenId: string,
    requestId: string,
    action: 'offer' | 'accept' | 'complete' | 'cancel',
    idempotencyKey?: string,
  ): Promise<AidRequestView> {
    const subject = this.allow(requester, citizenId, 'servicesHousehold', true);
    const path = action === 'offer' ? 'offers' : action;
    const done = await this.partners.mutualAid.send(
      'POST',
      `/v1/requests/${enc(requestId)}/${path}`,
      { subject },
      mutualAid.aidRequestResponseSchema,
      idempotencyKey,
    );
    return done.request;
  }

  // ── childcare ───────────────────────────────────────────────────────────────────────────

  async childcare(requester: Requester, citizenId: string): Promise<ChildcareView> {
    const subject = this.allow(requester, citizenId, 'childcare', false);
    const family = `/v1/families/${enc(subject)}`;
    const [{ children }, { bookings }] = await Promise.all([
      this.partners.childcare.get(`${family}/children`, childcare.childListSchema),
      this.partners.childcare.get(`${family}/bookings`, childcare.bookingListSchema),
    ]);
    const today = localDateOf(this.clock.now(), this.tenant.file.timeZone);
    const withCards = await Promise.all(
      children.map(async (child) => {
        const ageMonths = monthsBetween(child.birthDate, isoDate(today));
        const { cards } = await this.partners.childcare.get('/v1/info', childcare.infoCardListSchema, {
          ageMonths: String(ageMonths),
        });
        return { ...child, ageMonths, cards: cards.map(({ id, title, body }) => ({ id, title, body })) };
      }),
    );
    return { children: withCards, bookings };
  }

  async slots(requester: Requester, citizenId: string, from: string, to: string): Promise<SlotView[]> {
    this.allow(requester, citizenId, 'childcare', false);
    const { slots } = await this.partners.childcare.get('/v1/slots', childcare.slotListSchema, { from, to });
    // A slot that has begun cannot be booked: the TV lists only what pressing OK can get.
    const now = this.clock.now().getTime();
    return slots
      .filter((slot) => Date.parse(slot.startsAt) > now)
      .map(({ id, startsAt, endsAt, place, capacity, booked }) => ({
        id,
        startsAt,
        endsAt,
        place,
        remaining: Math.max(0, capacity - booked),
      }));
  }

  async book(
    requester: Requester,
    citizenId: string,
    slotId: string,
    childId: string | null,
    idempotencyKey: string,
  ): Promise<BookingView> {
    const subject = this.allow(requester, citizenId, 'childcare', false);
    const { booking } = await this.partners.childcare.send(
      'POST',
      `/v1/families/${enc(subject)}/bookings`,
      { slotId, childId },
      childcare.bookingResponseSchema,
      idempotencyKey,
    );
    return booking;
  }

  async changeBooking(
    requester: Requester,
    citizenId: string,
    bookingId: string,
    slotId: string,
    idempotencyKey: string,
  ): Promise<BookingView> {
    const subject = this.allow(requester, citizenId, 'childcare', false);
    const { booking } = await this.partners.childcare.send(
      'PATCH',
      `/v1/families/${enc(subject)}/bookings/${enc(bookingId)}`,
      { slotId },
      childcare.bookingResponseSchema,
      idempotencyKey,
    );
    return booking;
  }

  async cancelBooking(requester: Requester, citizenId: string, bookingId: string): Promise<BookingView> {
    const subject = this.allow(requester, citizenId, 'childcare', false);
    const { booking } = await this.partners.childcare.send(
      'DELETE',
      `/v1/families/${enc(subject)}/bookings/${enc(bookingId)}`,
      undefined,
      childcare.bookingResponseSchema,
    );
    return booking;
  }

  async bookings(requester: Requester, citizenId: string): Promise<BookingView[]> {
    const subject = this.allow(requester, citizenId, 'childcare', false);
    const { bookings } = await this.partners.childcare.get(
      `/v1/families/${enc(subject)}/bookings`,
      childcare.bookingListSchema,
    );
    return bookings;
  }

  // ── access ──────────────────────────────────────────────────────────────────────────────

  /**
   * The citizen's partner key, once the requester may act for them: a TV for the people on it;
   * an officer for the people on their call's TV with consent for `purpose`. Uses of household
   * information need the `servicesHousehold` consent even from the citizen's own TV. Every
   * allowed or refused access is an audit row (Identity.requireConsent writes it).
   */
  private allow(
    requester: Requester,
    citizenId: string,
    purpose: ConsentPurpose,
    householdInformation: boolean,
  ): string {
    this.identity.requireLinked(requester.deviceId, citizenId);
    const citizen = this.identity.citizen(citizenId);
    if (!citizen) throw new AppError('NOT_LINKED');
    if (requester.kind === 'staff') {
      this.identity.requireConsent(
        `staff:${requester.staffId}`,
        citizenId,
        purpose,
        requester.consultationId,
      );
    } else if (householdInformation) {
      this.identity.requireConsent(`device:${requester.deviceId}`, citizenId, 'servicesHousehold', null);
    } else {
      this.identity.recordOwnRead(`device:${requester.deviceId}` as Actor, citizenId, purpose);
    }
    return citizen.subject;
  }

  private areaOf(subject: string): string {
    const entry = this.directory?.bySubject(subject);
    if (!entry) throw new AppError('DIRECTORY_UNAVAILABLE');
    return entry.area;
  }

  private localDate(iso: string): string {
    return isoDate(localDateOf(new Date(iso), this.tenant.file.timeZone));
  }
}

function noticeView(notice: portal.Notice, read: boolean): NoticeView {
  return {
    id: notice.id,
    title: text(notice.title),
    body: text(notice.body),
    category: notice.category,
    publishedAt: notice.publishedAt,
    urgent: notice.urgent,
    read,
  };
}

/** Whole months from a birth date to a day (both YYYY-MM-DD). */
export function monthsBetween(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0));
}
