import { deviceTokenRequestSchema, type DeviceTokenResponse } from '@madoguchi/shared';
import express, { Router, type Request, type RequestHandler } from 'express';
import type { AuditLog } from '../audit/index.js';
import { AppError } from '../core/AppError.js';
import type { Clock } from '../core/clock.js';
import { RateLimiter } from '../core/RateLimiter.js';
import type { DeviceRecord, DeviceRegistry } from '../devices/index.js';
import type { DeviceSignIn, Identity } from '../identity/index.js';
import type { StaffAuth } from '../staff/index.js';
import { requireStaff } from './middleware.js';

/** New sign-in codes a TV may ask for in an hour (a code lives ten minutes). */
const AUTHORIZATIONS_PER_HOUR = 30;

export interface IdentityRoutesDeps {
  devices: DeviceRegistry;
  signIn: DeviceSignIn;
  identity: Identity;
  audit: AuditLog;
  staff: StaffAuth;
  clock: Clock;
}

/** The TV as itself: `Authorization: Bearer <device token>`. */
export function requireDevice(devices: DeviceRegistry): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (\S{1,200})$/.exec(header);
    if (!match) throw new AppError('DEVICE_NOT_REGISTERED');
    res.locals.device = await devices.authenticate(match[1] as string);
    next();
  };
}

const deviceOf = (res: { locals: Record<string, unknown> }): DeviceRecord =>
  res.locals.device as DeviceRecord;

/**
 * `/api/v1`: RFC 8628 device sign-in for TVs; staff-assisted links for supervisors; the audit
 * trail for administrators.
 */
export function identityRoutes(deps: IdentityRoutesDeps): Router {
  const router = Router();
  const device = requireDevice(deps.devices);
  const authorizations = new RateLimiter(AUTHORIZATIONS_PER_HOUR, 60 * 60_000, deps.clock);

  router.post('/device/authorize', device, async (_req, res) => {
    const tv = deviceOf(res);
    if (!authorizations.tryHit(tv.id)) throw new AppError('RATE_LIMITED');
    res.set('Cache-Control', 'no-store').json(await deps.signIn.authorize(tv.id));
  });

  // RFC 8628 §3.4–3.5: errors are `{ error }` with HTTP 400, not the usual error body.
  router.post(
    '/device/token',
    device,
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req: Request, res) => {
      const tv = deviceOf(res);
      const request = deviceTokenRequestSchema.safeParse(req.body);
      res.set('Cache-Control', 'no-store');
      if (!request.success) return void res.status(400).json({ error: 'invalid_request' });
      const result = await deps.signIn.poll(tv.id, request.data.device_code);
      if (!result.ok) return void res.status(400).json({ error: result.error });
      const citizen = await deps.identity.citizen(result.citizenId);
      const body: DeviceTokenResponse = {
        citizen: { citizenId: result.citizenId, displayName: citizen?.displayName ?? '' },
      };
      res.json(body);
    },
  );

  router.get('/assisted-links', requireStaff(deps.staff, 'supervisor'), async (_req, res) => {
    res.json({ links: await deps.identity.staffLinks() });
  });

  const admin = requireStaff(deps.staff, 'admin');
  router.get('/audit', admin, async (req, res) => {
    const limit = Math.min(500, Math.max(1, Number(req.query.limit) || 100));
    res.json({ entries: await deps.audit.latest(limit) });
  });
  router.get('/audit/verify', admin, async (_req, res) => {
    res.json(await deps.audit.verify());
  });
  return router;
}
