import type { PartnerName } from '@madoguchi/shared';
import { join, resolve } from 'node:path';
import type { Config } from './config/index.js';
import type { Clock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import { PartnerConnector, type PartnerAuth, type PartnerConnectors } from './gateway/index.js';
import {
  SANDBOX_PARTNERS_PATH,
  SandboxPartners,
  sandboxCredentialsFromEnv,
  type SandboxCredentials,
} from './sandbox/partners/index.js';

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
 * The gateway's connectors: configured partners at their URLs with their credentials; in sandbox
 * mode, any partner without a URL is the embedded reference implementation on this server.
 */
export function wirePartners(options: {
  config: Config;
  baseUrl: () => string;
  clock: Clock;
  logger: Logger;
  /** Where MADOGUCHI_SANDBOX_* credentials come from (fixed ones let a test or a tool call the sandbox). */
  env?: NodeJS.ProcessEnv;
}): PartnerWiring {
  const { config, clock, logger } = options;
  const partners = config.partners;
  const needsSandbox = (['portal', 'currency', 'mutualAid', 'childcare'] as const).some(
    (name) => !partners[name].baseUrl,
  );
  const credentials: SandboxCredentials | null = needsSandbox
    ? sandboxCredentialsFromEnv(options.env ?? process.env)
    : null;
  const sandboxUrl = (name: PartnerName) => () =>
    `${options.baseUrl()}${SANDBOX_PARTNERS_PATH}/${SANDBOX_SLUG[name]}`;
  const sandbox = credentials
    ? SandboxPartners.create({
        dataDir: join(resolve(config.dataDir)),
        clock,
        logger: logger.child({ module: 'sandbox-partners' }),
        credentials,
        currencyBaseUrl: partners.currency.baseUrl
          ? () => partners.currency.baseUrl as string
          : sandboxUrl('currency'),
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
