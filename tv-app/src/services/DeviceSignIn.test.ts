import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceSignIn, EXPIRED_PAUSE_MS, type SignInEvent } from './DeviceSignIn';

type Answer = { status: number; body: unknown } | 'unreachable';

/** window-server as the TV sees it over `channel.http`: scripted answers, every request kept. */
class FakeServer {
  readonly requests: { path: string; at: number; body: unknown }[] = [];
  readonly tokenAnswers: Answer[] = [];
  authorizeAnswer: Answer | null = null;
  private codes = 0;

  constructor(private readonly lifetimeSeconds = 600) {}

  readonly http = (path: string, init: { method: 'GET' | 'POST'; body?: unknown }) => {
    this.requests.push({ path, at: Date.now(), body: init.body });
    const answer = path.endsWith('/authorize') ? (this.authorizeAnswer ?? this.nextCode()) : this.nextToken();
    if (answer === 'unreachable') return Promise.reject(new Error('SERVER_UNREACHABLE'));
    return Promise.resolve(answer);
  };

  private nextCode(): Answer {
    this.codes++;
    return {
      status: 200,
      body: {
        device_code: `device-${this.codes}`,
        user_code: this.codes === 1 ? 'BCDF-GHJK' : 'LMNP-QRST',
        verification_uri: 'http://tv.test/link',
        verification_uri_complete: `http://tv.test/link?code=${this.codes}`,
        expires_in: this.lifetimeSeconds,
        interval: 5,
      },
    };
  }

  private nextToken(): Answer {
    return this.tokenAnswers.shift() ?? { status: 400, body: { error: 'authorization_pending' } };
  }

  polls(): { at: number; body: unknown }[] {
    return this.requests.filter((request) => request.path.endsWith('/token'));
  }

  authorizes(): number {
    return this.requests.filter((request) => request.path.endsWith('/authorize')).length;
  }
}

function watch(signIn: DeviceSignIn): SignInEvent['kind'][] {
  const events: SignInEvent['kind'][] = [];
  signIn.on('changed', (event) => events.push(event.kind));
  return events;
}

describe('DeviceSignIn', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-06-02T10:00:00+09:00'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a code with its expiry and polls at the interval until approved', async () => {
    const server = new FakeServer();
    const signIn = new DeviceSignIn(server.http);
    const events = watch(signIn);
    const started = Date.now();
    signIn.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(signIn.snapshot).toMatchObject({
      state: 'showing',
      userCode: 'BCDF-GHJK',
      verificationUriComplete: 'http://tv.test/link?code=1',
      expiresAt: started + 600_000,
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(server.polls()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.polls()).toHaveLength(1);
    expect(server.polls()[0]?.body).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: 'device-1',
    });
    server.tokenAnswers.push({
      status: 200,
      body: { citizen: { citizenId: 'c1', displayName: '田中 一郎' } },
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(signIn.snapshot).toMatchObject({ state: 'approved', greetedName: '田中 一郎' });
    expect(events).toEqual(['requesting', 'code', 'approved']);
    // Nothing more is asked once approved.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.polls()).toHaveLength(2);
  });

  it('adds five seconds to the interval at each slow_down, and keeps it', async () => {
    const server = new FakeServer();
    const signIn = new DeviceSignIn(server.http);
    signIn.start();
    await vi.advanceTimersByTimeAsync(5_000);
    server.tokenAnswers.push({ status: 400, body: { error: 'slow_down' } });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.polls()).toHaveLength(2);
    expect(signIn.snapshot.intervalMs).toBe(10_000);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(server.polls()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.polls()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(10_000);
    const gaps = server
      .polls()
      .slice(1)
      .map((poll, index) => poll.at - (server.polls()[index]?.at ?? 0));
    expect(gaps).toEqual([5_000, 10_000, 10_000]);
  });

  it('backs off when the server cannot be reached, and goes on polling', async () => {
    const server = new FakeServer();
    const signIn = new DeviceSignIn(server.http);
    signIn.start();
    server.tokenAnswers.push('unreachable', 'unreachable');
    await vi.advanceTimersByTimeAsync(5_000 + 10_000 + 20_000);
    expect(server.polls().map((poll) => poll.at - server.polls()[0]!.at)).toEqual([0, 10_000, 30_000]);
    expect(signIn.snapshot.state).toBe('showing');
  });

  it('warns a minute before expiry, then says the code expired and shows a new one', async () => {
    const server = new FakeServer(120);
    const signIn = new DeviceSignIn(server.http);
    const events = watch(signIn);
    signIn.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events.filter((event) => event === 'warn')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(signIn.snapshot.state).toBe('expired');
    expect(signIn.snapshot.userCode).toBe('BCDF-GHJK');
    const pollsAtExpiry = server.polls().length;
    await vi.advanceTimersByTimeAsync(EXPIRED_PAUSE_MS);
    expect(signIn.snapshot).toMatchObject({ state: 'showing', userCode: 'LMNP-QRST', codes: 2 });
    expect(server.authorizes()).toBe(2);
    expect(server.polls()).toHaveLength(pollsAtExpiry);
    expect(events.slice(-3)).toEqual(['expired', 'requesting', 'code']);
    // The new code is polled with its own device code.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.polls().at(-1)?.body).toMatchObject({ device_code: 'device-2' });
  });

  it('renews when the server says the code expired before the TV noticed', async () => {
    const server = new FakeServer();
    const signIn = new DeviceSignIn(server.http);
    signIn.start();
    server.tokenAnswers.push({ status: 400, body: { error: 'expired_token' } });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(signIn.snapshot.state).toBe('expired');
    await vi.advanceTimersByTimeAsync(EXPIRED_PAUSE_MS);
    expect(signIn.snapshot).toMatchObject({ state: 'showing', userCode: 'LMNP-QRST' });
  });

  it('stops at access_denied, and fails with a retry when no code can be had', async () => {
    const server = new FakeServer();
    const signIn = new DeviceSignIn(server.http);
    signIn.start();
    server.tokenAnswers.push({ status: 400, body: { error: 'access_denied' } });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(signIn.snapshot.state).toBe('denied');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.polls()).toHaveLength(1);

    server.authorizeAnswer = 'unreachable';
    signIn.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(signIn.snapshot).toMatchObject({ state: 'error', userCode: null });
    server.authorizeAnswer = null;
    signIn.renew();
    await vi.advanceTimersByTimeAsync(0);
    expect(signIn.snapshot.state).toBe('showing');
  });

  it('stops polling when the screen is left, and ignores an answer that comes after', async () => {
    const server = new FakeServer();
    let release: ((answer: { status: number; body: unknown }) => void) | undefined;
    const signIn = new DeviceSignIn((path, init) => {
      if (path.endsWith('/token')) return new Promise((resolve) => (release = resolve));
      return server.http(path, init);
    });
    signIn.start();
    await vi.advanceTimersByTimeAsync(5_000);
    signIn.stop();
    release?.({ status: 200, body: { citizen: { citizenId: 'c1', displayName: '田中 一郎' } } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(signIn.snapshot).toMatchObject({ state: 'idle', userCode: null, greetedName: null });
    expect(signIn.active).toBe(false);
  });
});
