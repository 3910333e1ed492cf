import {
  AID_ACTIONS,
  aidActionRequestSchema,
  aidCreateRequestSchema,
  bookingChangeRequestSchema,
  bookingCreateRequestSchema,
  citizenQuerySchema,
  idempotencyKeySchema,
  parsePayload,
  slotQuerySchema,
} from '@madoguchi/shared';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../core/AppError.js';
import type { DeviceRecord, DeviceRegistry } from '../devices/index.js';
import type { CitizenServices, Requester } from '../gateway/index.js';
import { requireDevice } from './identityRoutes.js';

const optionalCitizen = z.strictObject({ citizenId: z.string().min(1).max(100).optional() });
const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

function input<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = parsePayload(schema, value ?? {});
  if (!parsed.ok) throw new AppError(parsed.error.code, undefined, parsed.error.fields);
  return parsed.value;
}

function param(req: Request, name: string): string {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data;
}

/** Writes carry the TV's Idempotency-Key: the same confirmation sent twice books once. */
function idempotencyKey(req: Request): string {
  const parsed = idempotencyKeySchema.safeParse(req.get('idempotency-key'));
  if (!parsed.success) throw new AppError('PAYLOAD_INVALID', undefined, ['Idempotency-Key']);
  return parsed.data;
}

/** Optional where the partner's state machine already guards a repeat; with it, a retry answers the same. */
function optionalIdempotencyKey(req: Request): string | undefined {
  return req.get('idempotency-key') === undefined ? undefined : idempotencyKey(req);
}

const tv = (res: Response): Requester => ({
  kind: 'device',
  deviceId: (res.locals.device as DeviceRecord).id,
});

/** `/api/v1/services`: the city's services for a TV, as itself (its device token). */
export function serviceRoutes(devices: DeviceRegistry, services: CitizenServices): Router {
  const router = Router();
  router.use(requireDevice(devices), (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const device = (res: Response): string => (res.locals.device as DeviceRecord).id;
  const citizen = (req: Request): string => {
    const id =
      typeof req.query.citizenId === 'string'
        ? req.query.citizenId
        : typeof req.body?.citizenId === 'string'
          ? req.body.citizenId
          : '';
    if (!id) throw new AppError('SIGN_IN_REQUIRED');
    return id;
  };

  router.get('/notices', async (_req, res) => {
    res.json(await services.notices(device(res)));
  });
  router.get('/notices/:id', async (req, res) => {
    res.json({ notice: await services.notice(device(res), param(req, 'id')) });
  });
  router.get('/home', async (req, res) => {
    const { citizenId } = input(optionalCitizen, req.query);
    res.json(await services.home(device(res), citizenId ?? null));
  });
  router.get('/recommendations', async (req, res) => {
    res.json({ recommendations: await services.recommendations(tv(res), citizen(req)) });
  });

  router.get('/wallet', async (req, res) => {
    res.json(await services.wallet(tv(res), citizen(req)));
  });
  router.post('/wallet/pay-code', async (req, res) => {
    const { citizenId } = input(citizenQuerySchema, req.body);
    res.json(await services.payCode(tv(res), citizenId));
  });

  router.get('/mutual-aid', async (req, res) => {
    res.json(await services.mutualAid(tv(res), citizen(req)));
  });
  router.post('/mutual-aid/requests', async (req, res) => {
    const { citizenId, ...request } = input(aidCreateRequestSchema, req.body);
    res.json({ request: await services.askForHelp(tv(res), citizenId, request, idempotencyKey(req)) });
  });
  router.post('/mutual-aid/requests/:id/:action', async (req, res) => {
    const action = z.enum(AID_ACTIONS).safeParse(req.params.action);
    if (!action.success) throw new AppError('NOT_FOUND');
    const { citizenId } = input(aidActionRequestSchema, req.body);
    res.json({
      request: await services.aidAction(
        tv(res),
        citizenId,
        param(req, 'id'),
        action.data,
        optionalIdempotencyKey(req),
      ),
    });
  });

  router.get('/childcare', async (req, res) => {
    res.json(await services.childcare(tv(res), citizen(req)));
  });
  router.get('/childcare/slots', async (req, res) => {
    const { citizenId, from, to } = input(slotQuerySchema, req.query);
    res.json({ slots: await services.slots(tv(res), citizenId, from, to) });
  });
  router.post('/childcare/bookings', async (req, res) => {
    const { citizenId, slotId, childId } = input(bookingCreateRequestSchema, req.body);
    res.json({ booking: await services.book(tv(res), citizenId, slotId, childId, idempotencyKey(req)) });
  });
  router.patch('/childcare/bookings/:id', async (req, res) => {
    const { citizenId, slotId } = input(bookingChangeRequestSchema, req.body);
    res.json({
      booking: await services.changeBooking(
        tv(res),
        citizenId,
        param(req, 'id'),
        slotId,
        idempotencyKey(req),
      ),
    });
  });
  router.delete('/childcare/bookings/:id', async (req, res) => {
    const { citizenId } = input(citizenQuerySchema, req.query);
    res.json({ booking: await services.cancelBooking(tv(res), citizenId, param(req, 'id')) });
  });
  return router;
}
