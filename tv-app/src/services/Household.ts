import {
  CONSENT_PURPOSES,
  systemClock,
  type Clock,
  type ConsentPurpose,
  type ConsentState,
  type HouseholdMember,
} from '@madoguchi/shared';
import { TypedEmitter, type DeviceChannel } from '@madoguchi/stb-bridge';
import {
  UNSET,
  activeCitizenId,
  choiceAfterChange,
  membersDiff,
  shouldAskWho,
  type ProfileChoice,
} from './householdModel';

/** The part of the device channel the household uses (a fake in tests). */
export type HouseholdChannel = Pick<DeviceChannel, 'state' | 'on' | 'send' | 'onServer'>;

export type HouseholdLoadState = 'idle' | 'loading' | 'loaded' | 'failed';

export type HouseholdChange =
  /** `first`: the first list of this run (the app may ask who is watching). */
  | {
      kind: 'members';
      added: HouseholdMember[];
      removed: HouseholdMember[];
      first: boolean;
      source: 'list' | 'push' | 'unlink';
    }
  /** `remote`: changed elsewhere (the phone), not by this TV. */
  | { kind: 'consents'; citizenId: string; remote: boolean }
  | { kind: 'active' }
  | { kind: 'load' };

export interface HouseholdEvents {
  changed: [change: HouseholdChange];
}

function isMember(value: unknown): value is HouseholdMember {
  if (typeof value !== 'object' || value === null) return false;
  const member = value as Record<string, unknown>;
  return typeof member.citizenId === 'string' && typeof member.displayName === 'string';
}

function isConsent(value: unknown): value is ConsentState {
  if (typeof value !== 'object' || value === null) return false;
  const consent = value as Record<string, unknown>;
  return CONSENT_PURPOSES.includes(consent.purpose as ConsentPurpose) && typeof consent.granted === 'boolean';
}

/** Every purpose once, in the contract's order; a purpose the server did not mention is not granted. */
export function completeConsents(consents: readonly ConsentState[]): ConsentState[] {
  return CONSENT_PURPOSES.map(
    (purpose) =>
      consents.find((consent) => consent.purpose === purpose) ?? { purpose, granted: false, updatedAt: null },
  );
}

function sameGrants(a: readonly ConsentState[], b: readonly ConsentState[]): boolean {
  return a.length === b.length && a.every((consent, index) => consent.granted === b[index]?.granted);
}

/**
 * The people linked to this TV, who of them is using it now, and what each consented to.
 * Pushes (`household:changed`, `consent:changed`) keep it current; after every (re)connection it
 * asks for the whole list again, so a phone that unlinked meanwhile is never missed.
 */
