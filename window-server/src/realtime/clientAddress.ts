import type { Socket } from 'socket.io';

/** The client's address, honouring as many proxy hops as configured (as express does). */
export function clientAddress(socket: Socket, trustedHops: number): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (trustedHops > 0 && typeof forwarded === 'string') {
    const hops = forwarded.split(',').map((part) => part.trim());
    return hops[Math.max(0, hops.length - trustedHops)] ?? socket.handshake.address;
  }
  return socket.handshake.address;
}
