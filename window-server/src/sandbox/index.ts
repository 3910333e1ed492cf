export { DEMO_PASSWORD, DEMO_STAFF, seedDemoStaff } from './demoStaff.js';
export { DEMO_CITIZEN_PASSWORD, DEMO_CITIZENS, SandboxDirectory } from './demoCitizens.js';
export { SANDBOX_IDP_PATH, SandboxIdentityProvider } from './SandboxIdentityProvider.js';
