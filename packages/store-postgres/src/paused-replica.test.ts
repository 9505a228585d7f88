import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { T0 } from './__tests__/sample-outbox.js';
import { schemaPerTest, serverUrl } from './__tests__/test-schema.js';
import { parseTarget, poolConfig } from './connection-target.js';

const freshSchema = schemaPerTest();

describe('a replica paused inside a transaction', () => {
  it('does not hold the lease hostage: the server ends its session and the takeover goes through', async () => {
    const schema = await freshSchema();
    const store = schema.open({ idleInTransactionTimeoutMs: 300 });
    await store.init();
    const held = await store.acquireLease({ name: 'service:wl', owner: 'paused', ttlMs: 1000, now: T0 });
    expect(held).toBeDefined();

    // A connection made with the store's own settings stops mid-commit, holding the lease row as a fenced
    // commit does (SIGSTOP between two statements of the transaction).
    const client = new pg.Client(
      poolConfig(parseTarget(serverUrl()), {
        schema: schema.name,
        poolSize: 1,
        connectTimeoutMs: 5000,
        idleInTransactionTimeoutMs: 300,
      }),
    );
    const ended = new Promise<Error>((resolve) => client.on('error', resolve));
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT epoch FROM leases WHERE name = $1 FOR SHARE', ['service:wl']);

    const other = schema.open();
    await other.init();
    const taken = await other.acquireLease({
      name: 'service:wl',
      owner: 'other',
      ttlMs: 1000,
      now: new Date(T0.getTime() + 2000),
    });
    expect(taken).toMatchObject({ owner: 'other', epoch: (held?.epoch ?? 0) + 1 });
    expect((await ended).message).toMatch(/idle-in-transaction timeout|terminat/i);
    await client.end().catch(() => {});
  });
});
