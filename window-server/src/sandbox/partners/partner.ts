import type { Router } from 'express';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Database } from '../../db/index.js';
import type { FaultKnobs } from './faults.js';
import { partnerRouter, type PartnerRouterParts } from './http.js';

/** What every sandbox partner is made of. */
export interface SandboxPartnerParts {
  db: Database;
  clock: Clock;
  logger: Logger;
  faults: FaultKnobs;
}

/** A partner's own part of its router: how it checks credentials, and its routes. */
export type OwnRouterParts = Omit<PartnerRouterParts, 'faults' | 'logger'>;

/**
 * What every sandbox partner holds: its own SQLite file (closed with the partner), the clock, its
 * logger and its fault knobs, and a router in the order all partners share. Each partner adds its
 * stores, its credentials check and its routes; its static `open` migrates and seeds its file.
 */
export abstract class SandboxPartner {
  protected readonly db: Database;
  protected readonly clock: Clock;
  protected readonly logger: Logger;
  readonly faults: FaultKnobs;

  protected constructor({ db, clock, logger, faults }: SandboxPartnerParts) {
    this.db = db;
    this.clock = clock;
    this.logger = logger;
    this.faults = faults;
  }

  router(): Router {
    return partnerRouter({ faults: this.faults, logger: this.logger, ...this.routerParts() });
  }

  close(): void {
    this.db.close();
  }

  protected abstract routerParts(): OwnRouterParts;
}
