import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, codeForStatus, toApiError } from './api';
import { consoleBasePath } from './basePath';
import { kpiUrl } from './kpi';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

const session = {
  staff: {
    id: 's1',
    loginId: 'admin',
    displayName: '管理 太郎',
    role: 'admin',
    disabled: false,
    createdAt: '',
  },
  csrfToken: 'csrf-123',
};

describe('toApiError', () => {
  it('keeps the code, message key, params and fields of a documented error body', () => {
    const error = toApiError(423, {
      error: { code: 'ACCOUNT_LOCKED', message: 'errors.ACCOUNT_LOCKED', params: { minutes: 15 } },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(423);
    expect(error.code).toBe('ACCOUNT_LOCKED');
    expect(error.messageKey).toBe('errors.ACCOUNT_LOCKED');
    expect(error.params).toEqual({ minutes: 15 });
    expect(error.toAckError()).toEqual({
      code: 'ACCOUNT_LOCKED',
      message: 'errors.ACCOUNT_LOCKED',
      params: { minutes: 15 },
    });
  });

  it('reads the fields of PAYLOAD_INVALID and drops anything that is not a string', () => {
    const error = toApiError(400, {
      error: {
        code: 'PAYLOAD_INVALID',
        message: 'errors.PAYLOAD_INVALID',
        fields: ['loginId', 3, 'password'],
      },
    });
    expect(error.fields).toEqual(['loginId', 'password']);
  });

  it('does not trust a message that is not an i18n key', () => {
    const error = toApiError(401, { error: { code: 'LOGIN_FAILED', message: '<b>nope</b>' } });
    expect(error.messageKey).toBe('errors.LOGIN_FAILED');
  });

  it('falls back to the status for unknown codes and bodies that are not ours', () => {
    expect(toApiError(409, { error: { code: 'SOMETHING_NEW' } }).code).toBe('CONFLICT');
    expect(toApiError(502, undefined).code).toBe('SERVER_UNREACHABLE');
    expect(toApiError(500, 'Internal Server Error').code).toBe('INTERNAL');
    expect(toApiError(401, null).code).toBe('UNAUTHENTICATED');
  });

  it('maps statuses to the documented codes', () => {
    expect(codeForStatus(0)).toBe('SERVER_UNREACHABLE');
    expect(codeForStatus(400)).toBe('PAYLOAD_INVALID');
    expect(codeForStatus(403)).toBe('FORBIDDEN');
    expect(codeForStatus(404)).toBe('NOT_FOUND');
    expect(codeForStatus(429)).toBe('RATE_LIMITED');
    expect(codeForStatus(418)).toBe('INTERNAL');
  });
});

describe('ApiClient', () => {
  it('sends the CSRF token from the session on state-changing requests only', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async (input) =>
      String(input).endsWith('/login') ? jsonResponse(200, session) : jsonResponse(200, { devices: [] }),
    );
    const api = new ApiClient({ fetch });
    await api.login({ loginId: 'admin', password: 'pw' });
    await api.devices();
    await api.updateStaffAccount('a/1', { disabled: true }).catch(() => undefined);

    const [loginUrl, loginInit] = fetch.mock.calls[0] ?? [];
    expect(loginUrl).toBe('/api/v1/auth/login');
    expect(loginInit?.credentials).toBe('same-origin');
    expect(loginInit?.body).toBe(JSON.stringify({ loginId: 'admin', password: 'pw' }));

    const [, listInit] = fetch.mock.calls[1] ?? [];
    expect((listInit?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();

    const [patchUrl, patchInit] = fetch.mock.calls[2] ?? [];
    expect(patchUrl).toBe('/api/v1/staff-accounts/a%2F1');
    expect(patchInit?.method).toBe('PATCH');
    expect((patchInit?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-123');
  });

  it('reads whose console this is, and does without when the answer is missing or not one', async () => {
    const city = { id: 'minato', displayName: { ja: 'みなと市', en: 'Minato City' }, logoPath: null };
    const answers = [jsonResponse(200, city), jsonResponse(200, { id: 3 }), jsonResponse(503, undefined)];
    let unauthenticated = 0;
    const api = new ApiClient({
      fetch: async () => answers.shift() as Response,
      baseUrl: consoleBasePath('/t/minato/staff/'),
      onUnauthenticated: () => (unauthenticated += 1),
    });
    expect(await api.branding()).toEqual(city);
    expect(await api.branding()).toBeNull();
    expect(await api.branding()).toBeNull();
    const unreachable = new ApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await unreachable.branding()).toBeNull();
    expect(unauthenticated).toBe(0);
  });

  it("speaks to another city with the same session's CSRF token, below that city's base", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => jsonResponse(200, session));
    const home = new ApiClient({ fetch, baseUrl: consoleBasePath('/t/omura/staff/') });
    await home.session();
    const minato = home.forCity('minato');
    expect(minato.baseUrl).toBe('/t/minato');
    await minato.pushFleetConfig({ deviceIds: ['dev_1'], serverUrl: 'https://madoguchi.example.jp' });
    const [url, init] = fetch.mock.calls[1] ?? [];
    expect(url).toBe('/t/minato/api/v1/fleet/config');
    expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-123');
    expect(new ApiClient({ baseUrl: 'https://host.example/t/omura' }).forCity('minato').baseUrl).toBe(
      'https://host.example/t/minato',
    );
  });

  it("sends every request below the city's base, and makes links there too", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => jsonResponse(200, { devices: [] }));
    const api = new ApiClient({ fetch, baseUrl: consoleBasePath('/t/omura/staff/') });
    await api.devices();
    await api.session();
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      '/t/omura/api/v1/devices',
      '/t/omura/api/v1/auth/session',
    ]);
    expect(api.baseUrl).toBe('/t/omura');
    expect(api.urlOf(kpiUrl('2025-04-01', '2025-04-30', 'csv'))).toBe(
      '/t/omura/api/v1/kpi?from=2025-04-01&to=2025-04-30&format=csv',
    );
    expect(new ApiClient({ fetch }).urlOf('/api/v1/kpi')).toBe('/api/v1/kpi');
  });

  it('reports a lost session, but not a failed sign-in or the first session probe', async () => {
    const onUnauthenticated = vi.fn();
    const fetch = vi.fn<typeof globalThis.fetch>(async (input) =>
      String(input).endsWith('/login')
        ? jsonResponse(401, { error: { code: 'LOGIN_FAILED', message: 'errors.LOGIN_FAILED' } })
        : jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: 'errors.UNAUTHENTICATED' } }),
    );
    const api = new ApiClient({ fetch, onUnauthenticated });

    await expect(api.session()).resolves.toBeNull();
    await expect(api.login({ loginId: 'x', password: 'y' })).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    expect(onUnauthenticated).not.toHaveBeenCalled();

    await expect(api.devices()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into SERVER_UNREACHABLE', async () => {
    const api = new ApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(api.devices()).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE', status: 0 });
  });

  it('accepts an empty 204 and forgets the CSRF token on logout', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async (input) =>
      String(input).endsWith('/session') ? jsonResponse(200, session) : new Response(null, { status: 204 }),
    );
    const api = new ApiClient({ fetch });
    await api.session();
    await expect(api.logout()).resolves.toBeUndefined();
    expect((fetch.mock.calls[1]?.[1]?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-123');
    await api.revokeDevice('d1').catch(() => undefined);
    expect((fetch.mock.calls[2]?.[1]?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('reads the assisted links, the audit entries and the verification from their documented paths', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async (input) => {
      const url = String(input);
      if (url.endsWith('/assisted-links')) return jsonResponse(200, { links: [{ citizenId: 'c1' }] });
      if (url.includes('/audit/verify')) return jsonResponse(200, { ok: true, rows: 3, firstBroken: null });
      if (url.includes('/audit?')) return jsonResponse(200, { entries: [{ seq: 3 }] });
      return jsonResponse(404, undefined);
    });
    const api = new ApiClient({ fetch });
    await expect(api.assistedLinks()).resolves.toEqual([{ citizenId: 'c1' }]);
    await expect(api.auditEntries(100)).resolves.toEqual([{ seq: 3 }]);
    await expect(api.verifyAudit()).resolves.toEqual({ ok: true, rows: 3, firstBroken: null });
    expect(fetch.mock.calls.map(([input]) => String(input))).toEqual([
      '/api/v1/assisted-links',
      '/api/v1/audit?limit=100',
      '/api/v1/audit/verify',
    ]);
  });

  it("reads the partners' health from its documented path, checking the answer", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async (input) => {
      if (String(input) === '/api/v1/partners/health') {
        return jsonResponse(200, {
          partners: [
            {
              partner: 'currency',
              breaker: 'open',
              lastSuccessAt: null,
              lastFailureAt: null,
              lastError: 'x',
            },
            {
              partner: 'portal',
              breaker: 'closed',
              lastSuccessAt: null,
              lastFailureAt: null,
              lastError: null,
            },
          ],
        });
      }
      return jsonResponse(403, { error: { code: 'FORBIDDEN', message: 'errors.FORBIDDEN' } });
    });
    const api = new ApiClient({ fetch });
    const rows = await api.partnersHealth();
    expect(rows.map((row) => row.partner)).toEqual(['portal', 'currency']);
  });
});
