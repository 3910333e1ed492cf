import { loadConfig, type WindowServer } from '@madoguchi/window-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredTv } from './support/counter.js';
import { startServer } from './support/server.js';

// Packaged TV apps run on an origin of their own: window-server answers the configured ones
// (MADOGUCHI_TV_ORIGINS) with CORS on socket.io and the device API, and no one else.

const TV_ORIGIN = 'http://127.0.0.1:5999';
const OTHER_ORIGIN = 'http://127.0.0.1:6000';

let server: WindowServer;
let token: string;

beforeAll(async () => {
  server = await startServer({ env: { MADOGUCHI_TV_ORIGINS: `${TV_ORIGIN}, https://tv.operator.example` } });
  const tv = await registeredTv(server.cityUrl());
  token = tv.token;
  tv.socket.disconnect();
});

afterAll(async () => {
  await server?.close();
});

function authorize(origin: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.cityUrl()}/api/v1/device/authorize`, {
    method: 'POST',
    headers: { origin, authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: '{}',
  });
}

describe('MADOGUCHI_TV_ORIGINS', () => {
  it('answers the preflight of a configured origin, without credentials', async () => {
    const response = await fetch(`${server.cityUrl()}/api/v1/device/authorize`, {
      method: 'OPTIONS',
      headers: {
        origin: TV_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(TV_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets a configured origin use the device API with its token', async () => {
    const response = await authorize(TV_ORIGIN);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(TV_ORIGIN);
  });

  it('refuses any other origin, and a configured one that sends cookies', async () => {
    const other = await authorize(OTHER_ORIGIN);
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const withCookie = await authorize(TV_ORIGIN, { cookie: 'madoguchi_session=x' });
    expect(withCookie.status).toBe(403);
  });

  it('opens socket.io long-polling to a configured origin only', async () => {
    const poll = (origin: string) =>
      fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    expect((await poll(TV_ORIGIN)).headers.get('access-control-allow-origin')).toBe(TV_ORIGIN);
    expect((await poll(OTHER_ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is a list of origins: anything else names the setting', () => {
    expect(loadConfig({ MADOGUCHI_TV_ORIGINS: 'https://a.example,http://127.0.0.1:8000' }).tvOrigins).toEqual(
      ['https://a.example', 'http://127.0.0.1:8000'],
    );
    expect(loadConfig({}).tvOrigins).toEqual([]);
    expect(() => loadConfig({ MADOGUCHI_TV_ORIGINS: 'https://a.example/path' })).toThrow(/tvOrigins/);
  });
});
