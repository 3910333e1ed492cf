#!/usr/bin/env node
import { ConfigError, loadConfig } from './config/index.js';
import { createLogger } from './core/logger.js';
import { closeOnSignals } from './core/signals.js';
import { WindowServer } from './main.js';
import { DEMO_CITIZEN_PASSWORD, demoCitizensOf, DEMO_PASSWORD, DEMO_STAFF } from './sandbox/index.js';
import { demoDataEnabled } from './config/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const server = await WindowServer.create(config, { logger });
  // Ctrl-C must work from the first moment, even while the server is still starting.
  closeOnSignals(logger, 'window-server', () => server.close());
  const url = await server.listen();

  const lines = ['', `  まどぐち / Madoguchi (${config.mode})`];
  for (const city of server.cities.values()) {
    const base = `${url}${city.base.path}`;
    lines.push(
      `  ${city.tenant.file.displayName.ja} / ${city.tenant.file.displayName.en}`,
      `    TV app / テレビアプリ:            ${base}/tv/`,
      `    Staff console / 職員コンソール:  ${base}/staff/`,
    );
    if (city.identity.providers.usesSandbox)
      lines.push(`    Phone sign-in page / スマートフォン用: ${base}/link`);
  }
  if (demoDataEnabled(config)) {
    lines.push(`  Demo staff logins, in every city / デモ職員 (password / パスワード: ${DEMO_PASSWORD}):`);
    for (const staff of DEMO_STAFF) lines.push(`    ${staff.loginId.padEnd(11)} ${staff.role}`);
  }
  const sandboxed = [...server.cities.values()].filter((city) => city.identity.providers.usesSandbox);
  if (sandboxed.length > 0) {
    lines.push(
      `  Demo citizens (sandbox めぶくID) / デモ市民 (password / パスワード: ${DEMO_CITIZEN_PASSWORD}):`,
    );
    // Each city signs in its own residents.
    for (const city of sandboxed) {
      const logins = demoCitizensOf(city.tenant.id).map((citizen) => citizen.loginId);
      lines.push(`    ${city.tenant.file.displayName.ja}: ${logins.join(', ')}`);
    }
  }
  lines.push('  Ctrl-C to stop / 停止は Ctrl-C', '');
  console.error(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
