import {
  fleetConfigPushSchema,
  type CityBranding,
  type KpiReport,
  loginRequestSchema,
  parsePayload,
  staffAccountCreateSchema,
  staffAccountUpdateSchema,
  type FleetCity,
  type StaffAccount,
} from '@madoguchi/shared';
import { Router, type Request } from 'express';
import type { z } from 'zod';
import { AppError } from '../core/AppError.js';
import type { Counter } from '../counter/index.js';
import type { DeviceRegistry } from '../devices/index.js';
import type { Fleet } from '../fleet/index.js';
import type { StaffAuth } from '../staff/index.js';
import { cityConfigView, logoPathOf, type Tenant } from '../tenants/index.js';
import { kpiCsv, kpiQuerySchema, kpiRange } from './kpi.js';
import { clearedSessionCookie, sessionCookie, staffSessionCookieName } from './cookies.js';
import {
  requireFleetOperator,
  requireSignedIn,
  requireStaff,
  staffOf,
  type FleetGrant,
} from './middleware.js';

function body<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const parsed = parsePayload(schema, req.body ?? {});
  if (!parsed.ok) throw new AppError(parsed.error.code, undefined, parsed.error.fields);
  return parsed.value;
}

const idParam = (req: Request): string => {
  const id = req.params.id;
  if (typeof id !== 'string' || !/^[a-z]{3}_[A-Za-z0-9_-]{1,40}$/.test(id)) throw new AppError('NOT_FOUND');
  return id;
};

export interface ApiDeps {
  staff: StaffAuth;
  devices: DeviceRegistry;
  fleet: Fleet;
  counter: Counter;
  tenant: Tenant;
  /** Whether the city's sign-in provider has been found (shown on the admin's city page). */
  identityReady: () => boolean;
  secureCookies: boolean;
  sessionMaxAgeSeconds: number;
  /** Operators of other cities this city lets see its fleet (read when asked: cities start in turn). */
  fleetGrants: () => readonly FleetGrant[];
  /** The cities whose fleet an operator of this city may see, this one first. */
  fleetCities: (account: StaffAccount) => FleetCity[];
}

/** `/api/v1`: staff sign-in, accounts, devices, the operator's fleet and the city's configuration. */
export function apiRoutes(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = requireSignedIn(deps.staff);

  // Anyone: whose counter this is, for the console's sign-in page and header.
  router.get('/branding', (_req, res) => {
    const branding: CityBranding = {
      id: deps.tenant.id,
      displayName: { ...deps.tenant.file.displayName },
      logoPath: logoPathOf(deps.tenant),
    };
    res.set('Cache-Control', 'no-cache').json(branding);
  });
  router.post('/auth/login', async (req, res) => {
    const { loginId, password } = body(loginRequestSchema, req);
    const { token, info } = await deps.staff.login(loginId, password, req.ip ?? 'unknown');
    res.setHeader(
      'Set-Cookie',
      sessionCookie(
        staffSessionCookieName(deps.staff.tenantId),
        token,
        deps.secureCookies,
        deps.sessionMaxAgeSeconds,
      ),
    );
    res.json(info);
  });
  router.get('/auth/session', signedIn, (_req, res) => {
    res.json(deps.staff.sessionInfo(staffOf(res)));
  });
  router.post('/auth/logout', signedIn, async (_req, res) => {
    await deps.staff.logout(staffOf(res));
    res.setHeader(
      'Set-Cookie',
      clearedSessionCookie(staffSessionCookieName(deps.staff.tenantId), deps.secureCookies),
    );
    res.status(204).end();
  });

  router.get('/devices', requireStaff(deps.staff, 'staff'), async (_req, res) => {
    res.json({ devices: await deps.devices.list() });
  });
  router.post('/devices/:id/revoke', requireStaff(deps.staff, 'supervisor'), async (req, res) => {
    res.json({ device: await deps.devices.revoke(idParam(req)) });
  });

  router.get('/kpi', requireStaff(deps.staff, 'supervisor'), async (req, res) => {
    const query = parsePayload(kpiQuerySchema, req.query);
    if (!query.ok) throw new AppError('PAYLOAD_INVALID', undefined, query.error.fields);
    const { from, to } = kpiRange(deps.tenant, query.value.from, query.value.to);
    const figures = await deps.counter.figures(from, to);
    if (query.value.format === 'json') {
      const report: KpiReport = { ...figures, targets: { ...deps.tenant.file.kpi } };
      return void res.json(report);
    }
    res
      .type('text/csv; charset=utf-8')
      .attachment(`madoguchi-kpi-${query.value.from}-${query.value.to}.csv`)
      .send(kpiCsv(figures, deps.tenant.file.counter.topics));
  });

  // The cable operator's engineers (this city's, or another city's it names) and the city's
  // admins: boxes only, never people.
  const operator = requireFleetOperator(deps.staff, deps.fleetGrants);
  router.get('/fleet/cities', requireStaff(deps.staff, 'operator'), (_req, res) => {
    res.json({ cities: deps.fleetCities(staffOf(res).account) });
  });
  router.get('/fleet', operator, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await deps.fleet.view());
  });
  router.post('/fleet/config', operator, async (req, res) => {
    res.json(await deps.fleet.push(staffOf(res).account, body(fleetConfigPushSchema, req)));
  });

  const admin = requireStaff(deps.staff, 'admin');
  router.get('/staff-accounts', admin, async (_req, res) => {
    res.json({ accounts: await deps.staff.listAccounts() });
  });
  router.post('/staff-accounts', admin, async (req, res) => {
    const account = await deps.staff.createAccount(body(staffAccountCreateSchema, req));
    res.status(201).json({ account });
  });
  // The city's own configuration, secrets only as references (cityConfigView reads no value).
  router.get('/city', admin, (_req, res) => {
    const view = cityConfigView(deps.tenant, { identityReady: deps.identityReady() });
    res.set('Cache-Control', 'no-store').json(view);
  });
  router.patch('/staff-accounts/:id', admin, async (req, res) => {
    const change = body(staffAccountUpdateSchema, req);
    res.json({ account: await deps.staff.updateAccount(staffOf(res).account, idParam(req), change) });
  });

  router.use(() => {
    throw new AppError('NOT_FOUND');
  });
  return router;
}
