export { attachDeviceNamespace, type DeviceNamespace, type DeviceNamespaceDeps } from './deviceNamespace.js';
export { attachStaffNamespace, type StaffNamespace, type StaffNamespaceDeps } from './staffNamespace.js';
export { attachCounterPushes, mediaPush } from './counterPushes.js';
export { attachIdentityPushes } from './identityRequests.js';
