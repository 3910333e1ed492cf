export { DEMO_PASSWORD, DEMO_STAFF, seedDemoStaff } from './demoStaff.js';