export class Household extends TypedEmitter<HouseholdEvents> {
  private list: HouseholdMember[] = [];
  private state: HouseholdLoadState = 'idle';
  private choice: ProfileChoice = UNSET;
  private everLoaded = false;
  private askedWho = false;
  private readonly consents = new Map<string, ConsentState[]>();
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly channel: HouseholdChannel,
    private readonly clock: Clock = systemClock,
  ) {
    super();
  }

  start(): void {
    const { channel } = this;
    this.offs.push(
      channel.on('state', (state) => {
        // Online comes right after every hello (the session): the list may have changed meanwhile.
        if (state === 'online') void this.refresh();
        if (state === 'revoked') this.forget();
      }),
      channel.onServer('household:changed', (payload) => this.setMembers(payload?.members, 'push')),
      channel.onServer('consent:changed', (payload) => {
        if (payload && typeof payload.citizenId === 'string')
          this.setConsents(payload.citizenId, payload.consents, true);
      }),
    );
    if (channel.state === 'online') void this.refresh();
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  get members(): readonly HouseholdMember[] {
    return this.list;
  }

  get loadState(): HouseholdLoadState {
    return this.state;
  }

  /** The list came from the server at least once in this run. */
  get loaded(): boolean {
    return this.everLoaded;
  }

  get activeCitizenId(): string | null {
    return activeCitizenId(this.list, this.choice);
  }

  get active(): HouseholdMember | null {
    const id = this.activeCitizenId;
    return this.list.find((member) => member.citizenId === id) ?? null;
  }

  memberOf(citizenId: string): HouseholdMember | undefined {
    return this.list.find((member) => member.citizenId === citizenId);
  }

  /** Who is watching must be asked now (two or more people, nobody chosen, not asked yet). */
  get shouldAsk(): boolean {
    return shouldAskWho(this.list, this.choice, this.askedWho);
  }

  /** The chooser was shown; leaving it without an answer means signed-out use. */
  markAsked(): void {
    this.askedWho = true;
  }

  choose(choice: ProfileChoice): void {
    this.choice = choice;
    this.askedWho = true;
    this.safeEmit('changed', { kind: 'active' });
  }

  /**
   * Just signed in on this TV: that person is using it now. They are listed at once (the
   * server's list, asked for here, may come a moment later than the sign-in's answer).
   */
  signedIn(citizen: { citizenId: string; displayName: string }): void {
    if (!this.memberOf(citizen.citizenId)) {
      const member: HouseholdMember = {
        ...citizen,
        linkedAt: this.clock.now().toISOString(),
        linkedBy: 'self',
      };
      this.list = [...this.list, member];
      this.everLoaded = true;
      this.state = 'loaded';
      this.safeEmit('changed', {
        kind: 'members',
        added: [member],
        removed: [],
        first: false,
        source: 'list',
      });
    }
    this.choose({ kind: 'person', citizenId: citizen.citizenId });
    void this.refresh();
  }

  consentsOf(citizenId: string): ConsentState[] | undefined {
    return this.consents.get(citizenId);
  }

  async refresh(): Promise<void> {
    if (this.state !== 'loaded') this.setState('loading');
    try {
      const { members } = await this.channel.send('household:list', {});
      this.setMembers(members, 'list');
      // Consents seen on this run may have changed too.
      for (const citizenId of this.consents.keys()) void this.loadConsents(citizenId).catch(() => undefined);
    } catch {
      if (!this.everLoaded) this.setState('failed');
    }
  }

  async unlink(citizenId: string): Promise<void> {
    const { members } = await this.channel.send('household:unlink', { citizenId });
    this.setMembers(members, 'unlink');
  }

  async loadConsents(citizenId: string): Promise<ConsentState[]> {
    const { consents } = await this.channel.send('consent:list', { citizenId });
    return this.setConsents(citizenId, consents, false);
  }

  async setConsent(citizenId: string, purpose: ConsentPurpose, granted: boolean): Promise<ConsentState[]> {
    const { consents } = await this.channel.send('consent:set', { citizenId, purpose, granted });
    return this.setConsents(citizenId, consents, false);
  }

  private setMembers(value: unknown, source: 'list' | 'push' | 'unlink'): void {
    if (!Array.isArray(value)) return;
    const members = value.filter(isMember);
    const { added, removed } = membersDiff(this.list, members);
    const first = !this.everLoaded;
    this.list = members;
    this.everLoaded = true;
    this.state = 'loaded';
    this.choice = choiceAfterChange(members, this.choice);
    for (const member of removed) this.consents.delete(member.citizenId);
    this.safeEmit('changed', { kind: 'members', added, removed, first, source });
  }

  private setConsents(citizenId: string, value: unknown, pushed: boolean): ConsentState[] {
    const consents = completeConsents(Array.isArray(value) ? value.filter(isConsent) : []);
    const before = this.consents.get(citizenId);
    this.consents.set(citizenId, consents);
    // The push that follows this TV's own change says nothing new: not "changed elsewhere".
    const remote = pushed && before !== undefined && !sameGrants(before, consents);
    this.safeEmit('changed', { kind: 'consents', citizenId, remote });
    return consents;
  }

  private setState(state: HouseholdLoadState): void {
    if (state === this.state) return;
    this.state = state;
    this.safeEmit('changed', { kind: 'load' });
  }

  /** The TV's registration was revoked: nobody is linked any more. */
  private forget(): void {
    this.list = [];
    this.consents.clear();
    this.choice = UNSET;
    this.everLoaded = false;
    this.askedWho = false;
    this.setState('idle');
  }
}
