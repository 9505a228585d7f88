import { TQAlertError } from '@tqalert/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrl } from './__tests__/test-schema.js';
import { type EmbeddedServer, freePort, startEmbeddedServer } from './embedded-postgres.js';
import { PostgresStore } from './postgres-store.js';

const SECRET = 'not-the-Password-42';

/** `url` with its user, password, port or database changed. */
function variant(
  url: string,
  change: { user?: string; password?: string; port?: number; database?: string },
) {
  const next = new URL(url);
  if (change.user !== undefined) next.username = change.user;
  if (change.password !== undefined) next.password = change.password;
  if (change.port !== undefined) next.port = String(change.port);
  if (change.database !== undefined) next.pathname = `/${change.database}`;
  return next.toString();
}

async function initError(url: string, ssl?: { mode: 'verify-full' }): Promise<TQAlertError> {
  const store = new PostgresStore({ url, schema: 'never_created', connectTimeoutMs: 5000, ssl });
  try {
    await store.init();
  } catch (error) {
    expect(TQAlertError.isInstance(error)).toBe(true);
    return error as TQAlertError;
  } finally {
    await store.close();
  }
  throw new Error('init() succeeded but should have failed');
}

/** The message and everything attached to the error, as a log line would show them. */
function shown(error: Error): string {
  return `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.cause)}`;
}

describe('a store that cannot connect says why, where, and how to fix it, and never shows the password', () => {
  it('nothing listens on the port', async () => {
    const port = await freePort();
    const error = await initError(variant(serverUrl(), { port, password: SECRET }));
    expect(error.code).toBe('STORE_CONNECTION_REFUSED');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toMatch(/Start PostgreSQL there, or fix the host and port/);
    expect(shown(error)).not.toContain(SECRET);
  });

  it('a user the server does not know', async () => {
    const error = await initError(variant(serverUrl(), { user: 'no_such_user', password: SECRET }));
    expect(error.code).toBe('STORE_AUTH_FAILED');
    expect(error.message).toContain('user "no_such_user"');
    expect(error.message).toMatch(/Check the user name and password/);
    expect(shown(error)).not.toContain(SECRET);
  });

  it('a database that does not exist', async () => {
    const error = await initError(variant(serverUrl(), { database: 'no_such_database' }));
    expect(error.code).toBe('STORE_DATABASE_MISSING');
    expect(error.message).toContain('database "no_such_database" does not exist');
    expect(error.message).toMatch(/CREATE DATABASE "no_such_database"/);
  });

  it('TLS verification asked of a server that does not offer verified TLS', async () => {
    const error = await initError(serverUrl(), { mode: 'verify-full' });
    expect(error.code).toBe('STORE_TLS_FAILED');
    expect(error.message).toMatch(/ssl\.mode "verify-full"/);
  });
});

describe('a wrong password (on a server that checks passwords)', () => {
  // The run's server may trust every loopback connection (TQALERT_TEST_POSTGRES_URL); the embedded one checks
  // SCRAM passwords, so this test always has one.
  let own: EmbeddedServer | undefined;
  let url = '';
  beforeAll(async () => {
    if (new URL(serverUrl()).password !== '') {
      url = serverUrl();
      const store = new PostgresStore({ url: variant(url, { password: SECRET }) });
      const trusting = await store.init().then(
        () => true,
        () => false,
      );
      await store.close();
      if (!trusting) return;
    }
    own = await startEmbeddedServer();
    url = own.url;
  });
  afterAll(() => own?.stop());

  it('is refused as bad credentials, without the password in the error', async () => {
    const error = await initError(variant(url, { password: SECRET }));
    expect(error.code).toBe('STORE_AUTH_FAILED');
    expect(error.message).toContain('user "postgres"');
    expect(shown(error)).not.toContain(SECRET);
  });
});
