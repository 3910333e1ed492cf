import BetterSqlite3 from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  type Driver,
  type RawBuilder,
  type Transaction,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { Logger } from '../core/logger.js';
import { redactUrl } from './errors.js';
import type { Schema } from './schema.js';
import { TenantDb, type TenantTable } from './TenantDb.js';

export type Engine = 'sqlite' | 'postgres';

/** What queries run on: the database itself, or a transaction of it. */
export type Executor = Kysely<Schema>;
export type Tx = Transaction<Schema>;

export interface DatabaseOptions {
  /** `postgres://…`: PostgreSQL. Without it, SQLite in `file`. */
  url?: string | undefined;
  file: string;
  /** PostgreSQL connections. */
  poolSize?: number;
  /** PostgreSQL: a statement running longer is cancelled, in milliseconds. */
  statementTimeoutMs?: number;
  logger: Logger;
}

/**
 * SQLite has one connection, held by a transaction until it ends: a query that does not go
 * through the transaction would wait for it forever. Such a query fails at once instead, naming
 * the mistake (on PostgreSQL it would quietly run outside the transaction).
 */
const inSqliteTransaction = new AsyncLocalStorage<true>();

export class OutsideTransactionError extends Error {
  override name = 'OutsideTransactionError';
  constructor() {
    super('A query outside its transaction: use the transaction (store.with(tx)) for every query in it.');
  }
}

class GuardedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = () => {
      if (inSqliteTransaction.getStore()) return Promise.reject(new OutsideTransactionError());
      return acquire();
    };
    return driver;
  }
}

/** Named locks for work that must run one at a time across every connection (and node). */
export const LOCKS = { audit: 1, copy: 2 } as const;
/** The first half of every advisory lock key: ours, not another application's on the same server. */
const LOCK_CLASS = 0x6d61646f; // 'mado'
/** The first half of a tenant's lock keys; the second is a hash of the lock's name and the tenant. */
const TENANT_LOCK_CLASS = LOCK_CLASS + 1;

