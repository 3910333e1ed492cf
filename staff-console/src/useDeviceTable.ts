import type { DevicePresence, DeviceSummary } from '@madoguchi/shared';
import type { ApiClient } from './api';
import { initialDeviceTable, reduceDeviceTable, type DeviceEvent, type DeviceTable } from './devices';
import type { StaffSocket } from './socket';
import { useLiveTable, type LiveTableHandle, type LiveTableSource } from './useLiveTable';

export type DeviceTableHandle = LiveTableHandle<DeviceTable, DeviceEvent>;

const DEVICES: LiveTableSource<
  DeviceTable,
  DeviceEvent,
  readonly DeviceSummary[],
  { type: 'load-done'; devices: readonly DeviceSummary[] }
> = {
  reduce: reduceDeviceTable,
  initial: initialDeviceTable,
  load: (api) => api.devices(),
  done: (devices) => ({ type: 'load-done', devices }),
  listen: (socket, apply) => {
    const onUpdated = (device: DeviceSummary) => apply({ kind: 'updated', device });
    const onPresence = (presence: DevicePresence) => apply({ kind: 'presence', presence });
    socket.on('device:updated', onUpdated);
    socket.on('device:presence', onPresence);
    return () => {
      socket.off('device:updated', onUpdated);
      socket.off('device:presence', onPresence);
    };
  },
};

/** The device list, kept live by `device:updated` and `device:presence`. */
export function useDeviceTable(api: ApiClient, socket: StaffSocket): DeviceTableHandle {
  return useLiveTable(api, socket, DEVICES);
}
