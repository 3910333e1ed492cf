import type { CallJoinInfo, MediaPush, NewConsumer, PeerMediaState } from '@madoguchi/shared';
import type { Counter } from '../counter/index.js';
import type { CallRooms } from '../media/index.js';
import type { DeviceNamespace, StaffNamespace } from './namespaces.js';
import { deviceRoom, staffRoom } from './rooms.js';

/** What both namespaces' room emitters have in common: the media pushes. */
interface MediaTarget {
  emit(event: 'media:consumer', payload: NewConsumer): boolean;
  emit(event: 'media:consumerClosed', payload: { consultationId: string; consumerId: string }): boolean;
  emit(event: 'media:rejoin', payload: CallJoinInfo): boolean;
  emit(event: 'media:peerState', payload: PeerMediaState): boolean;
}

/** Media pushes from the call rooms go to the right side of the consultation. */
export function attachMediaPushes(
  rooms: CallRooms,
  counter: Counter,
  device: DeviceNamespace,
  staff: StaffNamespace,
): () => void {
  return rooms.events.on('push', (consultationId, role, push) => {
    const consultation = counter.consultation(consultationId);
    if (!consultation) return;
    if (role === 'citizen') deliver(push, device.to(deviceRoom(consultation.deviceId)));
    else deliver(push, staff.to(staffRoom(consultation.staffId)));
  });
}

// Each case names its event, so both namespaces' emitters check the payload's type.
function deliver(push: MediaPush, to: MediaTarget): void {
  switch (push.event) {
    case 'media:consumer':
      to.emit(push.event, push.payload);
      return;
    case 'media:consumerClosed':
      to.emit(push.event, push.payload);
      return;
    case 'media:rejoin':
      to.emit(push.event, push.payload);
      return;
    case 'media:peerState':
      to.emit(push.event, push.payload);
      return;
  }
}
