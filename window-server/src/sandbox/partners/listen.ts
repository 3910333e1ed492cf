import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PARTNER_FOLDERS,
  SANDBOX_PARTNERS_PATH,
  SandboxPartners,
  type PartnerFolder,
  type SandboxPartnersOptions,
} from './SandboxPartners.js';

export interface ListeningPartners {
  /** `http://host:port` */
  origin: string;
  /** Each partner's base URL, e.g. `http://127.0.0.1:9100/sandbox/partners/currency`. */
  baseUrls: Record<PartnerFolder, string>;
  partners: SandboxPartners;
  close(): Promise<void>;
}

/**
 * The four partners alone on their own port, at the same paths as inside window-server, so a
 * window-server elsewhere (or a test) talks to them as to remote systems. Port 0 picks a free one.
 */
export async function listenSandboxPartners(
  options: Omit<SandboxPartnersOptions, 'currencyBaseUrl'> & { host?: string; port?: number },
): Promise<ListeningPartners> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const partners = SandboxPartners.create({
    ...options,
    currencyBaseUrl: () => `${origin}${SANDBOX_PARTNERS_PATH}/currency`,
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(SANDBOX_PARTNERS_PATH, partners.router());
  const server = createServer(app);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    partners.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const baseUrls = Object.fromEntries(
    PARTNER_FOLDERS.map((folder) => [folder, `${origin}${SANDBOX_PARTNERS_PATH}/${folder}`]),
  ) as Record<PartnerFolder, string>;
  return {
    origin,
    baseUrls,
    partners,
    close: async () => {
      // Keep-alive connections would hold close() open; a sandbox has nothing to drain.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      partners.close();
    },
  };
}
