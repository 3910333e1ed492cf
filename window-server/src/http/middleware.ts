import { roleAtLeast, type StaffRole } from '@madoguchi/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../core/AppError.js';
import { safeEqual } from '../core/secrets.js';
import type { AuthenticatedStaff, StaffAuth } from '../staff/index.js';
import { readCookie, staffSessionCookieName } from './cookies.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function staffOf(res: Response): AuthenticatedStaff {
  return res.locals.staff as AuthenticatedStaff;
}

/**
 * A request that changes state must come from our own pages: its Origin (or, failing that,
 * Sec-Fetch-Site) must be this site. SameSite=Strict already keeps the cookie off cross-site
 * requests; this is the second lock.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction): void {
  if (!STATE_CHANGING.has(req.method)) return next();
  // A packaged TV app on a configured origin, with its bearer token and no cookie (tvOrigins.ts).
  if (res.locals.tvOrigin !== undefined) return next();
  const origin = req.get('origin');
  const site = req.get('sec-fetch-site');
  // A page whose referrer policy hides its origin posts `Origin: null`; the browser's own
  // Sec-Fetch-Site (no page can set it) still says whether the post came from this site.
  if (origin === 'null') return next(site === 'same-origin' ? undefined : new AppError('CSRF_INVALID'));
  if (origin !== undefined) {
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin !== own) return next(new AppError('CSRF_INVALID'));
    return next();
  }
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return next(new AppError('CSRF_INVALID'));
  next();
}

/**
 * Requires a signed-in account with at least `role` (see `roleAtLeast`: the default, `staff`, is
 * any city role and never the cable operator's); `null` takes any signed-in account.
 * State-changing requests also need the CSRF token.
 */
export function requireStaff(auth: StaffAuth, role: StaffRole | null = 'staff'): RequestHandler {
  return async (req, res, next) => {
    const staff = await auth.authenticate(
      readCookie(req.headers.cookie, staffSessionCookieName(auth.tenantId)),
    );
    if (STATE_CHANGING.has(req.method)) {
      const sent = req.get('x-csrf-token');
      if (!sent || !safeEqual(sent, staff.csrfToken)) throw new AppError('CSRF_INVALID');
    }
    if (role !== null && !roleAtLeast(staff.account.role, role)) throw new AppError('FORBIDDEN');
    res.locals.staff = staff;
    next();
  };
}

/** Any signed-in account, the cable operator's too: its own session, sign-out. */
export function requireSignedIn(auth: StaffAuth): RequestHandler {
  return requireStaff(auth, null);
}

/** Operator accounts of another city that this city lets see its fleet (its tenant file says who). */
export interface FleetGrant {
  auth: StaffAuth;
  loginIds: ReadonlySet<string>;
}

/**
 * The fleet's pages: this city's operators and admins, or an operator of another city whom this
 * city's tenant file names (signed in at home: that city's cookie, session and CSRF token).
 * Anyone else is refused as not signed in, whatever they hold elsewhere.
 */
export function requireFleetOperator(own: StaffAuth, grants: () => readonly FleetGrant[]): RequestHandler {
  const ownOperator = requireStaff(own, 'operator');
  return async (req, res, next) => {
    const cookies = req.headers.cookie;
    if (readCookie(cookies, staffSessionCookieName(own.tenantId)) !== undefined) {
      return ownOperator(req, res, next);
    }
    for (const grant of grants()) {
      const token = readCookie(cookies, staffSessionCookieName(grant.auth.tenantId));
      if (token === undefined) continue;
      const staff = await grant.auth.authenticate(token).catch(() => undefined);
      if (!staff || staff.account.role !== 'operator' || !grant.loginIds.has(staff.account.loginId)) continue;
      if (STATE_CHANGING.has(req.method)) {
        const sent = req.get('x-csrf-token');
        if (!sent || !safeEqual(sent, staff.csrfToken)) throw new AppError('CSRF_INVALID');
      }
      res.locals.staff = staff;
      return next();
    }
    throw new AppError('UNAUTHENTICATED');
  };
}
