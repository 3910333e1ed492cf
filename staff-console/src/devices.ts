import type { DeviceSummary, DevicePresence } from '@madoguchi/shared';

export type DeviceEvent =
  { kind: 'updated'; device: DeviceSummary } | { kind: 'presence'; presence: DevicePresence };

export interface DeviceTable {
  devices: readonly DeviceSummary[];
  /** True until the first list arrives, so the page does not flash "no devices". */
  loading: boolean;
  /** Events heard while a list was on its way; replayed over it, since the list may predate them. */
  pending: readonly DeviceEvent[] | null;
}

export type DeviceTableAction =
  | { type: 'load-start' }
  | { type: 'load-done'; devices: readonly DeviceSummary[] }
  | { type: 'load-failed' }
  | { type: 'event'; event: DeviceEvent };

export const initialDeviceTable: DeviceTable = { devices: [], loading: true, pending: null };

/** Newest registration first: rows do not jump around when a TV goes on or off line. */
export function sortDevices(devices: readonly DeviceSummary[]): DeviceSummary[] {
  return [...devices].sort(
    (a, b) => b.registeredAt.localeCompare(a.registeredAt) || a.id.localeCompare(b.id),
  );
}

export function applyDeviceEvent(
  devices: readonly DeviceSummary[],
  event: DeviceEvent,
): readonly DeviceSummary[] {
  if (event.kind === 'updated') {
    const others = devices.filter((device) => device.id !== event.device.id);
    return sortDevices([...others, event.device]);
  }
  const { deviceId, online, lastSeenAt } = event.presence;
  // A presence for a device we do not list yet is followed by its device:updated; nothing to draw.
  if (!devices.some((device) => device.id === deviceId)) return devices;
  return devices.map((device) => (device.id === deviceId ? { ...device, online, lastSeenAt } : device));
}

export function reduceDeviceTable(state: DeviceTable, action: DeviceTableAction): DeviceTable {
  switch (action.type) {
    case 'load-start':
      return { ...state, pending: [] };
    case 'load-done': {
      const replayed = (state.pending ?? []).reduce(applyDeviceEvent, sortDevices(action.devices));
      return { devices: replayed, loading: false, pending: null };
    }
    case 'load-failed':
      return { ...state, loading: false, pending: null };
    case 'event':
      return {
        ...state,
        devices: applyDeviceEvent(state.devices, action.event),
        pending: state.pending ? [...state.pending, action.event] : null,
      };
  }
}

export function countOnline(devices: readonly DeviceSummary[]): number {
  return devices.filter((device) => device.online && !device.revoked).length;
}

/** What the status column says: a revoked TV is revoked whether or not its socket is still up. */
export type DeviceStatus = 'online' | 'offline' | 'revoked';

export function deviceStatus(device: Pick<DeviceSummary, 'online' | 'revoked'>): DeviceStatus {
  if (device.revoked) return 'revoked';
  return device.online ? 'online' : 'offline';
}
