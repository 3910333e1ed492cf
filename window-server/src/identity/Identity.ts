import type {
  AssistedLink,
  AssistedLinkView,
  CitizenPanel,
  ConsentPurpose,
  ConsentState,
  DirectoryCitizen,
  HouseholdMember,
  StaffAccount,
} from '@madoguchi/shared';
import { createHmac, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/index.js';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import { EventHub } from '../core/EventHub.js';
import type { Logger } from '../core/logger.js';
import { newId } from '../core/secrets.js';
import type { ConsultationRecord, Counter } from '../counter/index.js';
import type { TenantDb, TenantTx } from '../db/index.js';
import type { StaffAuth } from '../staff/index.js';
import type { CitizenRecord, CitizenStore } from './CitizenStore.js';
import type { ConsentStore } from './ConsentStore.js';
import type { CitizenDirectory } from './directory.js';
import type { SignedInCitizen } from './OidcRelyingParty.js';

export type IdentityEvents = {
  /** Someone was linked to or unlinked from this TV. */
  householdChanged: [deviceId: string];
  consentChanged: [citizenId: string];
};

export interface IdentityDeps {
  /** Links and consents commit in its durable transactions, with their audit rows. */
  db: TenantDb;
  citizens: CitizenStore;
  consents: ConsentStore;
  audit: AuditLog;
  /** Who lives in the city, for assisted linking and the panel; null when no directory is known. */
  directory: CitizenDirectory | null;
  counter: Counter;
  staff: StaffAuth;
  clock: Clock;
  logger: Logger;
}

/** Who did something, for the audit trail. */
export type Actor = `staff:${string}` | `device:${string}` | `citizen:${string}` | 'system';

/**
 * Citizens and their TVs: linking (by the citizen on a phone, or by an officer who checked their
 * identity in a call), consent per purpose, and the only door through which staff see citizen
 * data: every read checks consent and writes an audit row, a refused one too.
 */
export class Identity {
  readonly events: EventHub<IdentityEvents>;
  /** Directory references handed to officers: opaque, valid for this server run. */
  private readonly refKey = randomBytes(32);
  private readonly refs = new Map<string, string>();

  private readonly db: TenantDb;
  private readonly citizens: CitizenStore;
  private readonly consents: ConsentStore;
  private readonly audit: AuditLog;
  private readonly directory: CitizenDirectory | null;
  private readonly counter: Counter;
  private readonly staff: StaffAuth;
  private readonly clock: Clock;

  constructor(deps: IdentityDeps) {
    this.db = deps.db;
    this.citizens = deps.citizens;
    this.consents = deps.consents;
    this.audit = deps.audit;
    this.directory = deps.directory;
    this.counter = deps.counter;
    this.staff = deps.staff;
    this.clock = deps.clock;
    this.events = new EventHub(deps.logger);
  }

  // ── the TV ──────────────────────────────────────────────────────────────────────────────

  household(deviceId: string): Promise<HouseholdMember[]> {
    return this.citizens.household(deviceId);
  }

  async unlink(actor: Actor, deviceId: string, citizenId: string): Promise<HouseholdMember[]> {
    const removed = await this.durably(async (tx) => {
      if (!(await this.citizens.with(tx).unlink(deviceId, citizenId))) return false;
      await this.audit.append(tx, {
        actor,
        action: 'citizen.unlinked',
        subject: citizenId,
        details: { deviceId },
      });
      return true;
    });
    if (!removed) throw new AppError('NOT_LINKED');
    this.events.emit('householdChanged', deviceId);
    return this.household(deviceId);
  }

  /** A TV may see and change the consents of the people registered on it. */
  async requireLinked(deviceId: string, citizenId: string): Promise<void> {
    if (!(await this.citizens.isLinked(deviceId, citizenId))) throw new AppError('NOT_LINKED');
  }

  consentsOf(citizenId: string): Promise<ConsentState[]> {
    return this.consents.consentsOf(citizenId);
  }

  /** Effective at once: the change and its audit row commit together, durably, before the reply. */
  async setConsent(
    actor: Actor,
    citizenId: string,
    purpose: ConsentPurpose,
    granted: boolean,
  ): Promise<ConsentState[]> {
    const changed = await this.durably(async (tx) => {
      const didChange = await this.consents.with(tx).set(citizenId, purpose, granted, this.now());
      if (didChange) {
        await this.audit.append(tx, {
          actor,
          action: granted ? 'consent.granted' : 'consent.revoked',
          subject: citizenId,
          details: { purpose },
        });
      }
      return didChange;
    });
    if (changed) this.events.emit('consentChanged', citizenId);
    return this.consentsOf(citizenId);
  }

  /** The devices a citizen is registered on (for the phone page). */
  devicesOf(citizenId: string): Promise<{ deviceId: string; linkedAt: string }[]> {
    return this.citizens.devicesOf(citizenId);
  }

  citizen(citizenId: string): Promise<CitizenRecord | undefined> {
    return this.citizens.citizen(citizenId);
  }

  // ── the phone ───────────────────────────────────────────────────────────────────────────

  /** A citizen signed in at the identity provider: known from now on (display name only). */
  signedIn(signedIn: SignedInCitizen): Promise<CitizenRecord> {
    return this.citizens.upsertCitizen(
      {
        id: newId('ctz'),
        issuer: signedIn.issuer,
        subject: signedIn.subject,
        displayName: signedIn.displayName,
      },
      this.now(),
    );
  }

  /**
   * The citizen confirmed a TV's code on their phone and signed in: link them to it. `approve`
   * settles the sign-in in the same transaction, so a code is used once and the link is kept.
   */
  async linkSelf(
    citizenId: string,
    deviceId: string,
    authorizationId: string,
    approve: (tx: TenantTx) => Promise<boolean>,
  ): Promise<void> {
    const linked = await this.durably(async (tx) => {
      if (!(await approve(tx))) throw new AppError('CALL_STATE');
      const isNew = await this.citizens.with(tx).link(deviceId, citizenId, this.now(), null);
      await this.audit.append(tx, {
        actor: `citizen:${citizenId}`,
        action: 'citizen.linked',
        subject: citizenId,
        details: { deviceId, by: 'self', authorizationId },
      });
      return isNew;
    });
    if (linked) this.events.emit('householdChanged', deviceId);
  }

  // ── officers ────────────────────────────────────────────────────────────────────────────

  /** What the officer may see of the people on the TV in their call: only what each consented to. */
  async panel(
    officer: StaffAccount,
    consultationId: string,
  ): Promise<{ linkedCount: number; citizens: CitizenPanel[] }> {
    const consultation = await this.officerCall(officer, consultationId);
    const members = await this.citizens.household(consultation.deviceId);
    const citizens: CitizenPanel[] = [];
    for (const member of members) {
      const citizen = (await this.citizens.citizen(member.citizenId)) as CitizenRecord;
      const consents = await this.consentsOf(member.citizenId);
      const allowed = consents.some((c) => c.purpose === 'profile' && c.granted);
      // Audited before anything is shown: no read without its row.
      await this.audit.record({
        actor: `staff:${officer.id}`,
        action: allowed ? 'citizen.profile.read' : 'citizen.profile.refused',
        subject: member.citizenId,
        consultationId,
        details: allowed ? { purpose: 'profile' } : { purpose: 'profile', error: 'CONSENT_REQUIRED' },
      });
      const entry = allowed ? this.directory?.bySubject(citizen.subject) : undefined;
      citizens.push({
        citizenId: member.citizenId,
        profile: entry
          ? {
              name: entry.name,
              birthDate: entry.birthDate,
              household: entry.household,
              children: entry.children,
            }
          : allowed
            ? { name: citizen.displayName, birthDate: '', household: [], children: [] }
            : null,
        consents,
      });
    }
    return { linkedCount: members.length, citizens };
  }

  /**
   * For services reading a citizen's data (wallet, childcare): allowed only with consent; a
   * refused read is a clear error and is audited like an allowed one.
   */
  async requireConsent(
    actor: Actor,
    citizenId: string,
    purpose: ConsentPurpose,
    consultationId: string | null,
  ): Promise<void> {
    const granted = await this.consents.isGranted(citizenId, purpose);
    await this.audit.record({
      actor,
      action: granted ? `citizen.${purpose}.read` : `citizen.${purpose}.refused`,
      subject: citizenId,
      consultationId,
      details: granted ? { purpose } : { purpose, error: 'CONSENT_REQUIRED' },
    });
    if (!granted) throw new AppError('CONSENT_REQUIRED');
  }

  /** A TV reading a person's own data for them (their wallet, their bookings): audited, no consent needed. */
  async recordOwnRead(actor: Actor, citizenId: string, purpose: ConsentPurpose): Promise<void> {
    await this.audit.record({
      actor,
      action: `citizen.${purpose}.read`,
      subject: citizenId,
      details: { purpose, own: true },
    });
  }

  async search(
    officer: StaffAccount,
    consultationId: string,
    name: string,
    birthDate?: string,
  ): Promise<DirectoryCitizen[]> {
    await this.officerCall(officer, consultationId);
    if (!this.directory) throw new AppError('DIRECTORY_UNAVAILABLE');
    const results = this.directory.search(name, birthDate).slice(0, 20);
    await this.audit.record({
      actor: `staff:${officer.id}`,
      action: 'directory.search',
      consultationId,
      details: { results: results.length, withBirthDate: birthDate !== undefined },
    });
    return results.map((entry) => ({
      ref: this.refFor(entry.subject),
      name: entry.name,
      birthDate: entry.birthDate,
      area: entry.area,
    }));
  }

  /** An officer who checked the citizen's identity in the call links the TV for them. */
  async assistedLink(officer: StaffAccount, request: AssistedLink): Promise<CitizenRecord> {
    const consultation = await this.officerCall(officer, request.consultationId);
    if (!this.directory) throw new AppError('DIRECTORY_UNAVAILABLE');
    const subject = this.refs.get(request.ref);
    const entry = subject ? this.directory.bySubject(subject) : undefined;
    if (!entry) throw new AppError('NOT_FOUND');
    const checks = { name: true, birthDate: true, address: true, photoId: request.checks.photoId };
    const issuer = this.directory.issuer;
    const citizen = await this.durably(async (tx) => {
      const citizens = this.citizens.with(tx);
      const known = await citizens.upsertCitizen(
        { id: newId('ctz'), issuer, subject: entry.subject, displayName: entry.name },
        this.now(),
      );
      await citizens.link(consultation.deviceId, known.id, this.now(), {
        staffId: officer.id,
        consultationId: consultation.id,
        checks,
      });
      await this.audit.append(tx, {
        actor: `staff:${officer.id}`,
        action: 'citizen.linked',
        subject: known.id,
        consultationId: consultation.id,
        details: { deviceId: consultation.deviceId, by: 'staff', checks },
      });
      return known;
    });
    this.events.emit('householdChanged', consultation.deviceId);
    return citizen;
  }

  async staffLinks(limit = 100): Promise<AssistedLinkView[]> {
    const [links, accounts] = await Promise.all([this.citizens.staffLinks(limit), this.staff.listAccounts()]);
    const names = new Map(accounts.map((account) => [account.id, account.displayName]));
    return links.map((link) => ({
      at: link.linkedAt,
      staffId: link.staffId,
      staffName: names.get(link.staffId) ?? '',
      deviceId: link.deviceId,
      citizenId: link.citizenId,
      consultationId: link.consultationId,
      checks: link.checks,
    }));
  }

  /** Links, consents and their audit rows commit together and durably. */
  private durably<T>(work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.db.transaction(work, { durable: true });
  }

  private officerCall(officer: StaffAccount, consultationId: string): Promise<ConsultationRecord> {
    return this.counter.liveCall({ staffId: officer.id }, consultationId);
  }

  private refFor(subject: string): string {
    const ref = `dir_${createHmac('sha256', this.refKey).update(subject).digest('base64url').slice(0, 24)}`;
    this.refs.set(ref, subject);
    return ref;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
