import * as oidc from 'openid-client';

export interface RelyingPartyOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Plain HTTP to the provider: only the embedded sandbox provider on 127.0.0.1. */
  allowHttp: boolean;
  /**
   * How citizens from this provider are keyed (with their subject): the issuer URL, or a fixed
   * name for the sandbox provider, whose URL changes with the port.
   */
  issuerKey?: string;
}

/** What one sign-in needs to remember between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignedInCitizen {
  issuer: string;
  subject: string;
  displayName: string;
}

/**
 * Window-server as an OpenID Connect relying party (authorization code + PKCE, with state and
 * nonce), through openid-client (a certified relying-party library). Tokens are used once to
 * read the ID token's claims and never stored.
 */
export class OidcRelyingParty {
  private constructor(
    private readonly config: oidc.Configuration,
    private readonly options: RelyingPartyOptions,
  ) {}

  static async discover(options: RelyingPartyOptions): Promise<OidcRelyingParty> {
    const config = await oidc.discovery(
      new URL(options.issuer),
      options.clientId,
      options.clientSecret,
      undefined,
      options.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    return new OidcRelyingParty(config, options);
  }

  get issuer(): string {
    return this.options.issuerKey ?? this.config.serverMetadata().issuer;
  }

  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier };
    const url = oidc.buildAuthorizationUrl(this.config, {
      redirect_uri: this.options.redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Completes the sign-in from the provider's redirect back to us. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignedInCitizen> {
    const tokens = await oidc.authorizationCodeGrant(this.config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken?.sub) throw new Error('the ID token has no subject');
    // Providers may keep profile claims out of the ID token and give them at the UserInfo endpoint.
    const claims =
      typeof idToken.name === 'string' || typeof idToken.family_name === 'string'
        ? idToken
        : await oidc.fetchUserInfo(this.config, tokens.access_token, idToken.sub);
    const name =
      typeof claims.name === 'string'
        ? claims.name
        : [claims.family_name, claims.given_name].filter((part) => typeof part === 'string').join(' ');
    return { issuer: this.issuer, subject: idToken.sub, displayName: name || idToken.sub };
  }
}
