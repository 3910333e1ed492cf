import { PARTNERS, type PartnerHealth, type PartnerName } from '@madoguchi/shared';

export type Breaker = PartnerHealth['breaker'];
const BREAKERS: readonly Breaker[] = ['closed', 'open', 'halfOpen'];

/** Colour and icon of a breaker state; the words come from `staff.partners.breaker.<state>`. */
export type HealthTone = 'ok' | 'down' | 'trying';

export function breakerTone(breaker: Breaker): HealthTone {
  if (breaker === 'closed') return 'ok';
  return breaker === 'open' ? 'down' : 'trying';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timeOrNull(value: unknown): string | null {
  return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? value : null;
}

/**
 * The `GET /api/v1/partners/health` answer, checked (it is untrusted): rows with an unknown
 * breaker state are dropped, the known partners come in their fixed order, any others after.
 */
export function readPartnersHealth(body: unknown): PartnerHealth[] {
  if (!isRecord(body) || !Array.isArray(body.partners)) throw new Error('malformed partners health');
  const rows = body.partners.flatMap((row): PartnerHealth[] => {
    if (!isRecord(row) || typeof row.partner !== 'string' || row.partner === '') return [];
    if (!BREAKERS.includes(row.breaker as Breaker)) return [];
    return [
      {
        partner: row.partner as PartnerName,
        breaker: row.breaker as Breaker,
        lastSuccessAt: timeOrNull(row.lastSuccessAt),
        lastFailureAt: timeOrNull(row.lastFailureAt),
        lastError: typeof row.lastError === 'string' && row.lastError !== '' ? row.lastError : null,
      },
    ];
  });
  const rank = (partner: string) => {
    const index = (PARTNERS as readonly string[]).indexOf(partner);
    return index < 0 ? PARTNERS.length : index;
  };
  return rows.sort((a, b) => rank(a.partner) - rank(b.partner) || a.partner.localeCompare(b.partner));
}

export function isKnownPartner(partner: string): partner is PartnerName {
  return (PARTNERS as readonly string[]).includes(partner);
}

/** Partners not working normally (breaker open or half open). */
export function troubledCount(rows: readonly PartnerHealth[]): number {
  return rows.filter((row) => row.breaker !== 'closed').length;
}

export type AgoUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/**
 * How long ago, in the largest whole unit: 59 s → 59 seconds, 61 s → 1 minute. A time in the
 * future (clocks disagree a little) counts as 0 seconds; a broken one is null.
 */
export function timeAgo(iso: string | null, nowMs: number): { unit: AgoUnit; count: number } | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  const seconds = Math.max(0, Math.floor((nowMs - at) / 1000));
  if (seconds < 60) return { unit: 'seconds', count: seconds };
  if (seconds < 3600) return { unit: 'minutes', count: Math.floor(seconds / 60) };
  if (seconds < 86_400) return { unit: 'hours', count: Math.floor(seconds / 3600) };
  return { unit: 'days', count: Math.floor(seconds / 86_400) };
}

/** The last error as a partner or the gateway worded it, cut to fit a table cell. */
export function shortError(error: string | null, max = 160): string | null {
  if (!error) return null;
  const oneLine = error.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
