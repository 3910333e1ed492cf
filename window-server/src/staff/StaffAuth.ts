import { createHmac } from 'node:crypto';
import type {
  StaffAccount,
  StaffAccountCreate,
  StaffAccountUpdate,
  StaffRole,
  StaffSessionInfo,
} from '@madoguchi/shared';
import { AppError } from '../core/AppError.js';
import { violatesUnique } from '../db/index.js';
import { addMinutes, type Clock } from '../core/clock.js';
import { EventHub } from '../core/EventHub.js';
import type { Logger } from '../core/logger.js';
import { RateLimiter } from '../core/RateLimiter.js';
import { hashSecret, newId, newSecret } from '../core/secrets.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import type { StaffAccountRecord, StaffSessionRecord, StaffStore } from './StaffStore.js';

export interface StaffAuthOptions {
  tenantId: string;
  lockout: { maxFailures: number; minutes: number };
  session: { idleMinutes: number; absoluteHours: number };
  failedLoginsPerAddress: number;
}

export type StaffEvents = {
  /** Sessions ended: one (`sessionHash`) or all of an officer's (`null`). */
  sessionEnded: [{ staffId: string; sessionHash: string | null; reason: 'logout' | 'disabled' | 'expired' }];
};

export interface AuthenticatedStaff {
  account: StaffAccount;
  session: StaffSessionRecord;
  /** Derived from the session secret, so nothing about it is stored. */
  csrfToken: string;
}

/** Session activity is written at most once a minute. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Officers: accounts with roles, scrypt-hashed passwords, sign-in with lock-out after repeated
 * failures, and server-side sessions (only the hash of the cookie value is stored).
 */
export class StaffAuth {
  readonly events: EventHub<StaffEvents>;
  private readonly addressFailures: RateLimiter;

  constructor(
    private readonly store: StaffStore,
    private readonly options: StaffAuthOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.events = new EventHub(logger);
    this.addressFailures = new RateLimiter(options.failedLoginsPerAddress, 15 * 60_000, clock);
  }

  /** The city whose accounts these are. */
  get tenantId(): string {
    return this.options.tenantId;
  }

  async login(
    loginId: string,
    password: string,
    address: string,
  ): Promise<{ token: string; info: StaffSessionInfo }> {
    if (this.addressFailures.isLimited(address)) throw new AppError('RATE_LIMITED');
    const account = await this.store.accountByLoginId(loginId.trim().toLowerCase());
    if (!account) {
      await verifyAgainstDummy(password);
      this.addressFailures.tryHit(address);
      throw new AppError('LOGIN_FAILED');
    }
    const now = this.clock.now();
    if (account.lockedUntil && Date.parse(account.lockedUntil) > now.getTime()) {
      throw new AppError('ACCOUNT_LOCKED', { minutes: minutesUntil(account.lockedUntil, now) });
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      this.addressFailures.tryHit(address);
      return this.failedPassword(account, now);
    }
    if (account.disabled) throw new AppError('ACCOUNT_DISABLED');
    await this.store.clearFailedLogins(account.id);
    const token = newSecret('mss');
    const session: StaffSessionRecord = {
      idHash: hashSecret(token),
      staffId: account.id,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: addMinutes(now, this.options.session.absoluteHours * 60).toISOString(),
    };
    await this.store.insertSession(session);
    this.logger.info({ staffId: account.id }, 'staff signed in');
    return { token, info: { staff: publicAccount(account), csrfToken: csrfTokenFor(token) } };
  }

  private async failedPassword(account: StaffAccountRecord, now: Date): Promise<never> {
    const failures = account.failedLogins + 1;
    if (failures >= this.options.lockout.maxFailures) {
      const until = addMinutes(now, this.options.lockout.minutes).toISOString();
      await this.store.recordFailedLogin(account.id, until);
      this.logger.warn({ staffId: account.id }, 'staff account locked after repeated failed sign-ins');
      throw new AppError('ACCOUNT_LOCKED', { minutes: this.options.lockout.minutes });
    }
    await this.store.recordFailedLogin(account.id, null);
    throw new AppError('LOGIN_FAILED');
  }

