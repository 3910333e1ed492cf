import { Router, type RequestHandler } from 'express';
import type { i18n as I18n } from 'i18next';
import type { Logger } from '../core/logger.js';
import { OidcRelyingParty } from '../identity/index.js';
import { SANDBOX_IDP_PATH, SandboxIdentityProvider, type DemoCitizen } from '../sandbox/index.js';
import type { TenantIdentityProvider } from '../tenants/index.js';

/** Citizens from the sandbox provider are keyed by this name, whatever port it runs on. */
export const SANDBOX_ISSUER_KEY = 'sandbox';

/**
 * Where one city's citizens sign in: a sandbox provider of its own (made once the server knows
 * its own URL; its issuer is below the city's base) or the city's OpenID provider, and
 * window-server's relying party for it. Discovery
 * is retried while the provider cannot be reached; the phone pages say so meanwhile.
 */
export class SignInProviders {
  private sandbox: SandboxIdentityProvider | undefined;
  private sandboxRouter: Router | undefined;
  private relyingParty: OidcRelyingParty | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly provider: TenantIdentityProvider,
    private readonly logger: Logger,
    private readonly i18n: I18n,
    /** Who may sign in at the city's sandbox provider: the city's demo citizens. */
    private readonly demoCitizens: readonly DemoCitizen[],
  ) {}

  get usesSandbox(): boolean {
    return this.provider.kind === 'sandbox';
  }

  /** Mounted at the root: the sandbox provider's endpoints, once it exists. */
  sandboxHandler(): RequestHandler {
    const router = Router();
    router.use(SANDBOX_IDP_PATH, (req, res, next) => {
      if (!this.sandboxRouter) return void res.status(503).send('the sandbox identity provider is starting');
      this.sandboxRouter(req, res, next);
    });
    return router;
  }

  current(): OidcRelyingParty | undefined {
    return this.relyingParty;
  }

  get ready(): boolean {
    return this.relyingParty !== undefined;
  }

  /** `baseUrl`: the city's own, e.g. `https://madoguchi.example.jp/t/omura`. */
  async start(baseUrl: string): Promise<void> {
    const redirectUri = `${baseUrl}/link/callback`;
    if (this.usesSandbox) {
      this.sandbox = new SandboxIdentityProvider(
        baseUrl,
        [redirectUri],
        this.logger.child({ module: 'sandbox-idp' }),
        this.i18n,
        this.demoCitizens,
      );
      this.sandboxRouter = this.sandbox.router();
    }
    await this.discover(redirectUri, 1);
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
  }

  private async discover(redirectUri: string, attempt: number): Promise<void> {
    const sandbox = this.sandbox;
    const provider = this.provider;
    try {
      this.relyingParty = await OidcRelyingParty.discover(
        sandbox
          ? {
              issuer: sandbox.issuer,
              clientId: sandbox.clientId,
              clientSecret: sandbox.clientSecret,
              redirectUri,
              allowHttp: true,
              issuerKey: SANDBOX_ISSUER_KEY,
            }
          : provider.kind === 'oidc'
            ? {
                issuer: provider.issuer,
                clientId: provider.clientId,
                clientSecret: provider.clientSecret,
                redirectUri,
                allowHttp: false,
              }
            : unreachable(),
      );
      this.logger.info({ issuer: this.relyingParty.issuer }, 'identity provider ready');
    } catch (error) {
      const delay = Math.min(60_000, 1_000 * 2 ** attempt);
      this.logger.error({ err: error, attempt, retryInMs: delay }, 'identity provider discovery failed');
      if (!this.closed) {
        this.retry = setTimeout(() => void this.discover(redirectUri, attempt + 1), delay).unref();
      }
    }
  }
}

function unreachable(): never {
  throw new Error('a sandbox provider is made in start()');
}
