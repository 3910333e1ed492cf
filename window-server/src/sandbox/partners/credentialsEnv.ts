import { newSandboxCredentials, type SandboxCredentials } from './SandboxPartners.js';

/** The variables that fix the sandbox partners' credentials, so both ends can be configured alike. */
export const SANDBOX_CREDENTIAL_ENV: Record<keyof SandboxCredentials, string> = {
  portalApiKey: 'MADOGUCHI_SANDBOX_PORTAL_API_KEY',
  mutualAidApiKey: 'MADOGUCHI_SANDBOX_MUTUAL_AID_API_KEY',
  childcareApiKey: 'MADOGUCHI_SANDBOX_CHILDCARE_API_KEY',
  currencyClientId: 'MADOGUCHI_SANDBOX_CURRENCY_CLIENT_ID',
  currencyClientSecret: 'MADOGUCHI_SANDBOX_CURRENCY_CLIENT_SECRET',
};

/** Credentials from the environment; any not set is a fresh random one. */
export function sandboxCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxCredentials {
  const fresh = newSandboxCredentials();
  const pick = (field: keyof SandboxCredentials): string => {
    const value = env[SANDBOX_CREDENTIAL_ENV[field]];
    return value !== undefined && value !== '' ? value : fresh[field];
  };
  return {
    portalApiKey: pick('portalApiKey'),
    mutualAidApiKey: pick('mutualAidApiKey'),
    childcareApiKey: pick('childcareApiKey'),
    currencyClientId: pick('currencyClientId'),
    currencyClientSecret: pick('currencyClientSecret'),
  };
}
