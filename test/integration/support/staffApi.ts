import type { StaffSessionInfo } from '@madoguchi/shared';
import { DEMO_PASSWORD, type WindowServer } from '@madoguchi/window-server';

export interface StaffSession {
  cookie: string;
  csrf: string;
  info: StaffSessionInfo;
}

/** A request to `/api/v1` as a browser on the console's own origin would send it. */
export async function staffApi(
  server: WindowServer,
  method: string,
  path: string,
  options: { session?: StaffSession; body?: unknown; csrf?: string | null; tenant?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { origin: server.url };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.session) {
    headers.cookie = options.session.cookie;
    const csrf = options.csrf === undefined ? options.session.csrf : options.csrf;
    if (csrf !== null) headers['x-csrf-token'] = csrf;
  }
  return fetch(`${server.cityUrl(options.tenant)}/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

export async function staffLogin(
  server: WindowServer,
  loginId: string,
  password = DEMO_PASSWORD,
  tenant?: string,
): Promise<StaffSession> {
  const response = await staffApi(server, 'POST', '/auth/login', {
    body: { loginId, password },
    ...(tenant ? { tenant } : {}),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${loginId} failed: ${response.status}`);
  const info = (await response.json()) as StaffSessionInfo;
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { cookie, csrf: info.csrfToken, info };
}

export async function errorCodeOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}
