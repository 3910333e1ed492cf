export {
  newSandboxCredentials,
  PARTNER_FOLDERS,
  SANDBOX_PARTNERS_PATH,
  SandboxPartners,
  type PartnerFolder,
  type SandboxCredentials,
  type SandboxPartnersOptions,
} from './SandboxPartners.js';
export { sandboxCredentialsFromEnv, SANDBOX_CREDENTIAL_ENV } from './credentialsEnv.js';
export { listenSandboxPartners, type ListeningPartners } from './listen.js';
export { faultSettingsSchema, type FaultSettings } from './faults.js';
