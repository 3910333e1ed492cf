import { describe, expect, it, vi } from 'vitest';
import { CityServices, ServiceError, errorCodeOf, type ServiceHttp } from './CityServices';

type Call = { path: string; init: Parameters<ServiceHttp>[1] };

function fakeHttp(answer: (call: Call) => { status: number; body: unknown } | Promise<never>) {
  const calls: Call[] = [];
  const http: ServiceHttp = async (path, init) => {
    calls.push({ path, init });
    return answer({ path, init });
  };
  return { http, calls };
}

const WALLET = { balance: 1200, updatedAt: '2025-11-27T10:00:00+09:00', transactions: [], coupons: [] };

describe('CityServices', () => {
  it('asks as the active person and keeps the answer for the test hook', async () => {
    const { http, calls } = fakeHttp(() => ({ status: 200, body: WALLET }));
    const services = new CityServices(http);
    await expect(services.wallet('c-1')).resolves.toEqual(WALLET);
    expect(calls[0]).toEqual({ path: '/api/v1/services/wallet?citizenId=c-1', init: { method: 'GET' } });
    expect(services.snapshot.wallet).toEqual(WALLET);
  });

  it('leaves citizenId out of Home when nobody is using the TV', async () => {
    const { http, calls } = fakeHttp(() => ({ status: 200, body: { unreadNotices: 2, reminder: null } }));
    await new CityServices(http).home(null);
    expect(calls[0]?.path).toBe('/api/v1/services/home');
  });

  it('sends writes with their Idempotency-Key', async () => {
    const booking = {
      id: 'b-1',
      slotId: 's-1',
      startsAt: '2025-11-28T10:00:00+09:00',
      place: '保健センター',
      childId: null,
      status: 'booked',
    };
    const { http, calls } = fakeHttp(() => ({ status: 201, body: { booking } }));
    const services = new CityServices(http);
    await services.book({ citizenId: 'c-1', slotId: 's-1', childId: null }, 'key-123456');
    expect(calls[0]).toEqual({
      path: '/api/v1/services/childcare/bookings',
      init: {
        method: 'POST',
        body: { citizenId: 'c-1', slotId: 's-1', childId: null },
        headers: { 'Idempotency-Key': 'key-123456' },
      },
    });
    await services.changeBooking('b/1', { citizenId: 'c-1', slotId: 's-2' }, 'key-abcdefg');
    expect(calls[1]?.path).toBe('/api/v1/services/childcare/bookings/b%2F1');
    expect(calls[1]?.init.method).toBe('PATCH');
    await services.cancelBooking('b-1', 'c-1');
    expect(calls[2]).toEqual({
      path: '/api/v1/services/childcare/bookings/b-1?citizenId=c-1',
      init: { method: 'DELETE' },
    });
  });

  it('turns an error answer into its code and remembers it as the last error', async () => {
    const { http } = fakeHttp(() => ({
      status: 503,
      body: { error: { code: 'PARTNER_UNAVAILABLE', message: 'errors.PARTNER_UNAVAILABLE' } },
    }));
    const services = new CityServices(http);
    const failure = await services.wallet('c-1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceError);
    expect(failure).toMatchObject({ service: 'wallet', code: 'PARTNER_UNAVAILABLE', status: 503 });
    expect(services.snapshot.lastError).toEqual({ service: 'wallet', code: 'PARTNER_UNAVAILABLE' });
  });

  it('clears the last error when that service answers again', async () => {
    let down = true;
    const { http } = fakeHttp(() =>
      down ? { status: 502, body: { error: { code: 'PARTNER_ERROR' } } } : { status: 200, body: WALLET },
    );
    const services = new CityServices(http);
    await services.wallet('c-1').catch(() => undefined);
    down = false;
    await services.wallet('c-1');
    expect(services.snapshot.lastError).toBeNull();
  });

  it('does not count recommendations refused for lack of consent as an error on screen', async () => {
    const { http } = fakeHttp(() => ({ status: 403, body: { error: { code: 'CONSENT_REQUIRED' } } }));
    const services = new CityServices(http);
    await expect(services.recommendations('c-1')).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(services.snapshot.lastError).toBeNull();
  });

  it('says a service cannot be reached when even the server does not answer in time', async () => {
    vi.useFakeTimers();
    try {
      const services = new CityServices(() => new Promise<never>(() => undefined), 6_000);
      const result = services.notices().catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(6_000);
      expect(await result).toMatchObject({ service: 'notices', code: 'PARTNER_UNAVAILABLE' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes on the channel’s own failures (no server) with their code', async () => {
    const services = new CityServices(async () => {
      throw Object.assign(new Error('errors.SERVER_UNREACHABLE'), { code: 'SERVER_UNREACHABLE' });
    });
    await expect(services.mutualAid('c-1')).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE' });
  });

  it('treats an answer it cannot read as a partner error', async () => {
    const { http } = fakeHttp(() => ({ status: 200, body: { balance: 'lots' } }));
    await expect(new CityServices(http).wallet('c-1')).rejects.toMatchObject({ code: 'PARTNER_ERROR' });
  });

  it('marks an opened notice read in what it keeps', async () => {
    const notice = {
      id: 'n-1',
      title: { ja: 'a', en: null },
      body: { ja: 'b', en: null },
      category: 'life',
      publishedAt: '2025-11-27T09:00:00+09:00',
      urgent: false,
      read: false,
    };
    const { http } = fakeHttp(({ path }) =>
      path.endsWith('/notices')
        ? { status: 200, body: { notices: [notice], unread: 1 } }
        : { status: 200, body: { notice: { ...notice, read: true } } },
    );
    const services = new CityServices(http);
    await services.notices();
    await services.notice('n-1');
    expect(services.snapshot.notices?.[0]?.read).toBe(true);
  });

  it('forgets one person’s data when another starts using the TV', async () => {
    const { http } = fakeHttp(() => ({ status: 200, body: WALLET }));
    const services = new CityServices(http);
    await services.wallet('c-1');
    services.forgetPersonal();
    expect(services.snapshot.wallet).toBeNull();
  });
});

describe('errorCodeOf', () => {
  it('reads the code of the body, else guesses from the status', () => {
    expect(errorCodeOf(409, { error: { code: 'SLOT_FULL', message: 'x' } })).toBe('SLOT_FULL');
    expect(errorCodeOf(503, 'Service Unavailable')).toBe('PARTNER_UNAVAILABLE');
    expect(errorCodeOf(502, null)).toBe('PARTNER_ERROR');
    expect(errorCodeOf(500, { error: { code: 'SOMETHING_NEW' } })).toBe('INTERNAL');
  });
});
