import { Router, type RequestHandler } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { parse, sendJson } from './http.js';

/**
 * Fault knobs, so tests and demos can watch window-server cope with a slow, flaky or vanished
 * partner. They live in memory (a restart clears them) and apply to every route of the partner
 * except the knobs themselves.
 *
 * - `latencyMs`: every answer waits this long first.
 * - `errorRate` (0..1): that share of requests answers 500 `INTERNAL`; 1 fails every request.
 * - `down`: the connection is destroyed without an answer, as if the server were gone.
 *
 * POST sets the fields it names and keeps the others; DELETE puts all back to normal.
 */

export const faultSettingsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    down: z.boolean().optional(),
  })
  .strict();

export interface FaultSettings {
  latencyMs: number;
  errorRate: number;
  down: boolean;
}

const NORMAL: FaultSettings = { latencyMs: 0, errorRate: 0, down: false };

export class FaultKnobs {
  private settings: FaultSettings = { ...NORMAL };

  /** `random` is injectable so a test can make a partial error rate deterministic. */
  constructor(private readonly random: () => number = Math.random) {}

  current(): FaultSettings {
    return { ...this.settings };
  }

  set(change: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...change };
    return this.current();
  }

  reset(): FaultSettings {
    this.settings = { ...NORMAL };
    return this.current();
  }

  /** GET, POST and DELETE `/_faults`; mounted behind the partner's auth. */
  routes(): Router {
    const router = Router();
    router.get('/', (_req, res) => sendJson(res, 200, this.current()));
    router.post('/', (req, res) => {
      const change = parse(faultSettingsSchema, req.body, 'body');
      const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      sendJson(res, 200, this.set(defined));
    });
    router.delete('/', (_req, res) => sendJson(res, 200, this.reset()));
    return router;
  }

  middleware(): RequestHandler {
    return async (req, res, next) => {
      const { latencyMs, errorRate, down } = this.settings;
      if (down) {
        // No status line, no body: the caller sees a reset connection, as with a dead server.
        req.socket.destroy();
        return;
      }
      if (latencyMs > 0) await sleep(latencyMs);
      if (errorRate > 0 && this.random() < errorRate) {
        return sendJson(res, 500, { error: { code: 'INTERNAL', message: 'sandbox fault: injected error' } });
      }
      next();
    };
  }
}
