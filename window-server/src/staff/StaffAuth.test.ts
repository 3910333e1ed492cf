import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/support/testDatabase.js';
import { createLogger } from '../core/logger.js';
import { StaffAuth } from './StaffAuth.js';
import { StaffStore } from './StaffStore.js';

const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const test of databases.splice(0)) await test.close();
});

async function setup() {
  let now = Date.parse('2026-11-27T09:00:00+09:00');
  const clock = { now: () => new Date(now) };
  const test = await openTestDatabase();
  databases.push(test);
  const store = new StaffStore(test.db.forTenant('omura'));
  const auth = new StaffAuth(
    store,
    {
      tenantId: 'omura',
      lockout: { maxFailures: 3, minutes: 15 },
      session: { idleMinutes: 60, absoluteHours: 12 },
      failedLoginsPerAddress: 100,
    },
    clock,
    createLogger('silent'),
  );
  const advance = (minutes: number): void => {
    now += minutes * 60_000;
  };
  return { auth, advance, store };
}

const PASSWORD = 'a long passphrase for tests';

describe('StaffAuth', () => {
  it('stores a scrypt hash, never the password', async () => {
    const { auth, store } = await setup();
    await auth.createAccount({
      loginId: 'sato',
      displayName: '佐藤',
      role: 'staff',
      password: PASSWORD,
      language: 'ja',
    });
    const record = await store.accountByLoginId('sato');
    expect(record?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(record?.passwordHash).not.toContain(PASSWORD);
  });

  it('unlocks a locked account when the lock-out time has passed, and reports minutes left', async () => {
    const { auth, advance } = await setup();
    await auth.createAccount({
      loginId: 'sato',
      displayName: '佐藤',
      role: 'staff',
      password: PASSWORD,
      language: 'ja',
    });
    for (const attempt of [1, 2]) {
      await expect(auth.login('sato', `wrong ${attempt}`, '10.0.0.1')).rejects.toMatchObject({
        code: 'LOGIN_FAILED',
      });
    }
    await expect(auth.login('sato', 'wrong 3', '10.0.0.1')).rejects.toMatchObject({
      code: 'ACCOUNT_LOCKED',
      params: { minutes: 15 },
    });
    advance(10);
    await expect(auth.login('sato', PASSWORD, '10.0.0.1')).rejects.toMatchObject({ params: { minutes: 5 } });
    advance(6);
    await expect(auth.login('sato', PASSWORD, '10.0.0.1')).resolves.toMatchObject({
      info: { staff: { loginId: 'sato' } },
    });
  });

  it('a success resets the failure count', async () => {
    const { auth } = await setup();
    await auth.createAccount({
      loginId: 'sato',
      displayName: '佐藤',
      role: 'staff',
      password: PASSWORD,
      language: 'ja',
    });
    await expect(auth.login('sato', 'wrong', 'a')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    await expect(auth.login('sato', 'wrong', 'a')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    await auth.login('sato', PASSWORD, 'a');
    await expect(auth.login('sato', 'wrong', 'a')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
  });

  it('ends a session after an hour idle, and after twelve hours whatever happens', async () => {
    const { auth, advance } = await setup();
    await auth.createAccount({
      loginId: 'sato',
      displayName: '佐藤',
      role: 'staff',
      password: PASSWORD,
      language: 'ja',
    });
    const idle = await auth.login('sato', PASSWORD, 'a');
    advance(61);
    await expect(auth.authenticate(idle.token)).rejects.toThrowError(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );

    const busy = await auth.login('sato', PASSWORD, 'a');
    for (let hour = 0; hour < 12; hour += 1) {
      advance(59);
      await auth.authenticate(busy.token);
    }
    advance(13);
    await expect(auth.authenticate(busy.token)).rejects.toThrowError(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
  });

  it('ends the sessions of an account moved to or from the operator role, not of other role changes', async () => {
    const { auth } = await setup();
    const admin = await auth.createAccount({
      loginId: 'admin',
      displayName: '管理',
      role: 'admin',
      password: PASSWORD,
      language: 'ja',
    });
    const sato = await auth.createAccount({
      loginId: 'sato',
      displayName: '佐藤',
      role: 'staff',
      password: PASSWORD,
      language: 'ja',
    });
    const ended: string[] = [];
    auth.events.on('sessionEnded', ({ staffId, reason }) => ended.push(`${staffId}:${reason}`));

    const promoted = await auth.login('sato', PASSWORD, 'a');
    await auth.updateAccount(admin, sato.id, { role: 'supervisor' });
    expect((await auth.authenticate(promoted.token)).account.role).toBe('supervisor');
    expect(ended).toEqual([]);

    await auth.updateAccount(admin, sato.id, { role: 'operator' });
    await expect(auth.authenticate(promoted.token)).rejects.toThrowError(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    const operator = await auth.login('sato', PASSWORD, 'a');
    await auth.updateAccount(admin, sato.id, { role: 'staff' });
    await expect(auth.authenticate(operator.token)).rejects.toThrowError(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(ended).toEqual([`${sato.id}:expired`, `${sato.id}:expired`]);
  });
});
