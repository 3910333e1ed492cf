import type { RequestHandler } from 'express';

/** What a TV's `DeviceChannel.http` sends: its bearer token, JSON, and an idempotency key. */
const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key';
const ALLOWED_METHODS = 'GET, POST, PATCH, DELETE';
/** How long a browser may keep a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for packaged TV apps (operator packages from `stb-bridge package`), which run on an
 * origin of their own (a box's local web server, a head-end) and call the device API on
 * `/api/v1` with their device token. Only the configured origins (`MADOGUCHI_TV_ORIGINS`)
 * are answered, never with credentials: cookies play no part, the bearer token is the
 * authentication, so such a request cannot be a cross-site request forgery and is marked
 * (`res.locals.tvOrigin`) for `sameOriginOnly` to let through.
 */
export function tvOriginsCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin === undefined || !allowed.has(origin)) return next();
    res.vary('Origin');
    res.set('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.set('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      res.status(204).end();
      return;
    }
    if (req.get('authorization')?.startsWith('Bearer ') && req.get('cookie') === undefined)
      res.locals.tvOrigin = origin;
    next();
  };
}
