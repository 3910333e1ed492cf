import { roleAtLeast, type StaffRole } from '@madoguchi/shared';

export const ROUTES = ['counter', 'supervisor', 'devices', 'accounts', 'audit', 'partners'] as const;
export type Route = (typeof ROUTES)[number];

/** Who may open each page; the server checks again, this only keeps the menu honest. */
export const ROUTE_ROLE: Record<Route, StaffRole> = {
  counter: 'staff',
  supervisor: 'supervisor',
  devices: 'staff',
  accounts: 'admin',
  audit: 'admin',
  partners: 'admin',
};

/** Every role starts at the counter: the queue is what the console is for. */
export const DEFAULT_ROUTE: Route = 'counter';

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
  return asked && roleAtLeast(role, ROUTE_ROLE[asked]) ? asked : DEFAULT_ROUTE;
}
