export { DeviceRegistry, type DeviceEvents } from './DeviceRegistry.js';
export { DeviceStore, type DeviceRecord } from './DeviceStore.js';
