import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { ConfigError, type ConfigIssue } from '@tqalert/core';
import type pg from 'pg';

/** How the connection uses TLS. `verify-full` checks the certificate chain and the host name. */
export type SslMode = 'disable' | 'require' | 'verify-full';

/** TLS settings: see the README for the default. */
export interface SslOptions {
  /** Default: `disable` for a loopback host (127.0.0.1, ::1, localhost), `verify-full` for any other. */
  mode?: SslMode | undefined;
  /** PEM file of the CA that signed the server's certificate, when it is not a public one. */
  caFile?: string | undefined;
}

/** Where the store connects, parsed from the URL: everything but the password is safe to show. */
export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
  sslMode: SslMode;
  caFile: string | undefined;
  /** `postgres://user@host:port/database`, never with the password: for messages and logs. */
  display: string;
}

const SSL_MODES: readonly SslMode[] = ['disable', 'require', 'verify-full'];

function loopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.') || host.startsWith('/');
}

function issue(path: string, message: string): ConfigError {
  return new ConfigError([{ path, message }], { source: 'PostgresStore options' });
}

/**
 * Parses `postgres://user:password@host:port/database?sslmode=…`. Parsed here rather than by `pg`, so that the
 * TLS choice has one source (an `sslmode` in the URL is read, and the `ssl` option wins over it) and errors can
 * name the server without the password.
 */
export function parseTarget(url: string, ssl: SslOptions = {}): ConnectionTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw issue('url', 'must be a URL such as postgres://user:password@db.example.com:5432/tqalert');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw issue('url', `must start with postgres:// or postgresql://, not ${parsed.protocol}//`);
  }
  const host = parsed.searchParams.get('host') ?? decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, ''));
  if (host === '') throw issue('url', 'names no host: postgres://user:password@HOST:5432/database');
  const port = parsed.port === '' ? 5432 : Number(parsed.port);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '') throw issue('url', 'names no database: postgres://user:password@host:5432/DATABASE');
  const user = decodeURIComponent(parsed.username) || 'postgres';
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  const fromUrl = parsed.searchParams.get('sslmode');
  if (fromUrl !== null && !SSL_MODES.includes(fromUrl as SslMode)) {
    throw issue(
      'url',
      `sslmode=${fromUrl} is not supported: use disable, require or verify-full (or the ssl.mode option)`,
    );
  }
  const sslMode = ssl.mode ?? (fromUrl as SslMode | null) ?? (loopback(host) ? 'disable' : 'verify-full');
  const caFile = ssl.caFile ?? parsed.searchParams.get('sslrootcert') ?? undefined;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    database,
    user,
    password,
    sslMode,
    caFile,
    display: `postgres://${encodeURIComponent(user)}@${shownHost}:${port}/${encodeURIComponent(database)}`,
  };
}

/** The `ssl` setting of `pg` for the target; reads the CA file. */
function tlsOf(target: ConnectionTarget): pg.PoolConfig['ssl'] {
  if (target.sslMode === 'disable') return false;
  let ca: string | undefined;
  if (target.caFile !== undefined) {
    try {
      ca = readFileSync(target.caFile, 'utf8');
    } catch (error) {
      const issues: ConfigIssue[] = [
        {
          path: 'ssl.caFile',
          message: `cannot read "${target.caFile}" (${(error as NodeJS.ErrnoException).code ?? String(error)}): give the path of the CA certificate (PEM) that signed the server's certificate`,
        },
      ];
      throw new ConfigError(issues, { source: 'PostgresStore options' });
    }
  }
  // `require` encrypts without checking who answers, as libpq's sslmode=require does; the store warns about it.
  if (target.sslMode === 'require') return { rejectUnauthorized: false, ...(ca ? { ca } : {}) };
  // Node checks the host name against the certificate itself; SNI takes a name, never an IP address.
  const servername = isIP(target.host) === 0 ? { servername: target.host } : {};
  return { rejectUnauthorized: true, ...servername, ...(ca ? { ca } : {}) };
}

/** The pool settings for `pg`. */
export function poolConfig(
  target: ConnectionTarget,
  options: { schema: string; poolSize: number; connectTimeoutMs: number; idleInTransactionTimeoutMs: number },
): pg.PoolConfig {
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    ssl: tlsOf(target),
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    // Every statement of this store names its tables unqualified: the schema is the connection's search path.
    // A replica paused (SIGSTOP, a VM freeze) inside a transaction would keep its row locks, and so hold up the
    // replica taking over its lease: the server ends such a session after the idle timeout, rolling it back.
    options: `-c search_path="${options.schema}" -c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs}`,
    application_name: 'tqalert',
  };
}
