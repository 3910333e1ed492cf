/**
 * The one clock. Everything that needs the time takes a Clock (tests pass a fixed or stepping
 * one); only this file reads the system's. A lint rule keeps `Date.now()` and `new Date()` here.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Milliseconds since the epoch, from a clock (the system's by default). */
export function epochMs(clock: Clock = systemClock): number {
  return clock.now().getTime();
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
