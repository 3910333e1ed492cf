export { Fleet, type FleetEvents, type FleetOptions } from './Fleet.js';
export {
  DeviceConfigStore,
  DeviceHealthStore,
  type DeviceConfigRecord,
  type DeviceHealthRecord,
} from './FleetStore.js';
export { hostedProfiles, latestTvVersion } from './hosting.js';
