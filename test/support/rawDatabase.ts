import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';

/** Where a running window-server keeps its rows: its config says. */
export interface DatabaseLocation {
  dataDir: string;
  database: { url?: string | undefined };
}

const INT8 = 20;

/**
 * Runs SQL on the server's database over a connection of its own, as a DBA would: what the rows
 * really say, not what the server reports. Counts come back as numbers on both engines.
 */
export async function rawQuery(at: DatabaseLocation, sql: string): Promise<Record<string, unknown>[]> {
  if (at.database.url) {
    const client = new pg.Client({
      connectionString: at.database.url,
      types: {
        getTypeParser: (oid: number, format?: string) =>
          oid === INT8
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format === 'binary' ? 'binary' : 'text'),
      },
    });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const db = new BetterSqlite3(join(at.dataDir, 'madoguchi.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Changes the database behind the server's back (a tampering test): SQL per engine. */
export async function rawExec(
  at: DatabaseLocation,
  sql: { sqlite: string; postgres: string },
): Promise<void> {
  if (at.database.url) {
    const client = new pg.Client({ connectionString: at.database.url });
    await client.connect();
    try {
      await client.query(sql.postgres);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new BetterSqlite3(join(at.dataDir, 'madoguchi.db'));
  try {
    db.exec(sql.sqlite);
  } finally {
    db.close();
  }
}
