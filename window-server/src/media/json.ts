/**
 * One of mediasoup's parameter objects as the plain JSON object the wire carries. A shallow copy
 * rather than a cast: mediasoup's interfaces have no index signature.
 */
export function asJson(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value));
}
