import { describe, expect, it } from 'vitest';
import { RequestError } from '../staffRequest';
import { ServiceRead } from './serviceRead';

function harness() {
  const pending: { resolve: (value: string) => void; reject: (error: unknown) => void }[] = [];
  const read = new ServiceRead<string>(
    () =>
      new Promise<string>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
    { now: () => new Date(1_000) },
  );
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { read, pending, flush };
}

describe('a consent-gated service read', () => {
  it('asks nothing without the consent', () => {
    const { read, pending } = harness();
    read.track(false);
    expect(pending).toHaveLength(0);
    expect(read.current.status).toBe('no-consent');
  });

  it('reads once the consent is granted, and not again for the same consent', async () => {
    const { read, pending, flush } = harness();
    read.track(true);
    read.track(true);
    expect(pending).toHaveLength(1);
    expect(read.current.status).toBe('loading');
    pending[0]?.resolve('data');
    await flush();
    expect(read.current).toEqual({ status: 'shown', data: 'data', error: null, loadedAt: 1_000 });
  });

  it('hides what was shown the moment the consent goes', async () => {
    const { read, pending, flush } = harness();
    read.track(true);
    pending[0]?.resolve('data');
    await flush();
    read.track(false);
    expect(read.current).toEqual({ status: 'no-consent', data: null, error: null, loadedAt: null });
    await read.reload();
    expect(pending).toHaveLength(1);
  });

  it('drops an answer that arrives after the consent went', async () => {
    const { read, pending, flush } = harness();
    read.track(true);
    read.track(false);
    pending[0]?.resolve('late');
    await flush();
    expect(read.current.status).toBe('no-consent');
    expect(read.current.data).toBeNull();
  });

  it('keeps only the newest answer', async () => {
    const { read, pending, flush } = harness();
    read.track(true);
    void read.reload();
    pending[1]?.resolve('new');
    await flush();
    pending[0]?.resolve('old');
    await flush();
    expect(read.current.data).toBe('new');
  });

  it('shows the refusal (CONSENT_REQUIRED, a partner down) and nothing old', async () => {
    const { read, pending, flush } = harness();
    read.track(true);
    pending[0]?.resolve('data');
    await flush();
    void read.reload();
    expect(read.current.status).toBe('loading');
    pending[1]?.reject(
      new RequestError({ code: 'PARTNER_UNAVAILABLE', message: 'errors.PARTNER_UNAVAILABLE' }),
    );
    await flush();
    expect(read.current).toMatchObject({
      status: 'error',
      data: null,
      error: { code: 'PARTNER_UNAVAILABLE' },
    });
    void read.reload();
    pending[2]?.reject(new RequestError({ code: 'CONSENT_REQUIRED', message: 'errors.CONSENT_REQUIRED' }));
    await flush();
    expect(read.current.error?.code).toBe('CONSENT_REQUIRED');
  });
});
