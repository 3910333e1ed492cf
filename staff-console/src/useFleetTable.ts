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
 * Another city's fleet: loaded over HTTP only. The console's socket is its home city's, whose
 * events are about the home city's boxes and must not patch this table.
 */
const OTHER_CITY_FLEET: typeof FLEET = { ...FLEET, listen: () => () => undefined };

/**
 * The fleet, kept live like the device list: patched by `fleet:device` (hello, report,
 * configuration) and `device:presence`. `live: false` for another city's fleet (`api.forCity`).
 */
export function useFleetTable(api: ApiClient, socket: StaffSocket, live = true): FleetTableHandle {
  return useLiveTable(api, socket, live ? FLEET : OTHER_CITY_FLEET);
}
