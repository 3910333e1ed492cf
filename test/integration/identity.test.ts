import type {
  AuditVerification,
  CitizenPanel,
  ConsentState,
  DeviceAuthorizationResponse,
  DirectoryCitizen,
  HouseholdMember,
} from '@madoguchi/shared';
import type { WindowServer } from '@madoguchi/window-server';
import { describe, expect, it } from 'vitest';
import { request } from './support/clients.js';
import { accept, join, manualClock, pushed } from './support/counter.js';
import { PhoneBrowser } from './support/phone.js';
import { rawExec } from '../support/rawDatabase.js';
import { testRig } from './support/rig.js';

const rig = testRig();
const { server, tv, staff } = rig;

async function authorize(s: WindowServer, token: string): Promise<DeviceAuthorizationResponse> {
  const response = await fetch(`${s.cityUrl()}/api/v1/device/authorize`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: s.url, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(response.status).toBe(200);
  return (await response.json()) as DeviceAuthorizationResponse;
}

async function poll(
  s: WindowServer,
  token: string,
  deviceCode: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${s.cityUrl()}/api/v1/device/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: s.url, 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: deviceCode,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The phone: open the TV's link, confirm the code, sign in at the provider as a demo citizen. */
async function phoneSignsIn(
  s: WindowServer,
  link: string,
  loginId: string,
  options: { wrongPasswordFirst?: boolean } = {},
): Promise<string> {
  const phone = new PhoneBrowser(s.cityUrl());
  const confirm = await phone.get(link);
  expect(confirm.status).toBe(200);
  const login = await phone.post(PhoneBrowser.formAction(confirm.text, '/link/confirm'), {
    csrf: PhoneBrowser.csrf(confirm.text),
    code: /data-testid="phone-shown-code">([^<]+)</.exec(confirm.text)?.[1] ?? '',
  });
  expect(login.url).toContain('/sandbox/idp/interaction/');
  if (options.wrongPasswordFirst) {
    const refused = await phone.post(PhoneBrowser.formAction(login.text, '/login'), {
      login: loginId,
      password: 'not-the-password',
    });
    expect(refused.url).toContain('/sandbox/idp/interaction/');
    expect(refused.text).toContain('ログインIDか パスワードが 違います。 / Wrong login ID or password.');
  }
  const done = await phone.post(PhoneBrowser.formAction(login.text, '/login'), {
    login: loginId,
    password: 'omura-demo',
  });
  expect(done.url).toContain('/link/callback');
  return done.text;
}

async function auditRows(
  s: WindowServer,
): Promise<{ seq: number; actor: string; action: string; subject: string | null }[]> {
  return (await s.audit.latest(500))
    .reverse()
    .map(({ seq, actor, action, subject }) => ({ seq, actor, action, subject }));
}

describe('TV sign-in with the device authorization grant (RFC 8628)', () => {
  it('links the citizen who signs in on a phone, and the TV hears their name', async () => {
    const clock = manualClock('2026-11-27T10:00:00+09:00');
    const s = await server({ clock });
    const { socket, token, deviceId } = await tv(s);
    const codes = await authorize(s, token);
    expect(codes.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(codes).toMatchObject({ expires_in: 600, interval: 5, verification_uri: `${s.cityUrl()}/link` });
    expect(codes.verification_uri_complete).toBe(`${s.cityUrl()}/link?code=${codes.user_code}`);
    expect(await poll(s, token, codes.device_code)).toEqual({
      status: 400,
      body: { error: 'authorization_pending' },
    });

    const household = pushed<{ members: HouseholdMember[] }>(socket, 'household:changed');
    const page = await phoneSignsIn(s, codes.verification_uri_complete, 'tanaka.ichiro', {
      wrongPasswordFirst: true,
    });
    expect(page).toContain('田中 一郎さんを テレビに 登録しました');
    expect((await household).members).toMatchObject([{ displayName: '田中 一郎', linkedBy: 'self' }]);

    clock.set('2026-11-27T10:00:06+09:00');
    const granted = await poll(s, token, codes.device_code);
    expect(granted).toMatchObject({ status: 200, body: { citizen: { displayName: '田中 一郎' } } });
    // The device code is used once.
    clock.set('2026-11-27T10:00:12+09:00');
    expect((await poll(s, token, codes.device_code)).body).toEqual({ error: 'invalid_grant' });
    expect(await request(socket, 'household:list', {})).toMatchObject({
      ok: true,
      data: { members: [{ displayName: '田中 一郎' }] },
    });
    expect((await auditRows(s)).map((r) => r.action)).toContain('citizen.linked');
    void deviceId;
  });

  it('tells a TV that polls too fast to slow down, and grows its interval', async () => {
    const clock = manualClock('2026-11-27T10:00:00+09:00');
    const s = await server({ clock });
    const { token } = await tv(s);
    const codes = await authorize(s, token);
    expect((await poll(s, token, codes.device_code)).body.error).toBe('authorization_pending');
    clock.set('2026-11-27T10:00:02+09:00');
    expect((await poll(s, token, codes.device_code)).body.error).toBe('slow_down');
    // The interval is now 10 s: 7 s later is still too soon; 11 s later is fine.
    clock.set('2026-11-27T10:00:09+09:00');
    expect((await poll(s, token, codes.device_code)).body.error).toBe('slow_down');
    clock.set('2026-11-27T10:00:25+09:00');
    expect((await poll(s, token, codes.device_code)).body.error).toBe('authorization_pending');
  });

  it('refuses an expired code on the phone and to the TV; a new code works', async () => {
    const clock = manualClock('2026-11-27T10:00:00+09:00');
    const s = await server({ clock });
    const { token } = await tv(s);
    const old = await authorize(s, token);
    clock.set('2026-11-27T10:10:01+09:00');
    expect((await poll(s, token, old.device_code)).body.error).toBe('expired_token');
    const phone = new PhoneBrowser(s.cityUrl());
    const page = await phone.get(old.verification_uri_complete);
    expect(page.status).toBe(404);
    expect(page.text).toContain('期限が 切れています');
    const renewed = await authorize(s, token);
    expect(renewed.user_code).not.toBe(old.user_code);
    expect(await phoneSignsIn(s, renewed.verification_uri_complete, 'sato.misaki')).toContain(
      '佐藤 美咲さん',
    );
  });

  it('limits wrong code entries to five per phone, then refuses even the right one', async () => {
    const s = await server();
    const { token } = await tv(s);
    const codes = await authorize(s, token);
    const phone = new PhoneBrowser(s.cityUrl());
    let page = await phone.get(`${s.cityUrl()}/link`);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const result = await phone.post('/link', { csrf: PhoneBrowser.csrf(page.text), code: 'BBBB-BBBB' });
      statuses.push(result.status);
      page = result;
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
    const right = await phone.post('/link', { csrf: PhoneBrowser.csrf(page.text), code: codes.user_code });
    expect(right.status).toBe(429);
    expect(right.text).toContain('上限に 達しました');
  });

  it('tells the TV when the citizen says the code is not theirs', async () => {
    const s = await server();
    const { token } = await tv(s);
    const codes = await authorize(s, token);
    const phone = new PhoneBrowser(s.cityUrl());
    const confirm = await phone.get(codes.verification_uri_complete);
    const denied = await phone.post(PhoneBrowser.formAction(confirm.text, '/link/deny'), {
      csrf: PhoneBrowser.csrf(confirm.text),
      code: codes.user_code,
    });
    expect(denied.text).toContain('やめました');
    expect((await poll(s, token, codes.device_code)).body.error).toBe('access_denied');
  });

  it('refuses a request without the TV’s token, or with a forged CSRF field on the phone', async () => {
    const s = await server();
    const anonymous = await fetch(`${s.cityUrl()}/api/v1/device/authorize`, {
      method: 'POST',
      headers: { origin: s.url },
    });
    expect(anonymous.status).toBe(409);
    const { token } = await tv(s);
    const codes = await authorize(s, token);
    const phone = new PhoneBrowser(s.cityUrl());
    await phone.get(codes.verification_uri_complete);
    const forged = await phone.post('/link/confirm', { csrf: 'forged', code: codes.user_code });
    expect(forged.status).toBe(400);
    expect((await poll(s, token, codes.device_code)).body.error).toBe('authorization_pending');
  });
});

describe('consent and what officers see', () => {
  it('shows an officer only what each citizen consented to; a revoke hides it at once; every read is audited', async () => {
    const s = await server();
    const citizen = await tv(s);
    const codes = await authorize(s, citizen.token);
    await phoneSignsIn(s, codes.verification_uri_complete, 'sato.misaki');
    const members = await request<{ members: HouseholdMember[] }>(citizen.socket, 'household:list', {});
    const citizenId = members.ok ? (members.data.members[0]?.citizenId as string) : '';

    await join(citizen.socket, 'childcare');
    const desk = await staff(s, 'staff');
    const { consultation } = await accept(desk.socket);
    const panel = async () => {
      const ack = await request<{ linkedCount: number; citizens: CitizenPanel[] }>(
        desk.socket,
        'citizen:panel',
        {
          consultationId: consultation.consultationId,
        },
      );
      if (!ack.ok) throw new Error(ack.error.code);
      return ack.data;
    };
    expect(await panel()).toMatchObject({ linkedCount: 1, citizens: [{ citizenId, profile: null }] });

    const told = pushed<{ consultationId: string }>(desk.socket, 'citizen:changed');
    const granted = await request<{ consents: ConsentState[] }>(citizen.socket, 'consent:set', {
      citizenId,
      purpose: 'profile',
      granted: true,
    });
    expect(granted.ok && granted.data.consents.find((c) => c.purpose === 'profile')?.granted).toBe(true);
    expect((await told).consultationId).toBe(consultation.consultationId);
    expect((await panel()).citizens[0]?.profile).toMatchObject({
      name: '佐藤 美咲',
      birthDate: '1992-06-21',
      children: [{ name: '佐藤 結衣' }, { name: '佐藤 陽太' }],
    });

    await request(citizen.socket, 'consent:set', { citizenId, purpose: 'profile', granted: false });
    expect((await panel()).citizens[0]?.profile).toBeNull();

    const actions = (await auditRows(s))
      .filter((r) => r.subject === citizenId)
      .map((r) => `${r.actor.split(':')[0]} ${r.action}`);
    expect(actions).toEqual([
      'citizen citizen.linked',
      'staff citizen.profile.refused',
      'device consent.granted',
      'staff citizen.profile.read',
      'device consent.revoked',
      'staff citizen.profile.refused',
    ]);
    const stranger = await tv(s);
    expect(
      await request(stranger.socket, 'consent:set', { citizenId, purpose: 'profile', granted: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_LINKED' },
    });
  });

  it('lets an officer link a citizen without a smartphone after checking identity; supervisors see it', async () => {
    const s = await server();
    const citizen = await tv(s);
    await join(citizen.socket, 'procedures');
    const desk = await staff(s, 'staff');
    const { consultation } = await accept(desk.socket);
    const found = await request<{ results: DirectoryCitizen[] }>(desk.socket, 'citizen:search', {
      consultationId: consultation.consultationId,
      name: '田中',
    });
    const results = found.ok ? found.data.results : [];
    expect(results.map((r) => r.name)).toEqual(['田中 一郎', '田中 花子']);
    expect(JSON.stringify(results)).not.toContain('demo-000');

    const ref = results[1]?.ref as string;
    const unchecked = await request(desk.socket, 'citizen:link', {
      consultationId: consultation.consultationId,
      ref,
      checks: { name: true, birthDate: false, address: true, photoId: false },
    });
    expect(unchecked).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_INVALID', fields: ['checks.birthDate'] },
    });

    const household = pushed<{ members: HouseholdMember[] }>(citizen.socket, 'household:changed');
    const linked = await request(desk.socket, 'citizen:link', {
      consultationId: consultation.consultationId,
      ref,
      checks: { name: true, birthDate: true, address: true, photoId: true },
    });
    expect(linked).toMatchObject({ ok: true, data: { displayName: '田中 花子' } });
    expect((await household).members).toMatchObject([{ displayName: '田中 花子', linkedBy: 'staff' }]);

    const supervisor = await fetch(`${s.cityUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: s.url },
      body: JSON.stringify({ loginId: 'supervisor', password: 'madoguchi-demo' }),
    });
    const cookie = (supervisor.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const links = (await (
      await fetch(`${s.cityUrl()}/api/v1/assisted-links`, { headers: { cookie } })
    ).json()) as {
      links: { staffName: string; consultationId: string; checks: Record<string, boolean> }[];
    };
    expect(links.links).toMatchObject([
      { staffName: '窓口 太郎', consultationId: consultation.consultationId, checks: { photoId: true } },
    ]);
    // A citizen the officer found later signs in on a phone: the same person, not a new one.
    const codes = await authorize(s, citizen.token);
    await phoneSignsIn(s, codes.verification_uri_complete, 'tanaka.hanako');
    const after = await request<{ members: HouseholdMember[] }>(citizen.socket, 'household:list', {});
    expect(after.ok && after.data.members).toHaveLength(1);
  });

  it('refuses a My Number in an officer’s notes, and stores nothing', async () => {
    const s = await server();
    const citizen = await tv(s);
    await join(citizen.socket, 'procedures');
    const desk = await staff(s, 'staff');
    const { consultation } = await accept(desk.socket);
    const refused = await request(desk.socket, 'call:end', {
      consultationId: consultation.consultationId,
      outcome: 'resolved',
      notes: '本人確認済み 番号 1234 5678 9018',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'MY_NUMBER_REFUSED', message: 'errors.MY_NUMBER_REFUSED' },
    });
    expect((await s.counter.consultation(consultation.consultationId))?.status).toBe('active');
  });
});

describe('the audit trail', () => {
  it('verifies a good chain and names the first row someone altered by hand', async () => {
    const s = await server();
    const citizen = await tv(s);
    const codes = await authorize(s, citizen.token);
    await phoneSignsIn(s, codes.verification_uri_complete, 'suzuki.ken');
    const members = await request<{ members: HouseholdMember[] }>(citizen.socket, 'household:list', {});
    const citizenId = members.ok ? (members.data.members[0]?.citizenId as string) : '';
    for (const granted of [true, false, true]) {
      await request(citizen.socket, 'consent:set', { citizenId, purpose: 'wallet', granted });
    }
    expect(await s.audit.verify()).toEqual({ ok: true, rows: 4, firstBroken: null });

    const rewrite = "UPDATE audit_log SET action = 'consent.granted' WHERE seq = 3";
    await expect(rawExec(s.config, { sqlite: rewrite, postgres: rewrite })).rejects.toThrow(/append-only/);
    // Someone with the database's owner rights and a shell: drop the guard and rewrite a row.
    await rawExec(s.config, {
      sqlite: `DROP TRIGGER audit_log_no_update; ${rewrite}`,
      postgres: `DROP TRIGGER audit_log_no_update ON audit_log; ${rewrite}`,
    });
    const verdict: AuditVerification = await s.audit.verify();
    expect(verdict).toEqual({ ok: false, rows: 3, firstBroken: { seq: 3, reason: 'hash' } });
  });
});
