import { Router } from 'express';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { demoCityOf, OMURA, type CityName } from '../demoCity.js';
import { ChildcareSandbox } from './childcare/ChildcareSandbox.js';
import { CurrencySandbox } from './currency/CurrencySandbox.js';
import { FaultKnobs } from './faults.js';
import { CurrencyClient } from './mutualAid/CurrencyClient.js';
import { MutualAidSandbox } from './mutualAid/MutualAidSandbox.js';
import { PortalSandbox } from './portal/PortalSandbox.js';

/** Where window-server mounts the sandbox partners; each partner is one folder below it. */
export const SANDBOX_PARTNERS_PATH = '/sandbox/partners';

export const PARTNER_FOLDERS = ['portal', 'currency', 'mutual-aid', 'childcare'] as const;
export type PartnerFolder = (typeof PARTNER_FOLDERS)[number];

export interface SandboxCredentials {
  portalApiKey: string;
  mutualAidApiKey: string;
  childcareApiKey: string;
  currencyClientId: string;
  currencyClientSecret: string;
}

const secret = (prefix: string): string => `${prefix}_${randomBytes(24).toString('base64url')}`;

/** Fresh random secrets: each start of an in-process sandbox has its own. */
export function newSandboxCredentials(): SandboxCredentials {
  return {
    portalApiKey: secret('portal'),
    mutualAidApiKey: secret('aid'),
    childcareApiKey: secret('childcare'),
    currencyClientId: 'madoguchi-window-server',
    currencyClientSecret: secret('ydp_client'),
  };
}

export interface SandboxPartnersOptions {
  /** The partners' files go to `${dataDir}/partners/`. */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  credentials: SandboxCredentials;
  /** The currency partner's base URL as the mutual-aid partner calls it (known once listening). */
  currencyBaseUrl: () => string;
  /** For the fault knobs' error rate; tests pass a seeded one. */
  random?: () => number;
  /** The city the partners serve, whose name their demo data speaks of; 大村市 by default. */
  city?: CityName;
  /** Whose demo residents the partners know (demoCitizensOf); 大村市's (`omura`) by default. */
  tenantId?: string;
}

/**
 * Reference implementations of the four partner systems, behaving as the real ones do (auth,
 * errors, idempotency, a ledger that never goes negative, booking capacity) so that window-server
 * can be built and tested against them. Each keeps its own SQLite file and knows the others only
 * through HTTP, like separate systems.
 */
export class SandboxPartners {
  private constructor(
    private readonly portal: PortalSandbox,
    private readonly currency: CurrencySandbox,
    private readonly mutualAid: MutualAidSandbox,
    private readonly childcare: ChildcareSandbox,
  ) {}

  static create(options: SandboxPartnersOptions): SandboxPartners {
    const { clock, credentials } = options;
    const city = demoCityOf(options.tenantId ?? 'omura', options.city ?? OMURA);
    const dir = join(resolve(options.dataDir), 'partners');
    const knobs = (): FaultKnobs => new FaultKnobs(options.random);
    const logger = (partner: PartnerFolder): Logger =>
      options.logger.child({ module: 'sandbox-partner', partner });
    const opened: { close(): void }[] = [];
    try {
      const portal = PortalSandbox.open(
        join(dir, 'portal.db'),
        clock,
        logger('portal'),
        knobs(),
        credentials.portalApiKey,
        city,
      );
      opened.push(portal);
      const currency = CurrencySandbox.open(
        join(dir, 'currency.db'),
        clock,
        logger('currency'),
        knobs(),
        { clientId: credentials.currencyClientId, clientSecret: credentials.currencyClientSecret },
        city,
      );
      opened.push(currency);
      const currencyClient = new CurrencyClient(
        options.currencyBaseUrl,
        { clientId: credentials.currencyClientId, clientSecret: credentials.currencyClientSecret },
        clock,
      );
      const mutualAid = MutualAidSandbox.open(
        join(dir, 'mutual-aid.db'),
        clock,
        logger('mutual-aid'),
        knobs(),
        credentials.mutualAidApiKey,
        currencyClient,
        city,
      );
      opened.push(mutualAid);
      const childcare = ChildcareSandbox.open(
        join(dir, 'childcare.db'),
        clock,
        logger('childcare'),
        knobs(),
        credentials.childcareApiKey,
        city,
      );
      return new SandboxPartners(portal, currency, mutualAid, childcare);
    } catch (error) {
      for (const partner of opened) partner.close();
      throw error;
    }
  }

  /** `/portal`, `/currency`, `/mutual-aid`, `/childcare`; mount it at SANDBOX_PARTNERS_PATH. */
  router(): Router {
    const router = Router();
    router.use('/portal', this.portal.router());
    router.use('/currency', this.currency.router());
    router.use('/mutual-aid', this.mutualAid.router());
    router.use('/childcare', this.childcare.router());
    return router;
  }

  /** A partner's fault knobs, for tests in the same process (HTTP `/_faults` does the same). */
  faults(partner: PartnerFolder): FaultKnobs {
    const sandboxes = {
      portal: this.portal,
      currency: this.currency,
      'mutual-aid': this.mutualAid,
      childcare: this.childcare,
    };
    return sandboxes[partner].faults;
  }

  close(): void {
    this.portal.close();
    this.currency.close();
    this.mutualAid.close();
    this.childcare.close();
  }
}
