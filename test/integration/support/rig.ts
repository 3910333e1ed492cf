import type { WindowServer } from '@madoguchi/window-server';
import { afterEach } from 'vitest';
import type { DeviceSocket, StaffSocket } from './clients.js';
import { ALWAYS_OPEN_TENANT, officer, registeredTv } from './counter.js';
import { startServer, type TestServerOptions } from './server.js';

/**
 * The servers and sockets a test file opens, closed after each test: call once at the top of
 * the file. Servers are on the always-open tenant unless the test names another.
 */
export function testRig() {
  const servers: WindowServer[] = [];
  const sockets: (DeviceSocket | StaffSocket)[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const s of servers.splice(0)) await s.close();
  });

  /** A socket to disconnect after the test. */
  const keep = <T extends DeviceSocket | StaffSocket>(socket: T): T => {
    sockets.push(socket);
    return socket;
  };
  /** A server started by the test itself, to close after it. */
  const adopt = (s: WindowServer): WindowServer => {
    servers.push(s);
    return s;
  };

  return {
    keep,
    adopt,
    /** The test closed this server itself: do not close it again. */
    release(s: WindowServer): void {
      const index = servers.indexOf(s);
      if (index >= 0) servers.splice(index, 1);
    },
    async server(options: TestServerOptions = {}): Promise<WindowServer> {
      return adopt(
        await startServer({ ...options, env: { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN_TENANT, ...options.env } }),
      );
    },
    /** A registered TV on `s`, its socket connected. */
    async tv(s: WindowServer) {
      const made = await registeredTv(s.cityUrl());
      keep(made.socket);
      return made;
    },
    /** An officer signed in as `loginId`, their /staff socket connected. */
    async staff(s: WindowServer, loginId: string) {
      const made = await officer(s, loginId);
      keep(made.socket);
      return made;
    },
  };
}
