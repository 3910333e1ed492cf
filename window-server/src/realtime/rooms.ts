/** socket.io room names: every socket of one TV, of one officer, of one staff session. */
export const deviceRoom = (deviceId: string): string => `device:${deviceId}`;
export const staffRoom = (staffId: string): string => `staff:${staffId}`;
export const sessionRoom = (sessionHash: string): string => `session:${sessionHash}`;
/** Sockets of the city's officers: the counter's snapshots go here, never to the cable operator. */
export const COUNTER_ROOM = 'counter';
/** Sockets of operators and admins: the fleet's rows. */
export const FLEET_ROOM = 'fleet';
