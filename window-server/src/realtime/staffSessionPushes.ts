import type { StaffAuth } from '../staff/index.js';
import type { StaffNamespace } from './namespaces.js';
import { sessionRoom, staffRoom } from './rooms.js';

/** An ended staff session (logout elsewhere, disabled account) closes its consoles at once. */
export function attachStaffSessionPushes(staffAuth: StaffAuth, staff: StaffNamespace): void {
  staffAuth.events.on('sessionEnded', ({ staffId, sessionHash, reason }) => {
    const room = sessionHash ? sessionRoom(sessionHash) : staffRoom(staffId);
    staff.to(room).emit('session:ended', reason);
    staff.in(room).disconnectSockets(true);
  });
}
