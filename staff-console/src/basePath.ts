/**
 * The city's base this console is served under: the part of the page's path before its last
 * `/staff/`. window-server serves each city's console at `/t/<tenant>/staff/`, so `/t/omura`;
 * '' when it is served at `/staff/` itself or at the root (the Vite dev server at `/`). Every API
 * path and the socket namespace go below it (`<base>/api/v1/…`, `<base>/staff`).
 */
export function consoleBasePath(pathname: string): string {
  // The console routes by hash: its page is `<base>/staff/` or `<base>/staff/index.html`.
  const match = /^(.*)\/staff\/[^/]*$/.exec(pathname);
  return match?.[1] ?? '';
}
