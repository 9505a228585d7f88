import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, inject } from 'vitest';
import { PostgresStore, type PostgresStoreOptions } from '../postgres-store.js';

/** The run's test server (see global-setup.ts). */
export function serverUrl(): string {
  return inject('postgresUrl');
}

/** Runs `sql` once on the test server, outside any store. */
export async function adminQuery<T extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A schema of its own for one test, and the stores opened on it; `drop()` closes them and drops it. */
export interface TestSchema {
  name: string;
  /** A store on this schema (small pool: many tests share one server). Closed by `drop()`. */
  open(options?: Partial<PostgresStoreOptions>): PostgresStore;
  drop(): Promise<void>;
}

/** A fresh, empty schema with a random name, so tests never see each other's rows. */
export async function testSchema(): Promise<TestSchema> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${name}`);
  const opened: PostgresStore[] = [];
  return {
    name,
    open(options = {}) {
      const store = new PostgresStore({ url: serverUrl(), schema: name, poolSize: 3, ...options });
      opened.push(store);
      return store;
    },
    async drop() {
      for (const store of opened) await store.close();
      await adminQuery(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    },
  };
}

/**
 * For a test file: returns a function giving the running test a fresh schema, which is dropped (and its stores
 * closed) after that test.
 */
export function schemaPerTest(): () => Promise<TestSchema> {
  let current: TestSchema | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });
  return async () => {
    current = await testSchema();
    return current;
  };
}
