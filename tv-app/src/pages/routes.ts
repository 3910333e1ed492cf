import type { ServiceId } from '@madoguchi/shared';
import type { RouteName } from '../services/AppContext';

/** Services that have a screen in this app, and which one. */
const SERVICE_ROUTES: Partial<Record<ServiceId, RouteName>> = {
  videoCounter: 'videoCounter',
  hours: 'hours',
  guide: 'guide',
  settings: 'settings',
};

export const MAX_TILES = 6;

export function routeOfService(service: ServiceId): RouteName | undefined {
  return SERVICE_ROUTES[service];
}

/** Home tiles: what the tenant offers and this app can open, in the tenant's order, at most six. */
export function homeTiles(services: readonly ServiceId[]): ServiceId[] {
  return services.filter((service) => routeOfService(service) !== undefined).slice(0, MAX_TILES);
}

/** Green key (and 0): the video counter when offered and built, else the hours and the phone number. */
export function humanRoute(services: readonly ServiceId[]): RouteName {
  const video = services.includes('videoCounter') ? routeOfService('videoCounter') : undefined;
  return video ?? 'hours';
}
