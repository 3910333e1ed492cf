import { profileNameSchema, type HttpErrorBody } from '@madoguchi/shared';
import express, { Router, type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
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

export interface HttpAppDeps extends ApiDeps {
  identityRoutes: Omit<IdentityRoutesDeps, 'staff' | 'devices'>;
  services: CitizenServices;
  /** Phone sign-in pages (/link, /my) and the sandbox provider, mounted at the root. */
  pages: RequestHandler[];
  logger: Logger;
  trustProxy: number;
  /** Origins of packaged TV apps allowed to call the device API (`tvOriginsCors`). */
  tvOrigins: readonly string[];
  tvDir: string;
  /** Set-top box profiles the same TV app build is also served for, at /tv/<profile>/. */
  tvProfiles: readonly string[];
  /** Server-side texts (the 404 of an unknown TV profile). */
  i18n: I18n;
  staffDir: string;
  metrics: Metrics;
  /** Readiness: database answers and media workers run. */
  readiness: () => Promise<{ ready: boolean; checks: Record<string, unknown> }>;
}

/** JSON bodies are small here; anything bigger is a mistake or an attack. */
const BODY_LIMIT = '32kb';

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(requestLog(deps.logger));
  // Lightning core compiles component templates with `new Function`: only the TV app gets eval.
  const tvHeaders = securityHeaders(deps.secureCookies, { allowEval: true });
  const strictHeaders = securityHeaders(deps.secureCookies, { allowEval: false });
  app.use((req, res, next) => {
    const isTvApp = req.path === '/tv' || req.path.startsWith('/tv/');
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

  for (const pages of deps.pages) app.use(pages);
  app.use('/api/v1', tvOriginsCors(deps.tvOrigins));
  app.use(
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
  app.use('/tv', builtApp(deps.tvDir, 'tv-app'));
  // Hosted mode: one build (relative asset paths) per profile; the app reads its profile from the path.
  app.use('/tv/:profile', hostedTvApp(deps.tvDir, deps.tvProfiles, deps.i18n));
  app.use('/staff', builtApp(deps.staffDir, 'staff-console'));
  app.get('/', (_req, res) => res.redirect(302, '/staff/'));

  app.use((_req, _res, next) => next(new AppError('NOT_FOUND')));
  app.use(errorHandler(deps.logger));
  return app;
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
