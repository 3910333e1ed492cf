import { PUSHED_CONFIG_KEY, PUSHED_CONFIG_VERSION_KEY } from '@madoguchi/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BootConfigError, loadBootConfig, type BootWindow } from './bootConfig';

interface FakeOptions {
  href: string;
  /** Body of ./madoguchi.json; a number is an HTTP status; 'throws' is fetch failing (file://). */
  file?: unknown;
  storage?: Record<string, string> | 'forbidden';
}

function fakeWindow({ href, file = 404, storage = {} }: FakeOptions): BootWindow & { requested: string[] } {
  const url = new URL(href);
  const requested: string[] = [];
  const win = {
    requested,
    location: { origin: url.origin, pathname: url.pathname, search: url.search },
    fetch: (input: string) => {
      requested.push(input);
      if (file === 'throws') return Promise.reject(new TypeError('Failed to fetch'));
      if (typeof file === 'number') return Promise.resolve({ ok: false, status: file, text: async () => '' });
      const text = typeof file === 'string' ? file : JSON.stringify(file);
      return Promise.resolve({ ok: true, status: 200, text: async () => text });
    },
  } as BootWindow & { requested: string[] };
  Object.defineProperty(win, 'localStorage', {
    get: () => {
      if (storage === 'forbidden') throw new DOMException('denied', 'SecurityError');
      return { getItem: (key: string) => storage[key] ?? null };
    },
  });
  return win;
}

const packaged = {
  serverUrl: 'https://madoguchi.city.example',
  tenant: 'omura',
  profile: 'hbbtv',
  keyMapOverride: { '82': 'Red' },
};

afterEach(() => vi.restoreAllMocks());

