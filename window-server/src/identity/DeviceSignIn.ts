import type { DeviceAuthorizationResponse, DeviceTokenError } from '@madoguchi/shared';
import { randomInt } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { hashSecret, newId, newSecret } from '../core/secrets.js';
import type { TenantTx } from '../db/index.js';
import type { CitizenStore, DeviceAuthorizationRecord } from './CitizenStore.js';

/** RFC 8628 §6.1: consonants only, so no word can be spelled and nothing looks alike. */
const LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';
const DIGITS = '0123456789';

export interface DeviceSignInOptions {
  /** How long a code lives, in seconds. */
  codeSeconds: number;
  /** Minimum seconds between polls. */
  intervalSeconds: number;
  alphabet: 'letters' | 'digits';
  /** Where citizens open the phone page (`…/link`). */
  verificationUri: () => string;
}

export type PollResult = { ok: true; citizenId: string } | { ok: false; error: DeviceTokenError };

/** Upper-cases and drops separators, so "bcdf ghjk" and "BCDF-GHJK" are one code. */
export function normaliseUserCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The TV side of the OAuth 2.0 Device Authorization Grant (RFC 8628): a short-lived device code
 * for the TV (only its hash is kept), a user code the citizen confirms on a phone, polling with
 * interval and slow_down.
 */
export class DeviceSignIn {
  constructor(
    private readonly store: CitizenStore,
    private readonly clock: Clock,
    private readonly options: DeviceSignInOptions,
  ) {}

  async authorize(deviceId: string): Promise<DeviceAuthorizationResponse> {
    const now = this.clock.now();
    const deviceCode = newSecret('mdc');
    let userCode = this.newUserCode();
    // A live code must be unique; with 20^8 codes a clash is rare, but never reuse one.
    while (await this.store.pendingByUserCode(hashSecret(userCode), now.toISOString()))
      userCode = this.newUserCode();
    await this.store.insertAuthorization({
      id: newId('dau'),
      deviceId,
      deviceCodeHash: hashSecret(deviceCode),
      userCodeHash: hashSecret(userCode),
      at: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.codeSeconds * 1000).toISOString(),
      intervalSeconds: this.options.intervalSeconds,
    });
    const shown = formatUserCode(userCode);
    const uri = this.options.verificationUri();
    return {
      device_code: deviceCode,
      user_code: shown,
      verification_uri: uri,
      verification_uri_complete: `${uri}?code=${encodeURIComponent(shown)}`,
      expires_in: this.options.codeSeconds,
      interval: this.options.intervalSeconds,
    };
  }

  /** The TV asks whether the citizen has signed in yet (RFC 8628 §3.4–3.5). */
  async poll(deviceId: string, deviceCode: string): Promise<PollResult> {
    const record = await this.store.authorizationByDeviceCode(hashSecret(deviceCode));
    if (!record || record.deviceId !== deviceId || record.status === 'consumed') {
      return { ok: false, error: 'invalid_grant' };
    }
    const now = this.clock.now();
    if (record.status === 'denied') return { ok: false, error: 'access_denied' };
    if (record.status === 'approved' && record.citizenId) {
      if (!(await this.store.settleAuthorization(record.id, 'approved', 'consumed', null))) {
        return { ok: false, error: 'invalid_grant' };
      }
      return { ok: true, citizenId: record.citizenId };
    }
    if (Date.parse(record.expiresAt) <= now.getTime()) return { ok: false, error: 'expired_token' };
    const tooSoon =
      record.lastPollAt !== null &&
      now.getTime() - Date.parse(record.lastPollAt) < record.intervalSeconds * 1000;
    // §3.5: a client that polls too fast is told to slow down, and its interval grows by 5 s.
    const interval = tooSoon ? record.intervalSeconds + 5 : record.intervalSeconds;
    await this.store.recordPoll(record.id, now.toISOString(), interval);
    return { ok: false, error: tooSoon ? 'slow_down' : 'authorization_pending' };
  }

  /** The live sign-in a code belongs to, as typed or scanned on a phone. */
  async pending(userCode: string): Promise<DeviceAuthorizationRecord | undefined> {
    const code = normaliseUserCode(userCode);
    if (code.length !== 8) return undefined;
    return this.store.pendingByUserCode(hashSecret(code), this.clock.now().toISOString());
  }

  isUserCodeShaped(userCode: string): boolean {
    const code = normaliseUserCode(userCode);
    const alphabet = this.options.alphabet === 'digits' ? DIGITS : LETTERS;
    return code.length === 8 && [...code].every((char) => alphabet.includes(char));
  }

  /** In `tx` when given, so the approval commits with what it approves. */
  approve(authorizationId: string, citizenId: string, tx?: TenantTx): Promise<boolean> {
    const store = tx ? this.store.with(tx) : this.store;
    return store.settleAuthorization(authorizationId, 'pending', 'approved', citizenId);
  }

  deny(authorizationId: string): Promise<boolean> {
    return this.store.settleAuthorization(authorizationId, 'pending', 'denied', null);
  }

  private newUserCode(): string {
    const alphabet = this.options.alphabet === 'digits' ? DIGITS : LETTERS;
    return Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
  }
}
