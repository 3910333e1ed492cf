import { roleAtLeast, type StaffRole } from '@madoguchi/shared';

export const ROUTES = [
  'counter',
  'supervisor',
  'devices',
  'fleet',
  'accounts',
  'audit',
  'city',
  'partners',
] as const;
export type Route = (typeof ROUTES)[number];

/** Who may open each page; the server checks again, this only keeps the menu honest. */
export const ROUTE_ROLE: Record<Route, StaffRole> = {
  counter: 'staff',
  supervisor: 'supervisor',
  devices: 'staff',
  // The cable operator's engineers and the city's admins.
  fleet: 'operator',
  accounts: 'admin',
  audit: 'admin',
  city: 'admin',
  partners: 'admin',
};

/** Every city role starts at the counter: the queue is what the console is for. */
export const DEFAULT_ROUTE: Route = 'counter';

/** Where a role lands: the counter, or the fleet for the cable operator (who may not see the queue). */
export function defaultRouteFor(role: StaffRole): Route {
  return roleAtLeast(role, ROUTE_ROLE[DEFAULT_ROUTE]) ? DEFAULT_ROUTE : 'fleet';
}

/** `#/accounts` → 'accounts'; anything unknown → undefined. */
export function parseRoute(hash: string): Route | undefined {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name ?? '') ? (name as Route) : undefined;
}

export function routeHash(route: Route): string {
  return `#/${route}`;
}

export function routesFor(role: StaffRole): Route[] {
  return ROUTES.filter((route) => roleAtLeast(role, ROUTE_ROLE[route]));
}

/** The page to show for a hash: the one asked for when allowed, else the default. */
export function resolveRoute(hash: string, role: StaffRole): Route {
  const asked = parseRoute(hash);
  return asked && roleAtLeast(role, ROUTE_ROLE[asked]) ? asked : defaultRouteFor(role);
}
