#!/usr/bin/env node
// `npm run db:copy -- --from sqlite:./data/madoguchi.db --to postgres://user@host/madoguchi`:
// moves a city's database from one engine to another (or one server to another) with every row,
// then checks the counts and the audit trail's chain on the target. Stop the server first.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyTenants } from './audit/index.js';
import { systemClock } from './core/clock.js';
import { createLogger } from './core/logger.js';
import {
  copyDatabase,
  Database,
  DatabaseStartError,
  migrateToLatest,
  redactUrl,
  TargetNotEmptyError,
} from './db/index.js';

const USAGE = `usage: npm run db:copy -- --from <sqlite:FILE | postgres://…> --to <sqlite:FILE | postgres://…> [--legacy-tenant ID]`;

/** `sqlite:FILE` (or a bare path) or a PostgreSQL URL, as Database.open takes it. */
function locate(text: string): { url?: string; file: string; shown: string } {
  if (/^postgres(ql)?:\/\//.test(text)) return { url: text, file: '', shown: redactUrl(text) };
  const file = resolve(text.replace(/^sqlite:/, ''));
  return { file, shown: `sqlite:${file}` };
}

async function main(): Promise<number> {
  let from: string | undefined;
  let to: string | undefined;
  // A source from before tenants: whose rows they were (migration 6); default omura.
  let legacyTenantId: string | undefined;
  try {
    ({
      values: { from, to, 'legacy-tenant': legacyTenantId },
    } = parseArgs({
      options: { from: { type: 'string' }, to: { type: 'string' }, 'legacy-tenant': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!from || !to) {
    console.error(USAGE);
    return 2;
  }
  const source = locate(from);
  const target = locate(to);
  if (!source.url && !existsSync(source.file)) {
    console.error(`コピー元がありません / No database at ${source.file}`);
    return 2;
  }
  if (source.shown === target.shown) {
    console.error('コピー元とコピー先が同じです / The source and the target are the same database.');
    return 2;
  }
  const logger = createLogger('silent');
  let a: Database | undefined;
  let b: Database | undefined;
  try {
    a = await Database.open({ ...source, logger });
    b = await Database.open({ ...target, logger });
    // Both at this release's schema: the copy moves rows, never shapes.
    await migrateToLatest(a, legacyTenantId ? { legacyTenantId } : {});
    await migrateToLatest(b, legacyTenantId ? { legacyTenantId } : {});
    const report = await copyDatabase(a, b);
    for (const { table, source: n, target: m } of report.tables) {
      console.error(
        `  ${table.padEnd(24)} ${String(n).padStart(8)} → ${String(m).padStart(8)}${n === m ? '' : '  ✗'}`,
      );
    }
    const mismatched = report.tables.filter((row) => row.source !== row.target);
    const copy = b;
    const chains = await verifyTenants(
      (await copy.tenantsIn('audit_log')).map((tenantId) => copy.forTenant(tenantId)),
      systemClock,
    );
    const brokenChains = chains.filter((chain) => !chain.verification.ok).map((chain) => chain.tenantId);
    if (mismatched.length > 0 || brokenChains.length > 0) {
      const what = [
        ...mismatched.map((row) => row.table),
        ...brokenChains.map((tenantId) => `audit chain of ${tenantId}`),
      ];
      console.error(`コピーを確かめられません / The copy does not match: ${what.join(', ')}.`);
      return 1;
    }
    const rows = chains.map((chain) => `${chain.tenantId} ${chain.verification.rows} rows`).join(', ');
    console.error(
      `コピーしました / Copied ${source.shown} → ${target.shown}: every count matches, the audit trail is intact (${rows || 'no rows'}).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof TargetNotEmptyError) {
      console.error(`コピー先が 空では ありません / ${error.message}. Nothing was written.`);
      return 2;
    }
    if (error instanceof DatabaseStartError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await a?.close();
    await b?.close();
  }
}

process.exitCode = await main();
