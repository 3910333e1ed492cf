import express, { Router, type Request, type Response } from 'express';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../core/logger.js';
import { html, page } from '../http/html.js';
import { DEMO_CITIZEN_PASSWORD, DEMO_CITIZENS } from './demoCitizens.js';

/** Where the sandbox provider lives on window-server. */
export const SANDBOX_IDP_PATH = '/sandbox/idp';

/**
 * An embedded OpenID provider for sandbox mode, made with oidc-provider (a certified OpenID
 * provider library): the demo citizens sign in with their login id and the demo password. It
 * plays the part めぶくID plays in production; window-server is its only client.
 */
export class SandboxIdentityProvider {
  readonly issuer: string;
  readonly clientId = 'madoguchi-window-server';
  readonly clientSecret = randomBytes(32).toString('base64url');
  private readonly provider: Provider;

  constructor(
    baseUrl: string,
    redirectUris: string[],
    private readonly logger: Logger,
  ) {
    this.issuer = `${baseUrl}${SANDBOX_IDP_PATH}`;
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
        const citizen = DEMO_CITIZENS.find((c) => c.subject === id);
        if (!citizen) return undefined;
        const [family, given] = citizen.name.split(' ');
        return {
          accountId: id,
          claims: () => ({ sub: id, name: citizen.name, family_name: family, given_name: given }),
        };
      },
      interactions: { url: (_ctx, interaction) => `${SANDBOX_IDP_PATH}/interaction/${interaction.uid}` },
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
          title: 'エラー / Error',
          heading: 'サンドボックス ID / Sandbox ID',
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
          title: 'サインイン（サンドボックス）',
          heading: 'めぶくID（サンドボックス）/ Sandbox ID',
          body: html`<h1>サインイン / Sign in</h1>
            ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
            <form
              class="card"
              method="post"
              action="${`${SANDBOX_IDP_PATH}/interaction/${details.uid}/login`}"
            >
              <label for="login">ログインID / Login ID</label>
              <input id="login" name="login" type="text" autocomplete="username" required />
              <label for="password">パスワード / Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required />
              <button type="submit" data-testid="idp-submit">サインイン / Sign in</button>
            </form>
            <div class="card muted">
              <p>デモ用の市民 / Demo citizens (password: <code>${DEMO_CITIZEN_PASSWORD}</code>)</p>
              <ul class="plain">
                ${DEMO_CITIZENS.map((c) => html`<li><code>${c.loginId}</code> ${c.name}</li>`)}
              </ul>
            </div>
            <p><a href="${`${SANDBOX_IDP_PATH}/interaction/${details.uid}/abort`}">やめる / Cancel</a></p>`,
        }),
      );
    } catch (failure) {
      this.logger.warn({ err: failure }, 'sandbox sign-in page without a live interaction');
      res
        .status(400)
        .type('html')
        .send(
          page({
            lang: 'ja',
            title: 'エラー',
            heading: 'サンドボックス ID',
            body: html`<p class="error">この画面は 期限切れです。/ This page has expired.</p>`,
          }),
        );
    }
  }

  private async login(req: Request, res: Response): Promise<void> {
    const loginId = typeof req.body?.login === 'string' ? req.body.login.trim() : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const citizen = DEMO_CITIZENS.find((c) => c.loginId === loginId);
    if (!citizen || password !== DEMO_CITIZEN_PASSWORD) {
      return this.showLogin(req, res, 'ログインIDか パスワードが 違います。/ Wrong login ID or password.');
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
      res.status(400).send('interaction expired');
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
      res.status(400).send('interaction expired');
    }
  }
}
