import { consentPurposeSchema, type ConsentState } from '@madoguchi/shared';
import express, { Router, type Request, type Response } from 'express';
import type { i18n as I18n, TFunction } from 'i18next';
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { RateLimiter } from '../core/RateLimiter.js';
import { safeEqual } from '../core/secrets.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { DeviceSignIn, Identity, OidcRelyingParty, PendingSignIn } from '../identity/index.js';
import { formatUserCode, normaliseUserCode } from '../identity/index.js';
import { readCookie } from './cookies.js';
import { html, page, type Html } from './html.js';
import { sameOriginOnly } from './middleware.js';

const COOKIE = 'madoguchi_phone';
/** A phone session lives while the citizen is on these pages. */
const SESSION_MS = 30 * 60_000;
/** RFC 8628 §5.1: wrong user codes are limited per browser and per address. */
const WRONG_CODES_PER_SESSION = 5;
const WRONG_CODES_PER_ADDRESS = 20;

interface PhoneSession {
  id: string;
  expiresAt: number;
  wrongCodes: number;
  /** The TV sign-in being confirmed, and the provider round trip under way. */
  linking: { authorizationId: string; deviceId: string } | null;
  oidc: (PendingSignIn & { purpose: 'link' | 'manage' }) | null;
  citizenId: string | null;
}

export interface PhonePagesDeps {
  identity: Identity;
  signIn: DeviceSignIn;
  devices: DeviceRegistry;
  /** Resolved once the provider is reachable (after the server listens). */
  relyingParty: () => OidcRelyingParty | undefined;
  i18n: I18n;
  clock: Clock;
  logger: Logger;
  secureCookies: boolean;
  /** The public base URL (scheme, host, port). */
  baseUrl: () => string;
}

/**
 * The phone pages of TV sign-in (RFC 8628's verification URI) and the citizen's own page
 * to see their TVs, unlink and change consents. Server-rendered, Japanese first, small.
 */
