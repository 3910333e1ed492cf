import {
  LOGO_PATH,
  tenantBasePath,
  type CityConfigView,
  type CityIdentityView,
  type CityPartnerView,
  type PartnerName,
  type SecretReferenceView,
} from '@madoguchi/shared';
import type { SecretRef } from './schema.js';
import type { Tenant } from './TenantDirectory.js';

/**
 * A city's configuration as its administrator reads it. Built from the tenant file, whose secrets
 * are references, and never from the resolved values the gateway holds: a secret value cannot
 * reach this answer, because nothing here reads one.
 */
/** The city's logo's absolute path on the server, or null when it has none. */
export function logoPathOf(tenant: Tenant): string | null {
  return tenant.logoFile ? `${tenantBasePath(tenant.id)}${LOGO_PATH}` : null;
}

export function cityConfigView(tenant: Tenant, state: { identityReady: boolean }): CityConfigView {
  const file = tenant.file;
  return {
    id: tenant.id,
    displayName: { ja: file.displayName.ja, en: file.displayName.en, jaEasy: file.displayName.jaEasy },
    colours: { ...file.colours },
    logoPath: logoPathOf(tenant),
    timeZone: file.timeZone,
    contact: { phone: file.contact.phone, office: { ...file.contact.office } },
    businessHours: {
      weekly: structuredClone(file.businessHours.weekly),
      closedOnPublicHolidays: file.businessHours.closedOnPublicHolidays,
      closedDates: [...file.businessHours.closedDates],
    },
    topics: file.counter.topics.map((topic) => ({ id: topic.id, label: { ...topic.label } })),
    services: [...tenant.public.services],
    tvOrigins: tenant.tvOrigins.map((origin) => ({
      origin,
      source: file.tvOrigins.includes(origin) ? 'city' : 'installation',
    })),
    kpi: { ...file.kpi },
    identity: identityView(tenant, state.identityReady),
    partners: partnerViews(tenant),
  };
}

function reference(ref: SecretRef): SecretReferenceView {
  return 'env' in ref ? { kind: 'env', name: ref.env } : { kind: 'file', path: ref.file };
}

/** A credential the installation's settings give, or one a sandbox partner makes up at start. */
const installationCredential = (value: string | undefined): SecretReferenceView =>
  value ? { kind: 'installation' } : { kind: 'generated' };

function identityView(tenant: Tenant, ready: boolean): CityIdentityView {
  const own = tenant.file.identity.oidc;
  const common = { userCodeAlphabet: tenant.file.identity.userCodeAlphabet, ready };
  if (own) {
    return {
      ...common,
      source: 'city',
      kind: 'oidc',
      issuer: own.issuer,
      clientId: own.clientId,
      clientSecret: reference(own.clientSecret),
    };
  }
  const provider = tenant.identityProvider;
  if (provider.kind === 'oidc') {
    return {
      ...common,
      source: 'installation',
      kind: 'oidc',
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: { kind: 'installation' },
    };
  }
  return { ...common, source: 'installation', kind: 'sandbox' };
}

function partnerViews(tenant: Tenant): CityPartnerView[] {
  const own = tenant.file.partners;
  const resolved = tenant.partners;
  const apiKeyPartner = (partner: Exclude<PartnerName, 'currency'>): CityPartnerView => {
    const mine = own[partner];
    return {
      partner,
      source: mine ? 'city' : 'installation',
      baseUrl: resolved[partner].baseUrl ?? null,
      auth: 'apiKey',
      clientId: null,
      credential: mine ? reference(mine.apiKey) : installationCredential(resolved[partner].apiKey),
    };
  };
  const currency = own.currency;
  return [
    apiKeyPartner('portal'),
    {
      partner: 'currency',
      source: currency ? 'city' : 'installation',
      baseUrl: resolved.currency.baseUrl ?? null,
      auth: 'clientCredentials',
      clientId: resolved.currency.clientId ?? null,
      credential: currency
        ? reference(currency.clientSecret)
        : installationCredential(resolved.currency.clientSecret),
    },
    apiKeyPartner('mutualAid'),
    apiKeyPartner('childcare'),
  ];
}
