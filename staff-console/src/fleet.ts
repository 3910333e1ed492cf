import {
  fleetConfigPushSchema,
  keyMapOverrideSchema,
  pushedServerUrlSchema,
  type DeviceMemory,
  type DevicePresence,
  type FleetConfigPush,
  type FleetDevice,
  type FleetView,
  type KeyMapOverride,
} from '@madoguchi/shared';

export type FleetEvent =
  { kind: 'device'; device: FleetDevice } | { kind: 'presence'; presence: DevicePresence };

export interface FleetTable {
  latestVersion: string | null;
  /** Profiles the server hosts the TV app for. */
  profiles: readonly string[];
  devices: readonly FleetDevice[];
  /** True until the first list arrives, so the page does not flash "no boxes". */
  loading: boolean;
  /** Events heard while a list was on its way; replayed over it, since the list may predate them. */
  pending: readonly FleetEvent[] | null;
}

export type FleetTableAction =
  | { type: 'load-start' }
  | { type: 'load-done'; view: FleetView }
  | { type: 'load-failed' }
  | { type: 'event'; event: FleetEvent };

export const initialFleetTable: FleetTable = {
  latestVersion: null,
  profiles: [],
  devices: [],
  loading: true,
  pending: null,
};

/** Newest registration first: rows do not jump around when a box goes on or off line. */
export function sortFleet(devices: readonly FleetDevice[]): FleetDevice[] {
  return [...devices].sort(
    (a, b) => b.registeredAt.localeCompare(a.registeredAt) || a.id.localeCompare(b.id),
  );
}

export function applyFleetEvent(devices: readonly FleetDevice[], event: FleetEvent): readonly FleetDevice[] {
  if (event.kind === 'device') {
    const others = devices.filter((device) => device.id !== event.device.id);
    return sortFleet([...others, event.device]);
  }
  const { deviceId, online, lastSeenAt } = event.presence;
  if (!devices.some((device) => device.id === deviceId)) return devices;
  return devices.map((device) => (device.id === deviceId ? { ...device, online, lastSeenAt } : device));
}

export function reduceFleetTable(state: FleetTable, action: FleetTableAction): FleetTable {
  switch (action.type) {
    case 'load-start':
      return { ...state, pending: [] };
    case 'load-done': {
      const replayed = (state.pending ?? []).reduce(applyFleetEvent, sortFleet(action.view.devices));
      return {
        latestVersion: action.view.latestVersion,
        profiles: action.view.profiles,
        devices: replayed,
        loading: false,
        pending: null,
      };
    }
    case 'load-failed':
      return { ...state, loading: false, pending: null };
    case 'event':
      return {
        ...state,
        devices: applyFleetEvent(state.devices, action.event),
        pending: state.pending ? [...state.pending, action.event] : null,
      };
  }
}

/** Hosted profiles and those boxes report, once each, in order. */
export function profileChoices(table: Pick<FleetTable, 'profiles' | 'devices'>): string[] {
  return [...new Set([...table.profiles, ...table.devices.map((device) => device.profile)])].sort();
}

/** '' means every profile. */
export function filterByProfile(devices: readonly FleetDevice[], profile: string): FleetDevice[] {
  return devices.filter((device) => profile === '' || device.profile === profile);
}

/** Boxes still in service that run an older app than the newest package. */
export function countNeedingUpdate(devices: readonly FleetDevice[]): number {
  return devices.filter((device) => device.updateAvailable && !device.revoked).length;
}

const MB = 1024 * 1024;

/** The memory column as i18n keys and their values; an empty list means nothing is known. */
export function memoryTexts(memory: DeviceMemory | null): { key: string; params: Record<string, number> }[] {
  if (!memory) return [];
  const parts: { key: string; params: Record<string, number> }[] = [];
  const used = memory.usedJsHeap;
  if (used !== undefined && memory.jsHeapLimit !== undefined) {
    parts.push({
      key: 'staff.fleet.memoryHeap',
      params: { used: Math.round(used / MB), limit: Math.round(memory.jsHeapLimit / MB) },
    });
  } else if (used !== undefined) {
    parts.push({ key: 'staff.fleet.memoryUsed', params: { used: Math.round(used / MB) } });
  }
  if (memory.deviceGb !== undefined)
    parts.push({ key: 'staff.fleet.memoryDevice', params: { gb: memory.deviceGb } });
  return parts;
}

export type PushField = 'deviceIds' | 'serverUrl' | 'keyMapOverride';
export type PushProblem = PushField | 'json' | 'empty';

export type PushTarget =
  { kind: 'selected'; deviceIds: readonly string[] } | { kind: 'profile'; profile: string };

export interface PushFormValues {
  target: PushTarget;
  serverUrl: string;
  keyMap: string;
}

/** The key map textarea: empty is "leave it"; otherwise a JSON object of key code → key name or null. */
export function parseKeyMap(
  text: string,
): { ok: true; value: KeyMapOverride | undefined } | { ok: false; problem: 'json' | 'keyMapOverride' } {
  if (text.trim() === '') return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'json' };
  }
  const parsed = keyMapOverrideSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: 'keyMapOverride' };
}

/** The form as a push request, or what is wrong with it (checked again by the server). */
export function buildPush(
  values: PushFormValues,
): { ok: true; push: FleetConfigPush } | { ok: false; problems: PushProblem[] } {
  const problems: PushProblem[] = [];
  const serverUrl = values.serverUrl.trim();
  if (serverUrl !== '' && !pushedServerUrlSchema.safeParse(serverUrl).success) problems.push('serverUrl');
  const keyMap = parseKeyMap(values.keyMap);
  if (!keyMap.ok) problems.push(keyMap.problem);
  if (values.target.kind === 'selected' && values.target.deviceIds.length === 0) problems.push('deviceIds');
  if (values.target.kind === 'profile' && values.target.profile === '') problems.push('deviceIds');
  if (serverUrl === '' && values.keyMap.trim() === '') problems.push('empty');
  if (problems.length > 0) return { ok: false, problems };
  const push: FleetConfigPush = {
    ...(values.target.kind === 'selected'
      ? { deviceIds: [...values.target.deviceIds] }
      : { profile: values.target.profile }),
    ...(serverUrl !== '' ? { serverUrl } : {}),
    ...(keyMap.ok && keyMap.value !== undefined ? { keyMapOverride: keyMap.value } : {}),
  };
  const checked = fleetConfigPushSchema.safeParse(push);
  return checked.success ? { ok: true, push: checked.data } : { ok: false, problems: ['empty'] };
}

/** Server field names (PAYLOAD_INVALID `fields`) as the form's problems. */
export function problemsOfFields(fields: readonly string[]): PushProblem[] {
  const problems = new Set<PushProblem>();
  for (const field of fields) {
    const head = field.split('.')[0];
    if (head === 'serverUrl' || head === 'keyMapOverride') problems.add(head);
    else if (head === 'deviceIds' || head === 'profile') problems.add('deviceIds');
  }
  return [...problems];
}
