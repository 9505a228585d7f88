import pg from 'pg';
import { explainPgError, type FailureSite } from './pg-errors.js';

/** Runs SQL: a pool client, or the one client of a transaction. */
export interface Queryable {
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Rows changed by a statement without RETURNING. */
  execute(sql: string, params?: unknown[]): Promise<number>;
}

function runner(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      return (await client.query<T>(sql, params)).rows;
    },
    async execute(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rowCount ?? 0;
    },
  };
}

/**
 * The store's connection pool. Every public store operation goes through {@link Database.read} or
 * {@link Database.write}, so that failures come out explained (server, schema, operation, what to do) and every
 * write is one transaction.
 */
export class Database {
  readonly pool: pg.Pool;
  readonly site: FailureSite;

  constructor(config: pg.PoolConfig, site: FailureSite, onIdleError: (error: Error) => void) {
    this.pool = new pg.Pool(config);
    this.site = site;
    // An idle connection the server dropped (a restart, a failover) must not crash the worker: the pool
    // replaces it on the next query.
    this.pool.on('error', (error) => onIdleError(explainPgError(error, site, 'idle connection')));
  }

  /** One statement (or a few independent ones) outside a transaction. */
  async read<T>(operation: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
    try {
      return await fn(runner(this.pool));
    } catch (error) {
      throw explainPgError(error, this.site, operation);
    }
  }

  /** `fn` in one READ COMMITTED transaction on one connection: all of it commits, or none of it. */
  async write<T>(operation: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw explainPgError(error, this.site, operation);
    }
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await fn(runner(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection itself failed: do not hand it back to the pool.
        broken = rollbackError;
      }
      throw explainPgError(error, this.site, operation);
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
