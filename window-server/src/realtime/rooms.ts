/** socket.io room names: every socket of one TV, of one officer, of one staff session. */
export const deviceRoom = (deviceId: string): string => `device:${deviceId}`;
export const staffRoom = (staffId: string): string => `staff:${staffId}`;
export const sessionRoom = (sessionHash: string): string => `session:${sessionHash}`;
