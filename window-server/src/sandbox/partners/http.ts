import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { z } from 'zod';
import type { Logger } from '../../core/logger.js';
import { safeEqual } from '../../core/secrets.js';
import type { FaultKnobs } from './faults.js';

/**
 * HTTP plumbing every sandbox partner shares: failures as the contract's error body
 * (`{ error: { code, message } }`), zod parsing with the issues summarised, API-key checks and
 * the order of middleware (fault knobs → faults → open routes → auth → routes → 404 → errors).
 */

export class PartnerFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string): PartnerFailure => new PartnerFailure(400, 'INVALID', message);
export const unauthorized = (message: string): PartnerFailure =>
  new PartnerFailure(401, 'UNAUTHORIZED', message);
export const forbidden = (message: string): PartnerFailure => new PartnerFailure(403, 'FORBIDDEN', message);
export const notFound = (what: string): PartnerFailure =>
  new PartnerFailure(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (message: string): PartnerFailure => new PartnerFailure(409, 'CONFLICT', message);

export function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parses a body or a query with a contract schema; a mismatch is a 400 naming the fields. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query'): z.infer<S> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw invalid(`invalid ${where}: ${summariseIssues(result.error)}`);
  return result.data;
}

/** A route parameter; express 5 always sets the ones in the path. */
export function param(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}

/** `Idempotency-Key`: printable ASCII, at most 255 characters; required on the writes that say so. */
export function idempotencyKeyOf(req: Request, required: boolean): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined || key === '') {
    if (required) throw invalid('the Idempotency-Key header is required on this write');
    return undefined;
  }
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw invalid('Idempotency-Key must be 1–255 printable characters');
  return key;
}

/** `X-Api-Key`, compared in constant time. */
export function requireApiKey(expected: string): RequestHandler {
  return (req, _res, next) => {
    const sent = req.get('x-api-key');
    if (!sent) return next(unauthorized('the X-Api-Key header is missing'));
    if (!safeEqual(sent, expected)) return next(unauthorized('the API key is not valid'));
    next();
  };
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).set('cache-control', 'no-store').json(body);
}

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

export function partnerErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof PartnerFailure) {
      if (error.status >= 500)
        logger.warn({ code: error.code, method: req.method }, 'sandbox partner failure');
      return sendJson(res, error.status, { error: { code: error.code, message: error.message } });
    }
    if (isBodyParserError(error) && error.status < 500) {
      const code = error.type === 'entity.too.large' ? 'TOO_LARGE' : 'INVALID';
      return sendJson(res, error.status, {
        error: { code, message: `request body refused (${error.type})` },
      });
    }
    logger.error({ err: error, method: req.method }, 'sandbox partner crashed');
    sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
  };
}

export interface PartnerRouterParts {
  faults: FaultKnobs;
  logger: Logger;
  /** Checks the partner's credentials on every route after `open`. */
  auth: RequestHandler;
  /** Who may turn the fault knobs; the partner's own auth unless said otherwise. */
  faultsAuth?: RequestHandler;
  /** Routes before the auth check (the currency partner's token endpoint). */
  open?: (router: Router) => void;
  routes: (router: Router) => void;
}

/** One partner's router in the order every partner shares. */
export function partnerRouter(parts: PartnerRouterParts): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  // The knobs stay reachable while the faults are on: a test must always be able to turn them off.
  router.use('/_faults', parts.faultsAuth ?? parts.auth, parts.faults.routes());
  router.use(parts.faults.middleware());
  parts.open?.(router);
  router.use(parts.auth);
  parts.routes(router);
  router.use((req, _res, next) => next(notFound(`${req.method} ${req.path}`)));
  router.use(partnerErrorHandler(parts.logger));
  return router;
}
