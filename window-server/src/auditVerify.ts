#!/usr/bin/env node
// `npm run audit:verify`: walks each tenant's audit chain and names its first broken row,
// on the database the server uses (SQLite in the data dir, or MADOGUCHI_DATABASE_URL).
import { existsSync } from 'node:fs';
import { verifyTenants } from './audit/index.js';
import { ConfigError, databaseFile, loadConfig } from './config/index.js';
import { systemClock } from './core/clock.js';
import { createLogger } from './core/logger.js';
import { Database, DatabaseStartError } from './db/index.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  const file = databaseFile(config);
  if (!config.database.url && !existsSync(file)) {
    console.error(`No database at ${file} (set MADOGUCHI_DATA_DIR or MADOGUCHI_DATABASE_URL).`);
    return 2;
  }
  let db: Database;
  try {
    db = await Database.open({ url: config.database.url, file, logger: createLogger('silent') });
  } catch (error) {
    if (error instanceof DatabaseStartError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  try {
    const tenants = await db.tenantsIn('audit_log');
    const results = await verifyTenants(
      tenants.map((tenantId) => db.forTenant(tenantId)),
      systemClock,
    );
    for (const { tenantId, verification } of results) {
      if (verification.ok) {
        console.error(`  ${tenantId}: 正常 / intact, ${verification.rows} rows`);
        continue;
      }
      const broken = verification.firstBroken as NonNullable<typeof verification.firstBroken>;
      console.error(
        `  ${tenantId}: 改ざん / broken: first broken row ${broken.seq} (${broken.reason}), ${verification.rows} rows read`,
      );
    }
    const broken = results.filter((result) => !result.verification.ok).map((result) => result.tenantId);
    if (broken.length === 0) {
      console.error(
        `監査ログは 正常です / The audit trail is intact: ${results.length} tenant(s) (${db.location}).`,
      );
      return 0;
    }
    console.error(`監査ログが 改ざんされています / The audit trail is broken for: ${broken.join(', ')}.`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
