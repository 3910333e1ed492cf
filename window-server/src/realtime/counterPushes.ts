import type { Logger } from '../core/logger.js';
import type { Counter } from '../counter/index.js';
import type { CallRooms } from '../media/index.js';
import type { DeviceNamespace, StaffNamespace } from './namespaces.js';
import { COUNTER_ROOM, deviceRoom, staffRoom } from './rooms.js';

/** Changes are gathered for this long and sent once: a burst of joins is one push. */
const COALESCE_MS = 50;

export interface CounterPushesDeps {
  counter: Counter;
  rooms: CallRooms;
  device: DeviceNamespace;
  staff: StaffNamespace;
  logger: Logger;
}

/** Tells TVs and officers what the counter did, after it is committed. */
export function attachCounterPushes({ counter, rooms, device, staff, logger }: CounterPushesDeps): {
  close(): void;
} {
  const dirtyDevices = new Set<string>();
  let waitingDue = false;
  let snapshotDue = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const failed = (what: string) => (error: unknown) => logger.error({ err: error }, what);
  // One flush at a time, in order: a later push never overtakes an earlier one.
  let sending: Promise<void> = Promise.resolve();
  const send = async (devices: Set<string>, allWaiting: boolean, snapshot: boolean): Promise<void> => {
    // Everyone behind in the same line moved up too.
    if (allWaiting) for (const waiting of await counter.waitingDevices()) devices.add(waiting);
    const entries = await counter.myEntries(devices);
    for (const [deviceId, entry] of entries) device.to(deviceRoom(deviceId)).emit('queue:updated', entry);
    if (snapshot) staff.to(COUNTER_ROOM).emit('counter:changed', await counter.snapshot());
  };
  const flush = (): void => {
    timer = undefined;
    const devices = new Set(dirtyDevices);
    const allWaiting = waitingDue;
    const snapshot = snapshotDue;
    dirtyDevices.clear();
    waitingDue = false;
    snapshotDue = false;
    sending = sending
      .then(() => send(devices, allWaiting, snapshot))
      .catch(failed('could not push the counter'));
  };
  const schedule = (): void => {
    if (!closed) timer ??= setTimeout(flush, COALESCE_MS);
  };

  counter.events.on('entryChanged', (deviceId) => {
    dirtyDevices.add(deviceId);
    waitingDue = true;
    schedule();
  });
  counter.events.on('changed', () => {
    snapshotDue = true;
    schedule();
  });
  counter.events.on('callStarted', (consultation) => {
    rooms
      .joinInfo(consultation.id, 'citizen')
      .then((join) => device.to(deviceRoom(consultation.deviceId)).emit('call:started', join))
      .catch(failed('could not start the call media'));
  });
  counter.events.on('ringing', (consultation) => {
    // A ringing call has no media yet: the TV joins once it answers.
    counter
      .myCall(consultation, null)
      .then((call) => device.to(deviceRoom(consultation.deviceId)).emit('call:ringing', call))
      .catch(failed('could not ring the TV'));
  });
  counter.events.on('answered', (consultation) => {
    rooms
      .joinInfo(consultation.id, 'officer')
      .then((join) => staff.to(staffRoom(consultation.staffId)).emit('call:answered', join))
      .catch(failed('could not join the officer to the answered call'));
  });
  counter.events.on('held', (consultation, onHold) => {
    device
      .to(deviceRoom(consultation.deviceId))
      .emit('call:held', { consultationId: consultation.id, onHold });
    rooms.get(consultation.id)?.setHold(onHold).catch(failed('could not hold the call media'));
  });
  counter.events.on('callEnded', (consultation, reason, survey) => {
    rooms.close(consultation.id);
    device
      .to(deviceRoom(consultation.deviceId))
      .emit('call:ended', { consultationId: consultation.id, reason, survey });
    staff.to(staffRoom(consultation.staffId)).emit('call:ended', { consultationId: consultation.id, reason });
  });
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
