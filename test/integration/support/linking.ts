import type { DeviceAuthorizationResponse, HouseholdMember } from '@madoguchi/shared';
import type { WindowServer } from '@madoguchi/window-server';
import { request, type DeviceSocket } from './clients.js';
import { PhoneBrowser } from './phone.js';

/** `tenant`: the city the TV belongs to; the server's first city by default. */
export async function authorizeTv(
  server: WindowServer,
  token: string,
  tenant?: string,
): Promise<DeviceAuthorizationResponse> {
  const response = await fetch(`${server.cityUrl(tenant)}/api/v1/device/authorize`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: server.url },
  });
  if (!response.ok) throw new Error(`authorize: ${response.status}`);
  return (await response.json()) as DeviceAuthorizationResponse;
}

/** The phone opens the TV's link, confirms the code and signs in as a demo citizen. Returns the final page. */
export async function phoneSignsIn(
  server: WindowServer,
  link: string,
  loginId: string,
  tenant?: string,
): Promise<string> {
  const phone = new PhoneBrowser(server.cityUrl(tenant));
  const confirm = await phone.get(link);
  const code = /data-testid="phone-shown-code">([^<]+)</.exec(confirm.text)?.[1] ?? '';
  const login = await phone.post(PhoneBrowser.formAction(confirm.text, '/link/confirm'), {
    csrf: PhoneBrowser.csrf(confirm.text),
    code,
  });
  const done = await phone.post(PhoneBrowser.formAction(login.text, '/login'), {
    login: loginId,
    password: 'omura-demo',
  });
  return done.text;
}

/** Links a demo citizen to the TV the way a citizen does (phone sign-in); returns their citizen id. */
export async function linkCitizen(
  server: WindowServer,
  tv: { socket: DeviceSocket; token: string },
  loginId: string,
  tenant?: string,
): Promise<string> {
  const codes = await authorizeTv(server, tv.token, tenant);
  await phoneSignsIn(server, codes.verification_uri_complete, loginId, tenant);
  const members = await request<{ members: HouseholdMember[] }>(tv.socket, 'household:list', {});
  if (!members.ok) throw new Error(members.error.code);
  const member = members.data.members.find((m) => m.linkedBy === 'self' && m.displayName.length > 0);
  const newest = members.data.members[members.data.members.length - 1] ?? member;
  if (!newest) throw new Error('nobody linked');
  return newest.citizenId;
}
