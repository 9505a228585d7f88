/**
 * Options of `new ThreatQClient()`, checked with zod. Mistakes fail at construction with a `ConfigError` that
 * names each path (`auth.clientId`, `retry.limit`) and never echoes a secret.
 */
import { ConfigError, isLoopbackHost, type Logger, silentLogger } from '@tqalert/core';
import { z } from 'zod';

const nonEmpty = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty`);

const passwordAuth = z.object({
  type: z.literal('password'),
  email: nonEmpty('the user email'),
  password: z.string({ error: 'the password must be a string' }).min(1, 'the password must not be empty'),
  clientId: nonEmpty('the client id (Settings » OAuth Management, or ClientId in /assets/js/config.js)'),
});

const clientCredentialsAuth = z.object({
  type: z.literal('client_credentials'),
  clientId: nonEmpty('the private OAuth client id'),
  clientSecret: z
    .string({ error: 'the client secret must be a string' })
    .min(1, 'the client secret must not be empty'),
});

const optionsSchema = z.object({
  baseUrl: z.string({ error: 'baseUrl must be the ThreatQ address, e.g. "https://threatq.example.com"' }),
  auth: z.discriminatedUnion('type', [passwordAuth, clientCredentialsAuth], {
    error:
      'auth.type must be "password" (email, password, clientId) or "client_credentials" (clientId, clientSecret)',
  }),
  tls: z
    .object({
      verify: z.boolean().default(true),
      caFile: nonEmpty('tls.caFile (a PEM file path)').optional(),
    })
    .strict()
    .default({ verify: true }),
  timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  retry: z
    .object({
      limit: z.number().int().min(0).max(10).default(3),
      maxDelayMs: z.number().int().min(0).max(600_000).default(30_000),
      baseDelayMs: z.number().int().min(0).max(60_000).default(300),
    })
    .strict()
    .default({ limit: 3, maxDelayMs: 30_000, baseDelayMs: 300 }),
  tokenRefreshMarginSeconds: z.number().min(0).max(3600).default(60),
  allowHttp: z.boolean().default(false),
  logger: z
    .custom<Logger>(
      (v) => typeof v === 'object' && v !== null && typeof (v as Logger).warn === 'function',
      'logger must implement the Logger interface of @tqalert/core',
    )
    .optional(),
  fetch: z
    .custom<typeof fetch>((v) => typeof v === 'function', 'fetch must be a function like globalThis.fetch')
    .optional(),
});

/** Password grant: a user's email and password plus the instance's client id. */
export interface PasswordAuth {
  type: 'password';
  email: string;
  password: string;
  clientId: string;
}

/** Client-credentials grant: a private OAuth client created with `artisan threatq:oauth2-client`. */
export interface ClientCredentialsAuth {
  type: 'client_credentials';
  clientId: string;
  clientSecret: string;
}

/** Options of {@link ThreatQClient}. */
export interface ThreatQClientOptions {
  /** ThreatQ's address, e.g. `https://threatq.example.com` (a trailing `/api` is ignored). */
  baseUrl: string;
  /** How to get tokens. */
  auth: PasswordAuth | ClientCredentialsAuth;
  /** TLS: verification is on by default; `caFile` trusts a private CA; `verify: false` is loud and unsafe. */
  tls?: { verify?: boolean; caFile?: string };
  /** Time limit of each HTTP attempt, in ms. Default 30,000. */
  timeoutMs?: number;
  /** Retries of reads (GET, and POST to `/query`) on 408/429/5xx, timeouts and network errors; writes never retry. */
  retry?: { limit?: number; maxDelayMs?: number; baseDelayMs?: number };
  /** Renew a token this many seconds before it expires. Default 60. */
  tokenRefreshMarginSeconds?: number;
  /** Allow plain `http://` for a non-loopback host. Default false (loopback is always allowed). */
  allowHttp?: boolean;
  /** Where to log; default silent. */
  logger?: Logger;
  /** A fetch implementation (tests, proxies). Cannot be combined with `tls` options. */
  fetch?: typeof fetch;
}

/** Options after defaults and checks. */
export interface ResolvedOptions {
  origin: string;
  auth: PasswordAuth | ClientCredentialsAuth;
  tls: { verify: boolean; caFile?: string | undefined };
  timeoutMs: number;
  retry: { limit: number; maxDelayMs: number; baseDelayMs: number };
  tokenRefreshMarginMs: number;
  logger: Logger;
  /** Whether the caller gave a logger: without one, warnings that must not go unseen become process warnings. */
  loggerGiven: boolean;
  fetch?: typeof fetch | undefined;
}

function origin(baseUrl: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError([
      { path: 'baseUrl', message: `"${baseUrl}" is not a URL; write it as "https://threatq.example.com"` },
    ]);
  }
  if (url.username || url.password) {
    throw new ConfigError([{ path: 'baseUrl', message: 'must not contain credentials; put them in auth' }]);
  }
  if (url.protocol === 'http:' && !allowHttp && !isLoopbackHost(url.hostname)) {
    throw new ConfigError([
      {
        path: 'baseUrl',
        message: `uses http:// for ${url.hostname}: tokens would cross the network in clear text. Use https:// (or allowHttp: true for a lab)`,
      },
    ]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError([{ path: 'baseUrl', message: `must start with https://, got ${url.protocol}//` }]);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  if (path !== '')
    throw new ConfigError([
      { path: 'baseUrl', message: `must be the ThreatQ address without a path (got path "${url.pathname}")` },
    ]);
  return url.origin;
}

/** Checks `options` and fills in defaults; throws a ConfigError listing every problem. */
export function resolveOptions(options: ThreatQClientOptions): ResolvedOptions {
  const result = optionsSchema.safeParse(options);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      })),
      { source: 'ThreatQClient options' },
    );
  }
  const value = result.data;
  if (value.fetch !== undefined && (value.tls.caFile !== undefined || value.tls.verify === false)) {
    throw new ConfigError([
      { path: 'tls', message: 'cannot be combined with a custom fetch: configure TLS in that fetch instead' },
    ]);
  }
  return {
    origin: origin(value.baseUrl, value.allowHttp),
    auth: value.auth,
    tls: value.tls,
    timeoutMs: value.timeoutMs,
    retry: value.retry,
    tokenRefreshMarginMs: value.tokenRefreshMarginSeconds * 1000,
    logger: value.logger ?? silentLogger,
    loggerGiven: value.logger !== undefined,
    fetch: value.fetch,
  };
}
