import type { Logger } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { adminQuery, schemaPerTest, serverUrl } from './__tests__/test-schema.js';
import { MIGRATIONS } from './migrations.js';
import { PostgresStore } from './postgres-store.js';

/** A logger that keeps what the store says it migrated. */
function migrationLog(): { logger: Logger; applied: unknown[] } {
  const applied: unknown[] = [];
  const logger: Logger = {
    debug() {},
    info(message, fields) {
      if (message === 'store schema migrated') applied.push(fields?.applied);
    },
    warn() {},
    error() {},
    child: () => logger,
  };
  return { logger, applied };
}

const freshSchema = schemaPerTest();

describe('migrations', () => {
  it('run once when several stores start together on one empty schema, and none of them fails', async () => {
    const schema = await freshSchema();
    const log = migrationLog();
    const stores = Array.from({ length: 6 }, () => schema.open({ logger: log.logger, poolSize: 1 }));
    const results = await Promise.allSettled(stores.map((store) => store?.init()));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('fulfilled'));
    expect(log.applied).toEqual([MIGRATIONS.map((m) => m.version)]);
    const versions = await adminQuery<{ version: number }>(
      `SELECT version FROM ${schema.name}.schema_migrations ORDER BY version`,
    );
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    // Every one of them works on the migrated schema.
    for (const [i, store] of stores.entries()) {
      await store?.commitPoll({
        service: `s${i}`,
        cursor: i,
        seen: [],
        deliveries: [],
        deadLetters: [],
        now: new Date(),
      });
    }
    expect(await stores[0]?.getCursor('s5')).toBe(5);
  });

  it('create the schema when it does not exist yet', async () => {
    const schema = await freshSchema();
    await adminQuery(`DROP SCHEMA ${schema.name}`);
    const store = schema.open();
    await store.init();
    expect(await store.outboxStats(new Date())).toEqual({ pending: 0, dead: 0 });
  });

  it('work for a schema named like an SQL keyword', async () => {
    const store = new PostgresStore({ url: serverUrl(), schema: 'user', poolSize: 1 });
    try {
      await store.init();
      await store.commitPoll({
        service: 'w',
        cursor: 'c',
        seen: [],
        deliveries: [],
        deadLetters: [],
        now: new Date(),
      });
      expect(await store.getCursor('w')).toBe('c');
      const tables = await adminQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'user'`,
      );
      expect(tables[0]?.n).toBeGreaterThan(5);
    } finally {
      await store.close();
      await adminQuery('DROP SCHEMA IF EXISTS "user" CASCADE');
    }
  });

  it('refuse a schema written by a newer release, change nothing, and say what to do', async () => {
    const schema = await freshSchema();
    await schema.open().init();
    await adminQuery(
      `INSERT INTO ${schema.name}.schema_migrations (version, name, applied_at) VALUES (99, 'future', now())`,
    );
    const error = await schema
      .open()
      .init()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: 'STORE_SCHEMA_NEWER' });
    const message = (error as Error).message;
    expect(message).toContain(`schema "${schema.name}"`);
    expect(message).toContain('version 99');
    expect(message).toMatch(/Upgrade @tqalert\/store-postgres/);
    const versions = await adminQuery<{ version: number }>(
      `SELECT version FROM ${schema.name}.schema_migrations ORDER BY version`,
    );
    expect(versions.map((v) => v.version)).toEqual([...MIGRATIONS.map((m) => m.version), 99]);
  });
});
