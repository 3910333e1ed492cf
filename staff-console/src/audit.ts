import type { AssistedLinkView, AuditEntry, AuditVerification, IdentityCheck } from '@madoguchi/shared';
import { IDENTITY_CHECKS } from '@madoguchi/shared';

export const AUDIT_LIMIT = 100;

/** `citizen.profile.read` → `staff.audit.actions.citizen_profile_read` (dots would nest i18n keys). */
export function actionLabelKey(action: string): string {
  return `staff.audit.actions.${action.replace(/[^\w]/g, '_')}`;
}

export type ActorKind = 'staff' | 'device' | 'citizen' | 'system' | 'other';

export interface Actor {
  kind: ActorKind;
  /** The id after the kind; '' for the system. */
  id: string;
}

/** `staff:stf_123` → { kind: 'staff', id: 'stf_123' }; anything unknown stays readable as it is. */
export function parseActor(actor: string): Actor {
  if (actor === 'system') return { kind: 'system', id: '' };
  const colon = actor.indexOf(':');
  const kind = colon > 0 ? actor.slice(0, colon) : '';
  if (kind === 'staff' || kind === 'device' || kind === 'citizen')
    return { kind, id: actor.slice(colon + 1) };
  return { kind: 'other', id: actor };
}

export type VerificationSummary =
  | { kind: 'ok'; rows: number }
  | { kind: 'broken'; rows: number; seq: number; reason: 'hash' | 'link' | 'sequence' };

/** What the admin must be told; a chain that says "not ok" without a row is still broken. */
export function verificationSummary(verification: AuditVerification): VerificationSummary {
  if (verification.ok && !verification.firstBroken) return { kind: 'ok', rows: verification.rows };
  const broken = verification.firstBroken;
  return {
    kind: 'broken',
    rows: verification.rows,
    seq: broken?.seq ?? 0,
    reason: broken?.reason ?? 'hash',
  };
}

/** Newest first, whatever order the server sends. */
export function sortEntries(entries: readonly AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => b.seq - a.seq);
}

/** A row's details in one short line: `ref=…, purpose=profile`. */
export function detailsText(details: Record<string, unknown> | null | undefined): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/** Newest first. */
export function sortAssistedLinks(links: readonly AssistedLinkView[]): AssistedLinkView[] {
  return [...links].sort((a, b) => b.at.localeCompare(a.at));
}

/** Every check in the fixed order, so the columns line up row after row. */
export function checkList(
  checks: Partial<Record<IdentityCheck, boolean>>,
): { check: IdentityCheck; done: boolean }[] {
  return IDENTITY_CHECKS.map((check) => ({ check, done: checks[check] === true }));
}