  /** The officer behind a session cookie; throws UNAUTHENTICATED when there is none. */
  async authenticate(token: string | undefined): Promise<AuthenticatedStaff> {
    if (!token || token.length > 200) throw new AppError('UNAUTHENTICATED');
    const session = await this.store.sessionByHash(hashSecret(token));
    if (!session) throw new AppError('UNAUTHENTICATED');
    // Another city's session is no session here, and it is left alone.
    const owner = await this.store.accountById(session.staffId);
    if (owner && owner.tenantId !== this.options.tenantId) throw new AppError('UNAUTHENTICATED');
    const now = this.clock.now();
    const idleUntil = addMinutes(new Date(session.lastSeenAt), this.options.session.idleMinutes);
    if (Date.parse(session.expiresAt) <= now.getTime() || idleUntil.getTime() <= now.getTime()) {
      await this.store.deleteSession(session.idHash);
      this.events.emit('sessionEnded', {
        staffId: session.staffId,
        sessionHash: session.idHash,
        reason: 'expired',
      });
      throw new AppError('UNAUTHENTICATED');
    }
    const account = owner;
    if (!account || account.disabled) {
      await this.store.deleteSessionsOf(session.staffId);
      throw new AppError('UNAUTHENTICATED');
    }
    if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
      await this.store.touchSession(session.idHash, now.toISOString());
    }
    return { account: publicAccount(account), session, csrfToken: csrfTokenFor(token) };
  }

  sessionInfo(auth: AuthenticatedStaff): StaffSessionInfo {
    return { staff: auth.account, csrfToken: auth.csrfToken };
  }

  async logout(auth: AuthenticatedStaff): Promise<void> {
    await this.store.deleteSession(auth.session.idHash);
    this.events.emit('sessionEnded', {
      staffId: auth.account.id,
      sessionHash: auth.session.idHash,
      reason: 'logout',
    });
  }

  /** An officer's public account, or undefined (unknown or another tenant's). */
  async account(id: string): Promise<StaffAccount | undefined> {
    const account = await this.store.accountById(id);
    return account && account.tenantId === this.options.tenantId ? publicAccount(account) : undefined;
  }

  async listAccounts(): Promise<StaffAccount[]> {
    return (await this.store.listAccounts()).map(publicAccount);
  }

  async createAccount(input: StaffAccountCreate): Promise<StaffAccount> {
    if (await this.store.accountByLoginId(input.loginId)) {
      throw new AppError('CONFLICT', undefined, ['loginId']);
    }
    const passwordHash = await hashPassword(input.password);
    // Checked again after the slow hash: two admins may create the same id at once.
    if (await this.store.accountByLoginId(input.loginId)) {
      throw new AppError('CONFLICT', undefined, ['loginId']);
    }
    const account = await this.store
      .insertAccount({
        id: newId('stf'),
        loginId: input.loginId,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        language: input.language,
        at: this.clock.now().toISOString(),
      })
      .catch((error: unknown) => {
        // Another node created the same login id between the check and this insert.
        if (violatesUnique(error, 'staff_accounts_tenant_id_login_id_key'))
          throw new AppError('CONFLICT', undefined, ['loginId']);
        throw error;
      });
    this.logger.info({ staffId: account.id, role: account.role }, 'staff account created');
    return publicAccount(account);
  }

  /** Disabling an account ends its sessions at once. An admin cannot disable or demote themself. */
  async updateAccount(actor: StaffAccount, id: string, change: StaffAccountUpdate): Promise<StaffAccount> {
    const account = await this.store.accountById(id);
    if (!account || account.tenantId !== this.options.tenantId) throw new AppError('NOT_FOUND');
    if (actor.id === id && (change.disabled === true || (change.role && change.role !== actor.role))) {
      throw new AppError('FORBIDDEN');
    }
    const now = this.clock.now().toISOString();
    const update: { displayName?: string; role?: StaffRole; disabledAt?: string | null } = {};
    if (change.displayName !== undefined) update.displayName = change.displayName;
    if (change.role !== undefined) update.role = change.role;
    if (change.disabled !== undefined)
      update.disabledAt = change.disabled ? (account.disabledAt ?? now) : null;
    await this.store.updateAccount(id, update, now);
    // Moving between the city's roles and the cable operator's changes what a live console may
    // hear at all: sign in again with the new role.
    const crossesOperator =
      change.role !== undefined && (change.role === 'operator') !== (account.role === 'operator');
    if (change.disabled === true && !account.disabled) {
      await this.store.deleteSessionsOf(id);
      this.events.emit('sessionEnded', { staffId: id, sessionHash: null, reason: 'disabled' });
      this.logger.info({ staffId: id, by: actor.id }, 'staff account disabled; its sessions ended');
    } else if (crossesOperator) {
      await this.store.deleteSessionsOf(id);
      this.events.emit('sessionEnded', { staffId: id, sessionHash: null, reason: 'expired' });
      this.logger.info({ staffId: id, by: actor.id }, 'staff account moved to or from the operator role');
    }
    return publicAccount((await this.store.accountById(id)) as StaffAccountRecord);
  }

  /** Demo and first-run accounts; does nothing when the login id exists. */
  async ensureAccount(input: StaffAccountCreate): Promise<void> {
    if (await this.store.accountByLoginId(input.loginId)) return;
    await this.createAccount(input);
  }

  purgeExpiredSessions(): Promise<number> {
    return this.store.deleteExpiredSessions(this.clock.now().toISOString());
  }
}

/** The CSRF token of a session: an HMAC keyed by the session secret, which only the cookie holds. */
function csrfTokenFor(sessionToken: string): string {
  return `csrf_${createHmac('sha256', sessionToken).update('madoguchi-csrf').digest('base64url')}`;
}

function minutesUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 60_000));
}

function publicAccount(record: StaffAccountRecord): StaffAccount {
  return {
    id: record.id,
    loginId: record.loginId,
    displayName: record.displayName,
    role: record.role,
    disabled: record.disabled,
    createdAt: record.createdAt,
  };
}