export function phonePages(deps: PhonePagesDeps): { router: Router; close(): void } {
  const router = Router();
  const sessions = new Map<string, PhoneSession>();
  const wrongByAddress = new RateLimiter(WRONG_CODES_PER_ADDRESS, 15 * 60_000, deps.clock);
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  const sweep = setInterval(() => {
    const now = deps.clock.now().getTime();
    for (const [id, session] of sessions) if (session.expiresAt < now) sessions.delete(id);
  }, 60_000).unref();

  const sessionOf = (req: Request, res: Response): PhoneSession => {
    const id = readCookie(req.headers.cookie, COOKIE);
    const existing = id ? sessions.get(id) : undefined;
    if (existing && existing.expiresAt > deps.clock.now().getTime()) {
      existing.expiresAt = deps.clock.now().getTime() + SESSION_MS;
      return existing;
    }
    const session: PhoneSession = {
      id: randomBytes(32).toString('base64url'),
      expiresAt: deps.clock.now().getTime() + SESSION_MS,
      wrongCodes: 0,
      linking: null,
      oidc: null,
      citizenId: null,
    };
    sessions.set(session.id, session);
    res.append(
      'Set-Cookie',
      // Lax: the provider's redirect back is a top-level navigation from another site.
      `${COOKIE}=${session.id}; Path=${req.baseUrl || '/'}; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MS / 1000}${deps.secureCookies ? '; Secure' : ''}`,
    );
    return session;
  };
  const csrfOf = (session: PhoneSession): string =>
    createHmac('sha256', session.id).update('madoguchi-phone-csrf').digest('base64url');
  const checkCsrf = (req: Request, session: PhoneSession): boolean =>
    typeof req.body?.csrf === 'string' && safeEqual(req.body.csrf, csrfOf(session));

  const langOf = (req: Request): 'ja' | 'en' => (req.query.lang === 'en' ? 'en' : 'ja');
  const render = (req: Request, res: Response, title: string, body: Html, status = 200): void => {
    const lang = langOf(req);
    const t = deps.i18n.getFixedT(lang);
    const other = new URL(req.originalUrl, 'http://x');
    if (lang === 'en') other.searchParams.delete('lang');
    else other.searchParams.set('lang', 'en');
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      // Same-origin only: our forms keep their Origin, other sites learn nothing (the URL may hold a code).
      .set('Referrer-Policy', 'same-origin')
      .type('html')
      .send(
        page({
          lang,
          title,
          heading: t('phone.heading'),
          body,
          switchLang: `${other.pathname}${other.search}`,
        }),
      );
  };
  const hidden = (session: PhoneSession): Html =>
    html`<input type="hidden" name="csrf" value="${csrfOf(session)}" />`;
  // Below the city's base (`/t/<id>`, where this router is mounted).
  const action = (req: Request, path: string): string =>
    `${req.baseUrl}${path}${langOf(req) === 'en' ? '?lang=en' : ''}`;

  const codeForm = (
    req: Request,
    res: Response,
    session: PhoneSession,
    error: string | null,
    status = 200,
  ): void => {
    const t = deps.i18n.getFixedT(langOf(req));
    render(
      req,
      res,
      t('phone.linkTitle'),
      html`<h1>${t('phone.linkTitle')}</h1>
        ${error ? html`<p class="error" role="alert" data-testid="phone-error">${error}</p>` : ''}
        <form class="card" method="post" action="${action(req, '/link')}">
          ${hidden(session)}
          <label for="code">${t('phone.enterCode')}</label>
          <input
            id="code"
            name="code"
            type="text"
            inputmode="latin"
            autocomplete="one-time-code"
            autocapitalize="characters"
            maxlength="12"
            required
            data-testid="phone-code"
            aria-describedby="code-help"
          />
          <p id="code-help" class="muted">${t('phone.codeLabel')}</p>
          <button type="submit" data-testid="phone-code-submit">${t('phone.next')}</button>
        </form>`,
      status,
    );
  };

  const confirmPage = async (
    req: Request,
    res: Response,
    session: PhoneSession,
    code: string,
  ): Promise<void> => {
    const t = deps.i18n.getFixedT(langOf(req));
    const pending = await deps.signIn.pending(code);
    if (!pending) return codeForm(req, res, session, t('phone.codeNotFound'), 404);
    const [device, household] = await Promise.all([
      deps.devices.get(pending.deviceId),
      deps.identity.household(pending.deviceId),
    ]);
    session.linking = { authorizationId: pending.id, deviceId: pending.deviceId };
    const shown = formatUserCode(normaliseUserCode(code));
    render(
      req,
      res,
      t('phone.confirmTitle'),
      html`<h1>${t('phone.confirmTitle')}</h1>
        <div class="card">
          <p>${t('phone.confirmCode')}</p>
          <p class="code" data-testid="phone-shown-code">${shown}</p>
          <p class="muted">
            ${t('phone.deviceLine', { model: shortModel(device?.model ?? ''), profile: device?.profile ?? '' })}<br />
            ${t('phone.registeredSince', { date: (device?.registeredAt ?? '').slice(0, 10) })}<br />
            ${t('phone.householdCount', { count: household.length })}
          </p>
        </div>
        <form method="post" action="${action(req, '/link/confirm')}">
          ${hidden(session)}<input type="hidden" name="code" value="${shown}" />
          <button type="submit" data-testid="phone-confirm">${t('phone.confirmYes')}</button>
        </form>
        <form method="post" action="${action(req, '/link/deny')}">
          ${hidden(session)}<input type="hidden" name="code" value="${shown}" />
          <button type="submit" class="secondary" data-testid="phone-deny">${t('phone.confirmNo')}</button>
        </form>
        <p class="muted">${t('phone.signInNote')}</p>`,
    );
  };

  const startSignIn = async (
    req: Request,
    res: Response,
    session: PhoneSession,
    purpose: 'link' | 'manage',
  ) => {
    const rp = deps.relyingParty();
    const t = deps.i18n.getFixedT(langOf(req));
    if (!rp) return render(req, res, t('phone.failed'), html`<p class="error">${t('phone.failed')}</p>`, 503);
    const { url, pending } = await rp.start();
    session.oidc = { ...pending, purpose };
    res.redirect(303, url);
  };

  router.get('/link', async (req, res) => {
    const session = sessionOf(req, res);
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    if (code) return confirmPage(req, res, session, code);
    codeForm(req, res, session, null);
  });

  router.post('/link', sameOriginOnly, form, async (req, res) => {
    const session = sessionOf(req, res);
    const t = deps.i18n.getFixedT(langOf(req));
    if (!checkCsrf(req, session)) return codeForm(req, res, session, t('phone.expired'), 403);
    const address = req.ip ?? 'unknown';
    if (session.wrongCodes >= WRONG_CODES_PER_SESSION)
      return codeForm(req, res, session, t('phone.tooManyTries'), 429);
    if (wrongByAddress.isLimited(address)) return codeForm(req, res, session, t('phone.rateLimited'), 429);
    const code = typeof req.body?.code === 'string' ? req.body.code : '';
    if (!deps.signIn.isUserCodeShaped(code) || !(await deps.signIn.pending(code))) {
      session.wrongCodes += 1;
      wrongByAddress.tryHit(address);
      const message =
        session.wrongCodes >= WRONG_CODES_PER_SESSION ? t('phone.tooManyTries') : t('phone.codeNotFound');
      return codeForm(req, res, session, message, session.wrongCodes >= WRONG_CODES_PER_SESSION ? 429 : 404);
    }
    const next = new URLSearchParams({ code: formatUserCode(normaliseUserCode(code)) });
    if (langOf(req) === 'en') next.set('lang', 'en');
    res.redirect(303, `${req.baseUrl}/link?${next}`);
  });

  router.post('/link/confirm', sameOriginOnly, form, async (req, res, next) => {
    try {
      const session = sessionOf(req, res);
      const t = deps.i18n.getFixedT(langOf(req));
      const pending =
        typeof req.body?.code === 'string' ? await deps.signIn.pending(req.body.code) : undefined;
      if (!checkCsrf(req, session) || !pending || session.linking?.authorizationId !== pending.id) {
        return codeForm(req, res, session, t('phone.expired'), 400);
      }
      await startSignIn(req, res, session, 'link');
    } catch (error) {
      next(error);
    }
  });

  router.post('/link/deny', sameOriginOnly, form, async (req, res) => {
    const session = sessionOf(req, res);
    const t = deps.i18n.getFixedT(langOf(req));
    const pending = typeof req.body?.code === 'string' ? await deps.signIn.pending(req.body.code) : undefined;
    if (!checkCsrf(req, session) || !pending || session.linking?.authorizationId !== pending.id) {
      return codeForm(req, res, session, t('phone.expired'), 400);
    }
    await deps.signIn.deny(pending.id);
    session.linking = null;
    render(
      req,
      res,
      t('phone.denied'),
      html`<p class="ok" data-testid="phone-denied">${t('phone.denied')}</p>`,
    );
  });

  router.get('/link/callback', async (req, res) => {
    const session = sessionOf(req, res);
    const t = deps.i18n.getFixedT(langOf(req));
    const rp = deps.relyingParty();
    const oidc = session.oidc;
    session.oidc = null;
    if (!rp || !oidc)
      return render(req, res, t('phone.expired'), html`<p class="error">${t('phone.expired')}</p>`, 400);
    try {
      const signedIn = await rp.finish(new URL(req.originalUrl, deps.baseUrl()), oidc);
      const citizen = await deps.identity.signedIn(signedIn);
      session.citizenId = citizen.id;
      const linking = session.linking;
      if (oidc.purpose === 'link' && linking) {
        await deps.identity.linkSelf(citizen.id, linking.deviceId, linking.authorizationId, (tx) =>
          deps.signIn.approve(linking.authorizationId, citizen.id, tx),
        );
        session.linking = null;
        return render(
          req,
          res,
          t('phone.linkTitle'),
          html`<p class="ok" data-testid="phone-linked">
              ${t('phone.linked', { name: citizen.displayName })}
            </p>
            <p><a href="${action(req, '/my')}">${t('phone.manageLink')}</a></p>`,
        );
      }
      res.redirect(303, action(req, '/my'));
    } catch (error) {
      deps.logger.warn({ err: error }, 'phone sign-in failed');
      render(
        req,
        res,
        t('phone.failed'),
        html`<p class="error" data-testid="phone-failed">${t('phone.failed')}</p>`,
        400,
      );
    }
  });

  router.get('/my', async (req, res) => {
    const session = sessionOf(req, res);
    const t = deps.i18n.getFixedT(langOf(req));
    if (!session.citizenId) {
      return render(
        req,
        res,
        t('phone.myTitle'),
        html`<h1>${t('phone.myTitle')}</h1>
          <form method="post" action="${action(req, '/my/signin')}">
            ${hidden(session)}
            <button type="submit" data-testid="phone-my-signin">${t('phone.mySignIn')}</button>
          </form>`,
      );
    }
    await myPage(req, res, session, null);
  });

  const myPage = async (
    req: Request,
    res: Response,
    session: PhoneSession,
    notice: string | null,
  ): Promise<void> => {
    const t = deps.i18n.getFixedT(langOf(req));
    const citizenId = session.citizenId as string;
    const [citizen, devices, consents] = await Promise.all([
      deps.identity.citizen(citizenId),
      deps.identity.devicesOf(citizenId),
      deps.identity.consentsOf(citizenId),
    ]);
    const records = await Promise.all(devices.map((device) => deps.devices.get(device.deviceId)));
    render(
      req,
      res,
      t('phone.myTitle'),
      html`<h1>${t('phone.myTitle')}</h1>
        <p>${citizen?.displayName ?? ''}</p>
        ${notice ? html`<p class="ok" role="status" data-testid="phone-notice">${notice}</p>` : ''}
        <section class="card">
          <h2>${t('phone.myTvs')}</h2>
          ${devices.length === 0 ? html`<p>${t('phone.noTvs')}</p>` : ''}
          <ul class="plain">
            ${devices.map((device, index) => {
              const record = records[index];
              return html`<li data-testid="phone-tv" data-device-id="${device.deviceId}">
                ${t('phone.deviceLine', { model: shortModel(record?.model ?? ''), profile: record?.profile ?? '' })}
                <form method="post" action="${action(req, '/my/unlink')}">
                  ${hidden(session)}
                  <input type="hidden" name="deviceId" value="${device.deviceId}" />
                  <button type="submit" class="secondary" data-testid="phone-unlink">
                    ${t('phone.unlink')}
                  </button>
                </form>
              </li>`;
            })}
          </ul>
        </section>
        <section class="card">
          <h2>${t('phone.consents')}</h2>
          <ul class="plain">
            ${consents.map((consent) => consentRow(req, session, t, consent))}
          </ul>
        </section>
        <form method="post" action="${action(req, '/my/signout')}">
          ${hidden(session)} <button type="submit" class="secondary">${t('phone.signOut')}</button>
        </form>`,
    );
  };

  const consentRow = (req: Request, session: PhoneSession, t: TFunction, consent: ConsentState): Html =>
    html`<li
      data-testid="phone-consent"
      data-purpose="${consent.purpose}"
      data-granted="${String(consent.granted)}"
    >
      <strong>${t(`consent.purpose.${consent.purpose}`)}</strong><br />
      ${consent.granted ? t('phone.consentOn') : t('phone.consentOff')}
      <form method="post" action="${action(req, '/my/consent')}">
        ${hidden(session)}
        <input type="hidden" name="purpose" value="${consent.purpose}" />
        <input type="hidden" name="granted" value="${consent.granted ? 'false' : 'true'}" />
        <button
          type="submit"
          class="${consent.granted ? 'secondary' : ''}"
          data-testid="phone-consent-toggle"
        >
          ${consent.granted ? t('phone.revoke') : t('phone.allow')}
        </button>
      </form>
    </li>`;

  router.post('/my/signin', sameOriginOnly, form, async (req, res, next) => {
    try {
      const session = sessionOf(req, res);
      if (!checkCsrf(req, session)) return void res.redirect(303, action(req, '/my'));
      await startSignIn(req, res, session, 'manage');
    } catch (error) {
      next(error);
    }
  });

  router.post('/my/unlink', sameOriginOnly, form, async (req, res) => {
    const session = sessionOf(req, res);
    const t = deps.i18n.getFixedT(langOf(req));
    const deviceId = typeof req.body?.deviceId === 'string' ? req.body.deviceId : '';
    if (!checkCsrf(req, session) || !session.citizenId) return void res.redirect(303, action(req, '/my'));
    let unlinked = true;
    try {
      await deps.identity.unlink(`citizen:${session.citizenId}`, deviceId, session.citizenId);
    } catch {
      unlinked = false;
    }
    await myPage(req, res, session, unlinked ? t('phone.unlinked') : null);
  });

  router.post('/my/consent', sameOriginOnly, form, async (req, res) => {
    const session = sessionOf(req, res);
    const t = deps.i18n.getFixedT(langOf(req));
    const purpose = consentPurposeSchema.safeParse(req.body?.purpose);
    if (!checkCsrf(req, session) || !session.citizenId || !purpose.success) {
      return void res.redirect(303, action(req, '/my'));
    }
    await deps.identity.setConsent(
      `citizen:${session.citizenId}`,
      session.citizenId,
      purpose.data,
      req.body?.granted === 'true',
    );
    await myPage(req, res, session, t('phone.saved'));
  });

  router.post('/my/signout', sameOriginOnly, form, (req, res) => {
    const session = sessionOf(req, res);
    if (checkCsrf(req, session)) sessions.delete(session.id);
    res.append('Set-Cookie', `${COOKIE}=; Path=${req.baseUrl || '/'}; HttpOnly; SameSite=Lax; Max-Age=0`);
    res.redirect(303, action(req, '/my'));
  });

  return { router, close: () => clearInterval(sweep) };
}

/** The browser or STB model, short: enough to recognise the box, nothing more. */
function shortModel(model: string): string {
  return model.length > 40 ? `${model.slice(0, 40)}…` : model;
}