// PostgreSQL types read the same way as SQLite's: bigint and numeric as numbers (our counts and
// sums stay far below 2^53), timestamptz as ISO 8601 text, as SQLite stores it.
const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;
const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    if (oid === TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

/**
 * window-server's database on one of two engines behind one async interface (Kysely): SQLite
 * (better-sqlite3, one connection, WAL) by default, PostgreSQL (a `pg` pool) when configured.
 * Stores write typed Kysely queries; the few things the engines say differently are methods here.
 */
export class Database {
  private closed = false;

  private constructor(
    readonly engine: Engine,
    readonly kysely: Kysely<Schema>,
    /** Where it is, without a password: for logs and /readyz. */
    readonly location: string,
    private readonly pool: pg.Pool | null,
    private readonly sqliteHandle: BetterSqlite3.Database | null = null,
  ) {}

  /**
   * Runs a script of several statements (a migration): PostgreSQL's simple query protocol takes
   * them as one; better-sqlite3 runs them with exec on the same, single connection.
   */
  async runScript(script: string, executor: Executor = this.kysely): Promise<void> {
    if (this.sqliteHandle) this.sqliteHandle.exec(script);
    else await sql.raw(script).execute(executor);
  }

  /** Opens the database (not yet migrated: see `migrateToLatest`). */
  static async open(options: DatabaseOptions): Promise<Database> {
    return options.url ? Database.openPostgres(options.url, options) : Database.openSqlite(options.file);
  }

  /**
   * Runs `work` in one transaction: all of it commits, or none of it (on SQLite, one connection,
   * it also sees one snapshot). `durable` is for what must
   * survive a power cut once the caller is told (consent, the audit trail): SQLite syncs that
   * commit to disk (synchronous=FULL), PostgreSQL waits for its WAL flush (synchronous_commit on).
   */
  async transaction<T>(
    work: (tx: Tx) => Promise<T>,
    options: { durable?: boolean; snapshot?: boolean } = {},
  ): Promise<T> {
    if (this.engine === 'postgres') {
      // `snapshot`: one consistent view of every table for the whole transaction (a copy, a backup).
      const builder = options.snapshot
        ? this.kysely.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
        : this.kysely.transaction();
      return builder.execute(async (tx) => {
        if (options.durable) await sql`SET LOCAL synchronous_commit = on`.execute(tx);
        return work(tx);
      });
    }
    const guarded = (tx: Tx): Promise<T> => inSqliteTransaction.run(true, () => work(tx));
    if (!options.durable) return this.kysely.transaction().execute(guarded);
    // One connection: the FULL sync applies to this commit only, then NORMAL again.
    return this.kysely.connection().execute(async (connection) => {
      await sql`PRAGMA synchronous = FULL`.execute(connection);
      try {
        return await connection.transaction().execute(guarded);
      } finally {
        await sql`PRAGMA synchronous = NORMAL`.execute(connection);
      }
    });
  }

  /**
   * Holds a named lock until `tx` ends, so work under it runs one at a time on every connection
   * and every node. SQLite has one connection, so a transaction already runs alone.
   */
  async lock(tx: Tx, lock: keyof typeof LOCKS): Promise<void> {
    if (this.engine === 'postgres')
      await sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${LOCKS[lock]})`.execute(tx);
  }

  /**
   * Holds a tenant's named lock until `tx` ends: work under it runs one at a time for that
   * tenant on every connection and node, and other tenants' work does not wait for it.
   */
  async lockTenant(tx: Tx, lock: keyof typeof LOCKS, tenantId: string): Promise<void> {
    if (this.engine === 'postgres')
      await sql`SELECT pg_advisory_xact_lock(${TENANT_LOCK_CLASS}, hashtext(${`${lock}:${tenantId}`}))`.execute(
        tx,
      );
  }

  /** The database as one tenant sees it: what stores take (see TenantDb). */
  forTenant(tenantId: string): TenantDb {
    return TenantDb.of(tenantId, this);
  }

  /** The tenants that have rows in `table` (for tools that walk every tenant, e.g. audit:verify). */
  async tenantsIn(table: TenantTable): Promise<string[]> {
    const rows = await this.kysely
      .selectFrom(table)
      .select('tenant_id')
      .distinct()
      .orderBy('tenant_id')
      .execute();
    return rows.map((row) => row.tenant_id);
  }

  /** Seconds from `earlier` to `later` (two timestamp columns or expressions). */
  secondsBetween(later: string, earlier: string): RawBuilder<number> {
    return this.engine === 'postgres'
      ? sql<number>`EXTRACT(EPOCH FROM (${sql.ref(later)} - ${sql.ref(earlier)}))`
      : sql<number>`(julianday(${sql.ref(later)}) - julianday(${sql.ref(earlier)})) * 86400`;
  }

  /** Whether the database answers now (for /readyz), within `timeoutMs`. */
  async answers(timeoutMs = 2_000): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in time')), timeoutMs);
      });
      const answer = sql<{ ok: number }>`SELECT 1 AS ok`.execute(this.kysely);
      const { rows } = await Promise.race([answer, timeout]);
      return Number(rows[0]?.ok) === 1;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.kysely.destroy();
  }

  /** PostgreSQL's pool, for what Kysely does not do (the socket.io adapter, the copy tool). */
  get postgresPool(): pg.Pool | null {
    return this.pool;
  }

  private static openSqlite(file: string): Database {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const handle = new BetterSqlite3(file);
    // WAL: readers never block the writer. NORMAL: a commit survives a crash of the process (only a
    // power cut can lose the last ones); durable transactions ask for FULL.
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    const kysely = new Kysely<Schema>({ dialect: new GuardedSqliteDialect({ database: handle }) });
    return new Database('sqlite', kysely, file, null, handle);
  }

  private static async openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
    const location = redactUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      // A database that does not answer fails the request quickly rather than holding it.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'madoguchi-window-server',
      types: typeParsers,
    });
    // An idle connection that breaks (the server restarted) is dropped and replaced; unhandled,
    // the pool's 'error' event would end the process.
    // pg-pool listens for errors only on idle clients; a checked-out one that loses the server
    // between two queries would throw its 'error' event and end the process. The query in hand
    // fails with the error instead, and the request is answered DATABASE_UNAVAILABLE.
    pool.on('connect', (client) => {
      client.on('error', (error) =>
        options.logger.warn({ err: error, database: location }, 'database connection lost'),
      );
    });
    pool.on('error', (error) =>
      options.logger.warn({ err: error, database: location }, 'database connection lost'),
    );
    const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const database = new Database('postgres', kysely, location, pool);
    try {
      const { rows } = await sql<{
        version: number;
      }>`SELECT current_setting('server_version_num')::int AS version`.execute(kysely);
      const version = Number(rows[0]?.version ?? 0);
      if (version < 150000)
        throw new DatabaseStartError(`PostgreSQL 15 or newer is needed; ${location} runs ${version}.`);
    } catch (error) {
      await kysely.destroy();
      if (error instanceof DatabaseStartError) throw error;
      throw new DatabaseStartError(
        `Cannot reach the database named by MADOGUCHI_DATABASE_URL (${location}): ${describe(error)}`,
      );
    }
    return database;
  }
}

/** The database cannot be used: start-up stops with this message (no password in it). */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}
