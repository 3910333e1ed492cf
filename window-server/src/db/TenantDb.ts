import {
  sql,
  type DeleteQueryBuilder,
  type DeleteResult,
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  type RawBuilder,
  type SelectQueryBuilder,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import type { Database, Executor, LOCKS, Tx } from './Database.js';
import type { Schema } from './schema.js';

/** The tables whose rows belong to a tenant: every one with a `tenant_id` column. */
export type TenantTable = {
  [K in keyof Schema]: Schema[K] extends { tenant_id: string } ? K : never;
}[keyof Schema];

/** A row to insert, without its tenant: the handle fills that in. */
export type TenantValues<T extends TenantTable> = Omit<Insertable<Schema[T]>, 'tenant_id'>;

/**
 * Queries of one tenant: every starter is already filtered by (or, for inserts, stamped with)
 * the tenant's id, and only tenant tables can be named. Joins from a started query are the
 * caller's; a joined tenant table is joined on `tenant_id` too.
 */
abstract class TenantQueries {
  protected constructor(
    readonly tenantId: string,
    protected readonly database: Database,
    protected readonly executor: Executor,
  ) {}

  /** Whether these queries run inside a transaction. */
  get isTransaction(): boolean {
    return this.executor.isTransaction;
  }

  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<Schema, T, object> {
    return this.executor
      .selectFrom(table as TenantTable)
      .where(this.ownRows(table)) as unknown as SelectQueryBuilder<Schema, T, object>;
  }

  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<Schema, T, T, UpdateResult> {
    return this.executor
      .updateTable(table as TenantTable)
      .where(this.ownRows(table)) as unknown as UpdateQueryBuilder<Schema, T, T, UpdateResult>;
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<Schema, T, DeleteResult> {
    return this.executor
      .deleteFrom(table as TenantTable)
      .where(this.ownRows(table)) as unknown as DeleteQueryBuilder<Schema, T, DeleteResult>;
  }

  /** An insert of rows of this tenant (chain `onConflict`, `returning` as usual). */
  insert<T extends TenantTable>(
    table: T,
    values: TenantValues<T> | readonly TenantValues<T>[],
  ): InsertQueryBuilder<Schema, T, InsertResult> {
    const rows = (Array.isArray(values) ? values : [values]) as readonly TenantValues<T>[];
    const stamped = rows.map((row) => ({ ...row, tenant_id: this.tenantId }));
    return this.executor
      .insertInto(table as TenantTable)
      .values(stamped as never) as unknown as InsertQueryBuilder<Schema, T, InsertResult>;
  }

  /** Seconds from `earlier` to `later` (two timestamp columns), as each engine says it. */
  secondsBetween(later: string, earlier: string): RawBuilder<number> {
    return this.database.secondsBetween(later, earlier);
  }

  private ownRows(table: TenantTable): RawBuilder<boolean> {
    return sql<boolean>`${sql.ref(`${table}.tenant_id`)} = ${this.tenantId}`;
  }
}

/** A transaction of one tenant: the same starters, inside it. Made by `TenantDb.transaction`. */
export class TenantTx extends TenantQueries {
  /** @internal Only `TenantDb.transaction` makes one. */
  static of(tenantId: string, database: Database, tx: Tx): TenantTx {
    return new TenantTx(tenantId, database, tx);
  }

  /** Holds the tenant's named lock until this transaction ends (one chain per tenant, one writer). */
  lock(lock: keyof typeof LOCKS): Promise<void> {
    return this.database.lockTenant(this.executor as Tx, lock, this.tenantId);
  }
}

/**
 * The database as one tenant sees it (`Database.forTenant`): what every store takes. A store
 * cannot name another tenant's rows, nor a table without tenant rows, nor run raw SQL.
 */
export class TenantDb extends TenantQueries {
  /** @internal Use `Database.forTenant`. */
  static of(tenantId: string, database: Database): TenantDb {
    return new TenantDb(tenantId, database, database.kysely);
  }

  /** As `Database.transaction` (durable, snapshot, the SQLite guard), with this tenant's starters. */
  transaction<T>(
    work: (tx: TenantTx) => Promise<T>,
    options: { durable?: boolean; snapshot?: boolean } = {},
  ): Promise<T> {
    return this.database.transaction((tx) => work(TenantTx.of(this.tenantId, this.database, tx)), options);
  }

  /** Holds this tenant's named lock until `tx` ends. */
  lock(tx: TenantTx, lock: keyof typeof LOCKS): Promise<void> {
    if (tx.tenantId !== this.tenantId) throw new Error("Another tenant's transaction");
    return tx.lock(lock);
  }
}

/** What a store's queries run on: the tenant's database, or a transaction of it. */
export type TenantExecutor = TenantDb | TenantTx;
