#!/usr/bin/env node
// `npm run audit:verify`: walks the audit trail's hash chain and names the first broken row.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditLog } from './audit/index.js';
import { ConfigError, loadConfig } from './config/index.js';
import { systemClock } from './core/clock.js';
import { openDurableConnection } from './db/index.js';

function main(): number {
  let dataDir: string;
  try {
    dataDir = loadConfig().dataDir;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  const file = join(resolve(dataDir), 'madoguchi.db');
  if (!existsSync(file)) {
    console.error(`No database at ${file} (set MADOGUCHI_DATA_DIR).`);
    return 2;
  }
  const db = openDurableConnection(file);
  try {
    const result = new AuditLog(db, systemClock).verify();
    if (result.ok) {
      console.error(`監査ログは 正常です / The audit trail is intact: ${result.rows} rows.`);
      return 0;
    }
    const broken = result.firstBroken as NonNullable<typeof result.firstBroken>;
    console.error(
      `監査ログが 改ざんされています / The audit trail is broken: first broken row ${broken.seq} (${broken.reason}).`,
    );
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = main();
