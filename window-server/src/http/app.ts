import { LOGO_PATH, profileNameSchema, tenantBasePath, type HttpErrorBody } from '@madoguchi/shared';
import express, { Router, type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Tenant } from '../tenants/index.js';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/AppError.js';
import { isDatabaseUnavailable } from '../db/index.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../metrics/index.js';
import { requireStaff, sameOriginOnly } from './middleware.js';
import type { CitizenServices } from '../gateway/index.js';
import { identityRoutes, type IdentityRoutesDeps } from './identityRoutes.js';
import { serviceRoutes } from './serviceRoutes.js';
import { tvOriginsCors } from './tvOrigins.js';
import { apiRoutes, type ApiDeps } from './routes.js';
import type { i18n as I18n } from 'i18next';

export interface CityHttpDeps extends ApiDeps {
  identityRoutes: Omit<IdentityRoutesDeps, 'staff' | 'devices'>;
  services: CitizenServices;
  /** Phone sign-in pages (/link, /my), the sandbox provider and partners, below the city's base. */
  pages: RequestHandler[];
  /** Origins of this city's packaged TV apps allowed to call the device API (`tvOriginsCors`). */
  tvOrigins: readonly string[];
  tvDir: string;
  /** Set-top box profiles the same TV app build is also served for, at /tv/<profile>/. */
  tvProfiles: readonly string[];
  /** Server-side texts (the 404 of an unknown TV profile). */
  i18n: I18n;
  staffDir: string;
}

export interface RootHttpDeps {
  logger: Logger;
  trustProxy: number;
  secureCookies: boolean;
  /** Each city's router, mounted at `/t/<id>` (`tenantBasePath`). */
  cities: ReadonlyMap<string, { router: Router; tenant: Tenant }>;
  i18n: I18n;
  metrics: Metrics;
  /** Readiness: database answers and media workers run. */
  readiness: () => Promise<{ ready: boolean; checks: Record<string, unknown> }>;
}

/** JSON bodies are small here; anything bigger is a mistake or an attack. */
const BODY_LIMIT = '32kb';

/**
 * The installation: health, readiness and metrics at the root, each city below `/t/<id>/`, and a
 * chooser of cities at `/`, `/tv/` and `/staff/`. An unknown city is the same 404 whether or not
 * the name exists anywhere else.
 */
export function createRootApp(deps: RootHttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(requestLog(deps.logger));
  // Lightning core compiles component templates with `new Function`: only the TV app gets eval.
  const tvHeaders = securityHeaders(deps.secureCookies, { allowEval: true });
  const strictHeaders = securityHeaders(deps.secureCookies, { allowEval: false });
  app.use((req, res, next) => {
    const isTvApp = /^\/t\/[^/]+\/tv(\/|$)/.test(req.path);
    (isTvApp ? tvHeaders : strictHeaders)(req, res, next);
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const { ready, checks } = await deps.readiness();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.text());
  });

  app.use('/t/:tenant', (req, res, next) => {
    const city = typeof req.params.tenant === 'string' ? deps.cities.get(req.params.tenant) : undefined;
    if (!city) return next(new AppError('TENANT_UNKNOWN'));
    city.router(req, res, next);
  });
  // Addresses without a city: the only city, or a list to choose from.
  const chooser = cityChooser(deps.cities, deps.i18n);
  app.get(['/', '/tv', '/staff', '/link', '/my'], chooser);
  app.use(['/tv/', '/staff/'], chooser);

  app.use((_req, _res, next) => next(new AppError('NOT_FOUND')));
  app.use(errorHandler(deps.logger));
  return app;
}

/** One city's web surface, mounted at `/t/<id>`: its API, apps and phone pages. */
export function createCityRouter(deps: CityHttpDeps): Router {
  const router = Router();
  for (const pages of deps.pages) router.use(pages);
  router.use('/api/v1', tvOriginsCors(deps.tvOrigins));
  router.use(
    '/api/v1',
    sameOriginOnly,
    express.json({ limit: BODY_LIMIT }),
    identityRoutes({ ...deps.identityRoutes, staff: deps.staff, devices: deps.devices }),
    Router().use('/services', serviceRoutes(deps.devices, deps.services)),
    Router().get('/partners/health', requireStaff(deps.staff, 'admin'), (_req, res) => {
      res.json({ partners: deps.services.health() });
    }),
    apiRoutes(deps),
  );
  const logo = deps.tenant.logoFile;
  // A packaged TV draws the logo from its own origin: WebGL needs a CORS-clean image.
  router.get(LOGO_PATH, tvOriginsCors(deps.tvOrigins), (_req, res, next) => {
    if (!logo) return next(new AppError('NOT_FOUND'));
    res.sendFile(logo, { maxAge: '1h' });
  });
  router.use('/tv', builtApp(deps.tvDir, 'tv-app'));
  // Hosted mode: one build (relative asset paths) per profile; the app reads its profile from the path.
  router.use('/tv/:profile', hostedTvApp(deps.tvDir, deps.tvProfiles, deps.i18n));
  router.use('/staff', builtApp(deps.staffDir, 'staff-console'));
  router.get('/', (req, res) => res.redirect(302, `${req.baseUrl}/staff/`));
  router.use((_req, _res, next) => next(new AppError('NOT_FOUND')));
  return router;
}

