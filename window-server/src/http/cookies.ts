import { parse, serialize } from 'cookie';

/**
 * The staff session cookie of one city. Its name carries the tenant (the path cannot: socket.io's
 * handshake at /socket.io/ must see it), so a browser signed in to two cities holds two sessions.
 */
export const staffSessionCookieName = (tenantId: string): string => `madoguchi_session_${tenantId}`;

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parse(header)[name];
}

/** HttpOnly, SameSite=Strict; Secure whenever the site is served over HTTPS. */
export function sessionCookie(name: string, token: string, secure: boolean, maxAgeSeconds: number): string {
  return serialize(name, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function clearedSessionCookie(name: string, secure: boolean): string {
  return serialize(name, '', { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 });
}
