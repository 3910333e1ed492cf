#!/usr/bin/env node
// `npm run audit:verify`: walks the audit trail's hash chain and names the first broken row,
// on the database the server uses (SQLite in the data dir, or MADOGUCHI_DATABASE_URL).
import { existsSync } from 'node:fs';
import { AuditLog } from './audit/index.js';
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
    const result = await new AuditLog(db, systemClock).verify();
    if (result.ok) {
      console.error(`監査ログは 正常です / The audit trail is intact: ${result.rows} rows (${db.location}).`);
      return 0;
    }
    const broken = result.firstBroken as NonNullable<typeof result.firstBroken>;
    console.error(
      `監査ログが 改ざんされています / The audit trail is broken: first broken row ${broken.seq} (${broken.reason}).`,
    );
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
