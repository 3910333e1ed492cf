import type { DevicePresence, FleetDevice, FleetView } from '@madoguchi/shared';
import type { ApiClient } from './api';
import { initialFleetTable, reduceFleetTable, type FleetEvent, type FleetTable } from './fleet';
import type { StaffSocket } from './socket';
import { useLiveTable, type LiveTableHandle, type LiveTableSource } from './useLiveTable';

export type FleetTableHandle = LiveTableHandle<FleetTable, FleetEvent>;

const FLEET: LiveTableSource<FleetTable, FleetEvent, FleetView, { type: 'load-done'; view: FleetView }> = {
  reduce: reduceFleetTable,
  initial: initialFleetTable,
  load: (api) => api.fleet(),
  done: (view) => ({ type: 'load-done', view }),
  listen: (socket, apply) => {
    const onDevice = (device: FleetDevice) => apply({ kind: 'device', device });
    const onPresence = (presence: DevicePresence) => apply({ kind: 'presence', presence });
    socket.on('fleet:device', onDevice);
    socket.on('device:presence', onPresence);
    return () => {
      socket.off('fleet:device', onDevice);
      socket.off('device:presence', onPresence);
    };
  },
};

/**
 * The fleet, kept live like the device list: patched by `fleet:device` (hello, report,
 * configuration) and `device:presence`.
 */
export function useFleetTable(api: ApiClient, socket: StaffSocket): FleetTableHandle {
  return useLiveTable(api, socket, FLEET);
}
