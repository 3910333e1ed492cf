import type { ServiceId } from '@madoguchi/shared';
import type { RouteName } from '../services/AppContext';

/** Services that have a screen in this app, and which one. */
const SERVICE_ROUTES: Partial<Record<ServiceId, RouteName>> = {
  videoCounter: 'videoCounter',
  notices: 'notices',
  wallet: 'wallet',
  mutualAid: 'mutualAid',
  childcare: 'childcare',
  hours: 'hours',
  guide: 'guide',
  settings: 'settings',
};

export const MAX_TILES = 6;

/** A Home tile: a service, or 「そのほか」 opening the services that do not fit. */
export type HomeTile = ServiceId | 'more';
export const MORE_TILE = 'more';

export function routeOfService(service: ServiceId): RouteName | undefined {
  return SERVICE_ROUTES[service];
}

function openable(services: readonly ServiceId[]): ServiceId[] {
  return services.filter((service) => routeOfService(service) !== undefined);
}

/**
 * Home tiles, in the tenant's order: all of them when six or fewer can be opened; else the
 * first five and a sixth 「そのほか」 tile for the rest (TV-UX: at most six choices).
 */
export function homeTiles(services: readonly ServiceId[]): HomeTile[] {
  const available = openable(services);
  if (available.length <= MAX_TILES) return available;
  return [...available.slice(0, MAX_TILES - 1), MORE_TILE];
}

/** What 「そのほか」 lists: the services after the first five, when they do not all fit. */
export function moreServices(services: readonly ServiceId[]): ServiceId[] {
  const available = openable(services);
  return available.length <= MAX_TILES ? [] : available.slice(MAX_TILES - 1);
}

/** Green key (and 0): the video counter when offered and built, else the hours and the phone number. */
export function humanRoute(services: readonly ServiceId[]): RouteName {
  const video = services.includes('videoCounter') ? routeOfService('videoCounter') : undefined;
  return video ?? 'hours';
}
