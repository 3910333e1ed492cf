#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { systemClock } from './core/clock.js';
import { createLogger } from './core/logger.js';
import { closeOnSignals } from './core/signals.js';
import { listenSandboxPartners, SANDBOX_CREDENTIAL_ENV, sandboxCredentialsFromEnv } from './sandbox/index.js';

/**
 * The four sandbox partners alone, on their own port, standing in for remote partner systems:
 *
 *   node window-server/dist/sandboxPartnersCli.js --port 9100 --data-dir ./data
 *
 * Credentials are random on each start unless fixed with the MADOGUCHI_SANDBOX_* variables, so
 * a window-server elsewhere can be configured with the same ones.
 */

const USAGE = `Usage: sandboxPartnersCli [--port 9100] [--host 127.0.0.1] [--data-dir ./data]
Environment: MADOGUCHI_PARTNERS_PORT, MADOGUCHI_PARTNERS_HOST, MADOGUCHI_DATA_DIR, MADOGUCHI_LOG_LEVEL,
  ${Object.values(SANDBOX_CREDENTIAL_ENV).join(', ')}`;

function options(): { port: number; host: string; dataDir: string } {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  const portText = values.port ?? process.env.MADOGUCHI_PARTNERS_PORT ?? '9100';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${portText}\n${USAGE}`);
    process.exit(64);
  }
  return {
    port,
    host: values.host ?? process.env.MADOGUCHI_PARTNERS_HOST ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? process.env.MADOGUCHI_DATA_DIR ?? './data',
  };
}

async function main(): Promise<void> {
  const { port, host, dataDir } = options();
  const logger = createLogger(process.env.MADOGUCHI_LOG_LEVEL ?? 'info');
  const credentials = sandboxCredentialsFromEnv();
  const listening = await listenSandboxPartners({
    dataDir,
    clock: systemClock,
    logger,
    credentials,
    host,
    port,
  });

  closeOnSignals(logger, 'sandbox partners', () => listening.close());

  const { baseUrls } = listening;
  console.error(
    [
      '',
      '  Sandbox partners / サンドボックス連携先',
      `  おむすび。 portal     ${baseUrls.portal}`,
      `    X-Api-Key            ${credentials.portalApiKey}`,
      `  ゆでぴ currency       ${baseUrls.currency}`,
      `    client id            ${credentials.currencyClientId}`,
      `    client secret        ${credentials.currencyClientSecret}`,
      `  地域共助 mutual aid   ${baseUrls['mutual-aid']}`,
      `    X-Api-Key            ${credentials.mutualAidApiKey}`,
      `  子育て childcare      ${baseUrls.childcare}`,
      `    X-Api-Key            ${credentials.childcareApiKey}`,
      `  Data / データ: ${dataDir}/partners/`,
      '  Ctrl-C to stop / 停止は Ctrl-C',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