describe('boot configuration', () => {
  it('hosted: no madoguchi.json, the page origin is the server, the city from the path, the profile from the query', async () => {
    const win = fakeWindow({ href: 'http://127.0.0.1:8181/t/omura/tv/?profile=hbbtv' });
    expect(await loadBootConfig(win)).toEqual({
      mode: 'hosted',
      serverUrl: 'http://127.0.0.1:8181',
      tenant: 'omura',
      apiBase: 'http://127.0.0.1:8181/t/omura',
      profile: 'hbbtv',
      pushedConfigVersion: null,
    });
    expect(win.requested).toEqual(['./madoguchi.json']);
  });

  it('hosted: the city and profile from the path /t/<tenant>/tv/<profile>/, the default profile without one', async () => {
    const at = async (href: string) => {
      const { tenant, apiBase, profile } = await loadBootConfig(fakeWindow({ href }));
      return { tenant, apiBase, profile };
    };
    expect(await at('https://city.example/t/minato/tv/hbbtv/')).toEqual({
      tenant: 'minato',
      apiBase: 'https://city.example/t/minato',
      profile: 'hbbtv',
    });
    expect((await at('https://city.example/t/omura/tv/hbbtv/index.html')).profile).toBe('hbbtv');
    expect(await at('https://city.example/t/omura/tv/')).toEqual({
      tenant: 'omura',
      apiBase: 'https://city.example/t/omura',
      profile: 'browser',
    });
    expect((await at('https://city.example/t/omura/tv/index.html')).profile).toBe('browser');
    // The query wins over the path.
    expect((await at('https://city.example/t/omura/tv/hbbtv/?profile=tizen')).profile).toBe('tizen');
  });

  it('hosted: a page whose path names no city does not start, and says where it should be', async () => {
    for (const href of [
      'https://city.example/tv/',
      'https://city.example/tv/hbbtv/',
      'https://city.example/',
      'https://city.example/t/omura/',
      'https://city.example/t/omura/staff/',
      'https://city.example/t/Omura/tv/',
      'https://city.example/t//tv/',
    ]) {
      const start = loadBootConfig(fakeWindow({ href }));
      await expect(start, href).rejects.toThrow(BootConfigError);
      await expect(start, href).rejects.toThrow(/names no city: .*\/t\/<tenant>\/tv\//);
    }
  });

  it('falls back to the default profile for an unknown name, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const config = await loadBootConfig(
      fakeWindow({ href: 'https://city.example/t/omura/tv/?profile=toaster' }),
    );
    expect(config.profile).toBe('browser');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('toaster'));
  });

  it('packaged: madoguchi.json gives server, tenant, profile and key map override', async () => {
    const config = await loadBootConfig(
      fakeWindow({ href: 'http://127.0.0.1:5000/index.html', file: packaged }),
    );
    expect(config).toEqual({
      mode: 'packaged',
      serverUrl: 'https://madoguchi.city.example',
      tenant: 'omura',
      apiBase: 'https://madoguchi.city.example/t/omura',
      profile: 'hbbtv',
      keyMapOverride: { '82': 'Red' },
      pushedConfigVersion: null,
    });
  });

  it('packaged: a madoguchi.json that is there but wrong stops the start', async () => {
    const href = 'file:///apps/madoguchi/index.html';
    await expect(loadBootConfig(fakeWindow({ href, file: '{ nope' }))).rejects.toThrow(BootConfigError);
    await expect(
      loadBootConfig(fakeWindow({ href, file: { ...packaged, serverUrl: 'https://x.example/path' } })),
    ).rejects.toThrow(/serverUrl/);
    await expect(loadBootConfig(fakeWindow({ href, file: { ...packaged, tenant: '' } }))).rejects.toThrow(
      /tenant is missing/,
    );
    const { tenant: _left, ...withoutTenant } = packaged;
    await expect(loadBootConfig(fakeWindow({ href, file: withoutTenant }))).rejects.toThrow(
      /tenant is missing/,
    );
    for (const tenant of ['Omura', 'o', '1city', 'omura/x', 7]) {
      await expect(
        loadBootConfig(fakeWindow({ href, file: { ...packaged, tenant } })),
        String(tenant),
      ).rejects.toThrow(/madoguchi\.json: tenant is not a tenant id/);
    }
    await expect(
      loadBootConfig(fakeWindow({ href, file: { ...packaged, keyMapOverride: { '82': 'Menu' } } })),
    ).rejects.toThrow(/keyMapOverride/);
  });

  it('hosted when fetch fails and there is no XMLHttpRequest', async () => {
    const config = await loadBootConfig(
      fakeWindow({ href: 'http://127.0.0.1:8181/t/omura/tv/', file: 'throws' }),
    );
    expect(config.mode).toBe('hosted');
  });

  it('merges a pushed configuration: its server wins, its key codes add to the packaged ones', async () => {
    const storage = {
      [PUSHED_CONFIG_KEY]: JSON.stringify({
        serverUrl: 'https://new.city.example/',
        keyMapOverride: { '83': 'Green', '82': 'Blue' },
      }),
      [PUSHED_CONFIG_VERSION_KEY]: '3',
    };
    const config = await loadBootConfig(
      fakeWindow({ href: 'http://127.0.0.1:5000/', file: packaged, storage }),
    );
    expect(config.serverUrl).toBe('https://new.city.example');
    expect(config.keyMapOverride).toEqual({ '82': 'Blue', '83': 'Green' });
    expect(config.pushedConfigVersion).toBe(3);
    // A push moves the TV to another server, never to another city.
    expect(config.tenant).toBe('omura');
    expect(config.apiBase).toBe('https://new.city.example/t/omura');
  });

  it('hosted: a pushed server keeps the city of the page', async () => {
    const storage = { [PUSHED_CONFIG_KEY]: JSON.stringify({ serverUrl: 'https://new.city.example' }) };
    const config = await loadBootConfig(
      fakeWindow({ href: 'https://old.city.example/t/minato/tv/hbbtv/', storage }),
    );
    expect(config).toMatchObject({
      mode: 'hosted',
      serverUrl: 'https://new.city.example',
      tenant: 'minato',
      apiBase: 'https://new.city.example/t/minato',
    });
  });

  it('ignores a pushed configuration that is not valid, or storage that is forbidden', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const href = 'http://127.0.0.1:5000/';
    for (const text of ['{', '[]', JSON.stringify({ serverUrl: 'ftp://x' }), JSON.stringify({ colour: 1 })]) {
      const config = await loadBootConfig(
        fakeWindow({ href, file: packaged, storage: { [PUSHED_CONFIG_KEY]: text } }),
      );
      expect(config.serverUrl, text).toBe('https://madoguchi.city.example');
      expect(config.keyMapOverride).toEqual({ '82': 'Red' });
      expect(config.pushedConfigVersion).toBeNull();
    }
    expect(warn).toHaveBeenCalledTimes(4);
    const forbidden = await loadBootConfig(fakeWindow({ href, file: packaged, storage: 'forbidden' }));
    expect(forbidden.serverUrl).toBe('https://madoguchi.city.example');
  });

  it('drops a pushed key map the profile cannot take, keeping the packaged one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // hbbtv does not map 8888: removing it is refused by applyKeyMapOverride.
    const storage = {
      [PUSHED_CONFIG_KEY]: JSON.stringify({ keyMapOverride: { '8888': null } }),
      [PUSHED_CONFIG_VERSION_KEY]: '4',
    };
    const config = await loadBootConfig(
      fakeWindow({ href: 'http://127.0.0.1:5000/', file: packaged, storage }),
    );
    expect(config.keyMapOverride).toEqual({ '82': 'Red' });
    // Not all of push 4 is in use: the server must not mark it applied.
    expect(config.pushedConfigVersion).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('ignoring a key map override'));
  });
});
