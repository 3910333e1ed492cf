import type { PartnerName } from '@madoguchi/shared';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { PartnerConnector, type PartnerAuth, type PartnerConnectors } from '../gateway/index.js';
import {
  SANDBOX_PARTNERS_PATH,
  SandboxPartners,
  newSandboxCredentials,
  type SandboxCredentials,
} from '../sandbox/index.js';
import type { TenantPartners } from '../tenants/index.js';

/** URL path of each sandbox partner below SANDBOX_PARTNERS_PATH. */
const SANDBOX_SLUG: Record<PartnerName, string> = {
  portal: 'portal',
  currency: 'currency',
  mutualAid: 'mutual-aid',
  childcare: 'childcare',
};

export interface PartnerWiring {
  connectors: PartnerConnectors;
  /** The embedded sandbox partners, when any partner has no configured URL. */
  sandbox: SandboxPartners | null;
}

/**
 * Random credentials, except where the configuration names a key for a partner that is sandboxed:
 * then the embedded sandbox expects that key, so a test or a tool can call it (and its fault knobs).
 */
function sandboxCredentials(partners: TenantPartners): SandboxCredentials {
  const fresh = newSandboxCredentials();
  const own = <T>(partner: { baseUrl?: string | undefined }, value: T | undefined): T | undefined =>
    partner.baseUrl ? undefined : value;
  return {
    portalApiKey: own(partners.portal, partners.portal.apiKey) ?? fresh.portalApiKey,
    mutualAidApiKey: own(partners.mutualAid, partners.mutualAid.apiKey) ?? fresh.mutualAidApiKey,
    childcareApiKey: own(partners.childcare, partners.childcare.apiKey) ?? fresh.childcareApiKey,
    currencyClientId: own(partners.currency, partners.currency.clientId) ?? fresh.currencyClientId,
    currencyClientSecret:
      own(partners.currency, partners.currency.clientSecret) ?? fresh.currencyClientSecret,
  };
}

/**
 * One city's connectors: its partners at their URLs with their credentials; in sandbox mode, any
 * partner without a URL is the embedded reference implementation, with the city's own data,
 * below the city's base on this server.
 */
export function wirePartners(options: {
  partners: TenantPartners;
  /** Where the city's sandbox partners keep their files. */
  dataDir: string;
  /** The city's base URL on this server (`…/t/<id>`). */
  baseUrl: () => string;
  /** The city's id, whose demo residents the sandbox partners know. */
  tenantId: string;
  /** The city's name, for the sandbox's demo texts. */
  city: { ja: string; en: string };
  clock: Clock;
  logger: Logger;
}): PartnerWiring {
  const { partners, clock, logger } = options;
  const needsSandbox = (['portal', 'currency', 'mutualAid', 'childcare'] as const).some(
    (name) => !partners[name].baseUrl,
  );
  const credentials: SandboxCredentials | null = needsSandbox ? sandboxCredentials(partners) : null;
  const sandboxUrl = (name: PartnerName) => () =>
    `${options.baseUrl()}${SANDBOX_PARTNERS_PATH}/${SANDBOX_SLUG[name]}`;
  const sandbox = credentials
    ? SandboxPartners.create({
        dataDir: options.dataDir,
        tenantId: options.tenantId,
        city: options.city,
        clock,
        logger: logger.child({ module: 'sandbox-partners' }),
        credentials,
        // A sandbox partner never touches a real system: the sandbox mutual aid grants its points
        // in the sandbox ledger even when the real currency is configured.
        currencyBaseUrl: sandboxUrl('currency'),
      })
    : null;

  const connector = (
    name: PartnerName,
    configured: string | undefined,
    auth: PartnerAuth,
  ): PartnerConnector =>
    new PartnerConnector({
      name,
      baseUrl: configured ? () => configured.replace(/\/$/, '') : sandboxUrl(name),
      auth,
      timeoutMs: partners.timeoutMs,
      clock,
      logger: logger.child({ module: 'gateway' }),
    });
  const key = (configured: string | undefined, sandboxKey: string | undefined): PartnerAuth => ({
    kind: 'apiKey',
    key: configured ?? (sandboxKey as string),
  });

  return {
    sandbox,
    connectors: {
      portal: connector(
        'portal',
        partners.portal.baseUrl,
        key(partners.portal.apiKey, credentials?.portalApiKey),
      ),
      currency: connector('currency', partners.currency.baseUrl, {
        kind: 'clientCredentials',
        clientId: partners.currency.clientId ?? (credentials?.currencyClientId as string),
        clientSecret: partners.currency.clientSecret ?? (credentials?.currencyClientSecret as string),
      }),
      mutualAid: connector(
        'mutualAid',
        partners.mutualAid.baseUrl,
        key(partners.mutualAid.apiKey, credentials?.mutualAidApiKey),
      ),
      childcare: connector(
        'childcare',
        partners.childcare.baseUrl,
        key(partners.childcare.apiKey, credentials?.childcareApiKey),
      ),
    },
  };
}
