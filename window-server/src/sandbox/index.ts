export { DEMO_PASSWORD, DEMO_STAFF, seedDemoStaff } from './demoStaff.js';
export { DEMO_CITIZEN_PASSWORD, demoCitizensOf, SandboxDirectory, type DemoCitizen } from './demoCitizens.js';
export { SANDBOX_IDP_PATH, SandboxIdentityProvider } from './SandboxIdentityProvider.js';
export {
  listenSandboxPartners,
  newSandboxCredentials,
  SANDBOX_CREDENTIAL_ENV,
  SANDBOX_PARTNERS_PATH,
  sandboxCredentialsFromEnv,
  SandboxPartners,
  type ListeningPartners,
  type SandboxCredentials,
} from './partners/index.js';
