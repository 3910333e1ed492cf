import type { Request, RequestHandler } from 'express';
import type { Clock } from '../../../core/clock.js';
import { hashSecret, newSecret, safeEqual } from '../../../core/secrets.js';
import type { SqliteFile } from '../../../db/index.js';
import { unauthorized } from '../http.js';

export const TOKEN_TABLE = `
  CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;`;

/** One hour, as most OAuth servers give to client-credentials tokens. */
export const TOKEN_SECONDS = 3600;

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** `Authorization: Basic` with the id and secret form-encoded first (RFC 6749 §2.3.1). */
export function basicCredentials(req: Request): ClientCredentials | undefined {
  const header = req.get('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const formDecode = (part: string): string | undefined => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  };
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  return clientId === undefined || clientSecret === undefined ? undefined : { clientId, clientSecret };
}

/**
 * OAuth 2.0 client credentials for the currency partner: one client (window-server), opaque
 * bearer tokens stored as hashes with their expiry, so tokens survive a restart as they would on
 * a real authorisation server, and a leaked database holds no usable token.
 */
export class AccessTokens {
  constructor(
    private readonly db: SqliteFile,
    private readonly clock: Clock,
    private readonly client: ClientCredentials,
  ) {}

  matches(sent: ClientCredentials | undefined): boolean {
    return (
      sent !== undefined &&
      safeEqual(sent.clientId, this.client.clientId) &&
      safeEqual(sent.clientSecret, this.client.clientSecret)
    );
  }

  issue(): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    const now = this.clock.now();
    this.db.prepare('DELETE FROM access_tokens WHERE expires_at <= ?').run(now.toISOString());
    const token = newSecret('ydp');
    const expiresAt = new Date(now.getTime() + TOKEN_SECONDS * 1000);
    this.db
      .prepare('INSERT INTO access_tokens (token_hash, client_id, expires_at) VALUES (?, ?, ?)')
      .run(hashSecret(token), this.client.clientId, expiresAt.toISOString());
    return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_SECONDS };
  }

  /** Throws 401 unless the bearer token is one we issued and it has not expired. */
  verify(token: string): void {
    const row = this.db
      .prepare<[string], { expires_at: string }>('SELECT expires_at FROM access_tokens WHERE token_hash = ?')
      .get(hashSecret(token));
    if (!row) throw unauthorized('the access token is not valid');
    if (new Date(row.expires_at) <= this.clock.now()) throw unauthorized('the access token has expired');
  }

  requireBearer(): RequestHandler {
    return (req, res, next) => {
      const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (!match?.[1]) {
        res.set('www-authenticate', 'Bearer');
        return next(unauthorized('a bearer token is required'));
      }
      try {
        this.verify(match[1]);
        next();
      } catch (failure) {
        res.set('www-authenticate', 'Bearer error="invalid_token"');
        next(failure);
      }
    };
  }

  /** The fault knobs take the client's credentials or a token, so a test can reach them either way. */
  requireClientOrBearer(): RequestHandler {
    const bearer = this.requireBearer();
    return (req, res, next) => {
      if (this.matches(basicCredentials(req))) return next();
      bearer(req, res, next);
    };
  }
}