/**
 * Where a citizen or an officer lands without a city in the address: straight on when the
 * installation has one city, else a short page listing them (ja first, en beside).
 */
function cityChooser(cities: RootHttpDeps['cities'], i18n: I18n): RequestHandler {
  return (req, res) => {
    const section = req.baseUrl + req.path;
    const rest = section === '/' ? '/staff/' : section.endsWith('/') ? section : `${section}/`;
    const queryAt = req.originalUrl.indexOf('?');
    const query = queryAt < 0 ? '' : req.originalUrl.slice(queryAt);
    if (cities.size === 1) {
      const [only] = cities.keys();
      res.redirect(302, `${tenantBasePath(only as string)}${rest}${query}`);
      return;
    }
    const ja = i18n.getFixedT('ja');
    const en = i18n.getFixedT('en');
    const items = [...cities.values()]
      .map(
        ({ tenant }) =>
          `<li><a href="${escapeHtml(`${tenantBasePath(tenant.id)}${rest}${query}`)}" lang="ja">${escapeHtml(tenant.file.displayName.ja)}</a> <span lang="en">${escapeHtml(tenant.file.displayName.en)}</span></li>`,
      )
      .join('');
    res
      .status(200)
      .type('html')
      .set('Cache-Control', 'no-cache')
      .send(
        `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(ja('server.chooseCity'))}</title><style>body{font:1.25rem/1.6 system-ui,sans-serif;margin:2rem;max-width:40rem}li{margin:.75rem 0}a{font-size:1.5rem}</style></head><body><h1>${escapeHtml(ja('server.chooseCity'))}</h1><p lang="en">${escapeHtml(en('server.chooseCity'))}</p><ul>${items}</ul></body></html>`,
      );
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function securityHeaders(https: boolean, { allowEval }: { allowEval: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: allowEval ? ["'self'", "'unsafe-eval'"] : ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", 'blob:', 'mediastream:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // Plain HTTP on a city LAN must keep working: only promise HTTPS when we serve it.
    strictTransportSecurity: https ? { maxAge: 31536000 } : false,
    crossOriginEmbedderPolicy: false,
  });
}

/** One line per request; the query string is left out (it could carry a code). */
function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) },
        'http',
      );
    });
    next();
  };
}

function builtApp(dir: string, name: string): RequestHandler {
  if (!existsSync(join(dir, 'index.html'))) {
    return (_req, res) => {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`${name} is not built: run "npm run build" (${dir})`);
    };
  }
  return express.static(dir, {
    index: 'index.html',
    fallthrough: true,
    maxAge: '1h',
    setHeaders: noCacheHtml,
  });
}

/** The TV app under `/tv/<profile>/` for a known profile; a clear 404 for any other name. */
function hostedTvApp(dir: string, profiles: readonly string[], i18n: I18n): RequestHandler {
  const known = new Set(profiles);
  const serve = builtApp(dir, 'tv-app');
  return (req, res, next) => {
    const profile = req.params.profile;
    if (typeof profile !== 'string' || !known.has(profile)) {
      const params = {
        profile: profileNameSchema.safeParse(profile).success ? `"${profile}"` : '',
        known: [...known].join(', ') || '—',
      };
      // Japanese first, English beside it: whoever reads it is setting up a box, not signed in.
      const text = (['ja', 'en'] as const).map((lang) =>
        i18n.getFixedT(lang)('server.tvProfileUnknown', params),
      );
      res.status(404).type('text/plain; charset=utf-8').send(text.join('\n'));
      return;
    }
    // Relative asset paths need the folder form: /tv/hbbtv → /tv/hbbtv/.
    const queryAt = req.originalUrl.indexOf('?');
    const pathname = queryAt < 0 ? req.originalUrl : req.originalUrl.slice(0, queryAt);
    if (req.path === '/' && !pathname.endsWith('/')) {
      res.redirect(301, `${pathname}/${queryAt < 0 ? '' : req.originalUrl.slice(queryAt)}`);
      return;
    }
    serve(req, res, next);
  };
}

function noCacheHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (isBodyParserError(error)) {
      appError = new AppError(error.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : 'PAYLOAD_INVALID');
    } else if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error }, 'request failed: the database is unavailable');
      appError = new AppError('DATABASE_UNAVAILABLE');
    } else {
      logger.error({ err: error }, 'request failed');
      appError = new AppError('INTERNAL');
    }
    const payload: HttpErrorBody = { error: appError.toAckError() };
    res.status(appError.status).json(payload);
  };
}

function isBodyParserError(error: unknown): error is { type: string } {
  return (
    typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string'
  );
}
