import express, { Router, type Request, type Response } from 'express';
import type { i18n as I18n } from 'i18next';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../core/logger.js';
import { html, page } from '../http/index.js';
import { DEMO_CITIZEN_PASSWORD, type DemoCitizen } from './demoCitizens.js';

/** Where the sandbox provider lives on window-server. */
export const SANDBOX_IDP_PATH = '/sandbox/idp';

/**
 * An embedded OpenID provider for sandbox mode, made with oidc-provider (a certified OpenID
 * provider library): one city's demo citizens (demoCitizensOf) sign in with their login id and
 * the demo password. It plays the part めぶくID plays in production; window-server is its only
 * client.
 */
export class SandboxIdentityProvider {
  readonly issuer: string;
  readonly clientId = 'madoguchi-window-server';
  readonly clientSecret = randomBytes(32).toString('base64url');
  private readonly provider: Provider;
  private readonly path: string;
  /** Japanese, then English: it stands in for a partner's page that has no language switch. */
  private readonly text: (key: string, options?: Record<string, unknown>) => string;

  constructor(
    baseUrl: string,
    redirectUris: string[],
    private readonly logger: Logger,
    i18n: I18n,
    private readonly citizens: readonly DemoCitizen[],
  ) {
    const ja = i18n.getFixedT('ja', undefined, 'sandboxIdp');
    const en = i18n.getFixedT('en', undefined, 'sandboxIdp');
    this.text = (key, options) => `${ja(key, options)} / ${en(key, options)}`;
    this.issuer = `${baseUrl}${SANDBOX_IDP_PATH}`;
    // The provider's own pages are below the city's base path (`/t/<id>/sandbox/idp`).
    this.path = new URL(this.issuer).pathname;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: redirectUris,
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...jwk, kid: 'sandbox-1', use: 'sig', alg: 'RS256' }] as never },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      pkce: { methods: ['S256'], required: () => true },
      features: { devInteractions: { enabled: false } },
      claims: { openid: ['sub'], profile: ['name', 'family_name', 'given_name'] },
      findAccount: (_ctx, id) => {
        const citizen = this.citizens.find((c) => c.subject === id);
        if (!citizen) return undefined;
        const [family, given] = citizen.name.split(' ');
        return {
          accountId: id,
          claims: () => ({ sub: id, name: citizen.name, family_name: family, given_name: given }),
        };
      },
      interactions: { url: (_ctx, interaction) => `${this.path}/interaction/${interaction.uid}` },
      // Window-server is a first-party client: no separate consent screen at the provider.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const session = ctx.oidc.session;
        const client = ctx.oidc.client;
        if (!session?.accountId || !client) return undefined;
        const existing = session.grantIdFor(client.clientId);
        if (existing) return ctx.oidc.provider.Grant.find(existing);
        const grant = new ctx.oidc.provider.Grant({
          accountId: session.accountId,
          clientId: client.clientId,
        });
        grant.addOIDCScope('openid profile');
        await grant.save();
        session.grantIdFor(client.clientId, grant.jti);
        return grant;
      },
      renderError: (ctx, out) => {
        ctx.type = 'html';
        ctx.body = page({
          lang: 'ja',
          title: this.text('errorTitle'),
          heading: this.text('heading'),
          body: html`<div class="error">${String(out.error)}: ${String(out.error_description ?? '')}</div>`,
        });
      },
    });
  }

  /** The interaction (sign-in) pages and the provider's own endpoints, mounted at SANDBOX_IDP_PATH. */
  router(): Router {
    const router = Router();
    const form = express.urlencoded({ extended: false, limit: '4kb' });
    router.get('/interaction/:uid', (req, res) => void this.showLogin(req, res, null));
    router.post('/interaction/:uid/login', form, (req, res) => void this.login(req, res));
    router.get('/interaction/:uid/abort', (req, res) => void this.abort(req, res));
    router.use(this.provider.callback());
    return router;
  }

  private async showLogin(req: Request, res: Response, error: string | null): Promise<void> {
    try {
      const details = await this.provider.interactionDetails(req, res);
      res.type('html').send(
        page({
          lang: 'ja',
          title: this.text('signInTitle'),
          heading: this.text('heading'),
          body: html`<h1>${this.text('signIn')}</h1>
            ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
            <form class="card" method="post" action="${`${this.path}/interaction/${details.uid}/login`}">
              <label for="login">${this.text('loginId')}</label>
              <input id="login" name="login" type="text" autocomplete="username" required />
              <label for="password">${this.text('password')}</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required />
              <button type="submit" data-testid="idp-submit">${this.text('signIn')}</button>
            </form>
            <div class="card muted">
              <p>${this.text('demoCitizens', { password: DEMO_CITIZEN_PASSWORD })}</p>
              <ul class="plain">
                ${this.citizens.map((c) => html`<li><code>${c.loginId}</code> ${c.name}</li>`)}
              </ul>
            </div>
            <p>
              <a href="${`${this.path}/interaction/${details.uid}/abort`}">${this.text('cancel')}</a>
            </p>`,
        }),
      );
    } catch (failure) {
      this.logger.warn({ err: failure }, 'sandbox sign-in page without a live interaction');
      this.expired(res);
    }
  }

  /** The sign-in outlived its interaction (or never had one): start again from the phone. */
  private expired(res: Response): void {
    res
      .status(400)
      .type('html')
      .send(
        page({
          lang: 'ja',
          title: this.text('errorTitle'),
          heading: this.text('heading'),
          body: html`<p class="error">${this.text('expired')}</p>`,
        }),
      );
  }

  private async login(req: Request, res: Response): Promise<void> {
    const loginId = typeof req.body?.login === 'string' ? req.body.login.trim() : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const citizen = this.citizens.find((c) => c.loginId === loginId);
    if (!citizen || password !== DEMO_CITIZEN_PASSWORD) {
      return this.showLogin(req, res, this.text('wrongLogin'));
    }
    try {
      await this.provider.interactionFinished(
        req,
        res,
        { login: { accountId: citizen.subject } },
        { mergeWithLastSubmission: false },
      );
    } catch (failure) {
      this.logger.warn({ err: failure }, 'sandbox sign-in could not finish');
      this.expired(res);
    }
  }

  private async abort(req: Request, res: Response): Promise<void> {
    try {
      await this.provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the citizen cancelled' },
        { mergeWithLastSubmission: false },
      );
    } catch {
      this.expired(res);
    }
  }
}
