import { isLoopbackUrl, type Redactor } from '@tqalert/core';
import type { IZoologicClient } from '@tqalert/izoologic-client';
import type { ThreatQClient } from '@tqalert/threatq-client';
import type { CommandContext, OptionSpec } from './command.js';
import { givenConfigPath, useConfig } from './config-file.js';
import {
  type ConnectionSources,
  optionsErrorInFlags,
  type SettingSource,
  withUserTerms,
} from './connection-wording.js';
import { UsageError } from './usage-error.js';

/** Flags for the iZoologic connection; each falls back to the environment, then to the config file. */
export const IZOOLOGIC_CONNECTION_OPTIONS: OptionSpec = {
  host: { type: 'string' },
  'api-key': { type: 'string' },
  'secret-key': { type: 'string' },
  insecure: { type: 'boolean' },
  'ca-file': { type: 'string' },
};

export const IZOOLOGIC_CONNECTION_HELP: Array<[string, string]> = [
  ['--host <host>', 'iZoologic API host (or $IZOOLOGIC_HOST, or izoologic.host in --config)'],
  ['--api-key <key>', 'API key (or $IZOOLOGIC_API_KEY); prefer the environment: flags show in ps'],
  ['--secret-key <key>', 'secret key (or $IZOOLOGIC_SECRET_KEY)'],
  ['--insecure', 'do not verify the TLS certificate (or IZOOLOGIC_VERIFY_SSL=false); logged loudly'],
  ['--ca-file <pem>', 'extra CA certificates to trust'],
  ['-c, --config <file>', 'a worker config with izoologic: and threatq: sections (optional)'],
];

/** The config file, only if one is given (`--config` or `$TQALERT_CONFIG`): connection commands work without one. */
async function optionalConfig(ctx: CommandContext, redactor: Redactor) {
  const file = givenConfigPath(ctx);
  if (!file) return undefined;
  // Loaded only when there is a config: the worker's config code is the slowest import of a case action.
  const { loadConfig } = await import('@tqalert/worker');
  const loaded = loadConfig(file, ctx.env);
  redactor.add(...loaded.secrets);
  useConfig(ctx, loaded);
  return loaded.config;
}

function parseBool(text: string | undefined, name: string): boolean | undefined {
  if (text === undefined || text === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new UsageError(`${name} must be true or false (got "${text}")`);
}

/** Builds the iZoologic client from flags, environment and config; missing settings are named. */
export async function izoologicFrom(ctx: CommandContext, redactor: Redactor): Promise<IZoologicClient> {
  const v = ctx.values;
  const config = (await optionalConfig(ctx, redactor))?.izoologic;
  const host = (v.host as string | undefined) ?? ctx.env.IZOOLOGIC_HOST ?? config?.host;
  const apiKey = (v['api-key'] as string | undefined) ?? ctx.env.IZOOLOGIC_API_KEY ?? config?.apiKey;
  const secretKey =
    (v['secret-key'] as string | undefined) ?? ctx.env.IZOOLOGIC_SECRET_KEY ?? config?.secretKey;
  const from = (flag: string, env: string): SettingSource =>
    v[flag] !== undefined ? 'flag' : ctx.env[env] !== undefined ? 'env' : 'config';
  const sources: ConnectionSources = {
    host: from('host', 'IZOOLOGIC_HOST'),
    apiKey: from('api-key', 'IZOOLOGIC_API_KEY'),
    secretKey: from('secret-key', 'IZOOLOGIC_SECRET_KEY'),
  };
  redactor.add(apiKey, secretKey);
  const missing = [
    !host && '--host (or IZOOLOGIC_HOST)',
    !apiKey && '--api-key (or IZOOLOGIC_API_KEY)',
    !secretKey && '--secret-key (or IZOOLOGIC_SECRET_KEY)',
  ].filter(Boolean);
  if (missing.length > 0) throw new UsageError(`iZoologic connection incomplete: set ${missing.join(', ')}`);
  const envVerify = parseBool(ctx.env.IZOOLOGIC_VERIFY_SSL, 'IZOOLOGIC_VERIFY_SSL');
  const verifySsl = v.insecure ? false : (envVerify ?? config?.verifySsl ?? true);
  const { IZoologicClient } = await import('@tqalert/izoologic-client');
  const { createLogger } = await import('@tqalert/worker/log');
  const target = host as string;
  // Without a scheme the host is reached over HTTPS, as real iZoologic is.
  const baseUrl = target.includes('://') ? target : `https://${target}`;
  try {
    const client = new IZoologicClient({
      ...(target.includes('://') ? { baseUrl: target } : { host: target }),
      apiKey: apiKey as string,
      secretKey: secretKey as string,
      verifySsl,
      ...(v['ca-file'] ? { caFile: String(v['ca-file']) } : {}),
      logger: createLogger({ level: 'warn', format: 'pretty', redactor }),
    });
    return withUserTerms(client, sources, baseUrl);
  } catch (error) {
    throw optionsErrorInFlags(error, sources);
  }
}

/** The client code: the flag, else the config's izoologic.clientCode, else $IZOOLOGIC_CLIENT_CODE. */
export async function clientCodeFrom(ctx: CommandContext, redactor: Redactor): Promise<string | undefined> {
  return (
    (ctx.values['client-code'] as string | undefined) ??
    ctx.env.IZOOLOGIC_CLIENT_CODE ??
    (await optionalConfig(ctx, redactor))?.izoologic?.clientCode
  );
}

/**
 * The iZoologic account kind: `--account-kind`, else `$IZOOLOGIC_ACCOUNT_KIND`, else the config's
 * `izoologic.accountKind`; `undefined` leaves the default (partner: the client code stays optional).
 */
export async function accountKindFrom(
  ctx: CommandContext,
  redactor: Redactor,
): Promise<'client' | 'partner' | undefined> {
  const flag = ctx.values['account-kind'] as string | undefined;
  const env = ctx.env.IZOOLOGIC_ACCOUNT_KIND;
  const value =
    flag ??
    (env === '' ? undefined : env) ??
    ((await optionalConfig(ctx, redactor))?.izoologic as { accountKind?: string } | undefined)?.accountKind;
  if (value === undefined) return undefined;
  const kind = value.trim().toLowerCase();
  if (kind === 'client' || kind === 'partner') return kind;
  const from =
    flag !== undefined
      ? '--account-kind'
      : env !== undefined
        ? 'IZOOLOGIC_ACCOUNT_KIND'
        : 'izoologic.accountKind';
  throw new UsageError(`${from} must be client or partner (got "${value}")`);
}

/** Builds the ThreatQ client from the config's threatq: section, or THREATQ_* environment variables. */
export async function threatqFrom(ctx: CommandContext, redactor: Redactor): Promise<ThreatQClient> {
  const config = (await optionalConfig(ctx, redactor))?.threatq;
  const env = ctx.env;
  const url = config?.url ?? env.THREATQ_URL;
  if (!url) {
    throw new UsageError(
      '--threatq-object needs a ThreatQ connection: a threatq: section in --config, or THREATQ_URL with THREATQ_CLIENT_ID and THREATQ_CLIENT_SECRET (or THREATQ_EMAIL, THREATQ_PASSWORD, THREATQ_CLIENT_ID)',
    );
  }
  const auth =
    config?.auth ??
    (env.THREATQ_CLIENT_SECRET
      ? {
          type: 'client_credentials' as const,
          clientId: env.THREATQ_CLIENT_ID ?? '',
          clientSecret: env.THREATQ_CLIENT_SECRET,
        }
      : {
          type: 'password' as const,
          email: env.THREATQ_EMAIL ?? '',
          password: env.THREATQ_PASSWORD ?? '',
          clientId: env.THREATQ_CLIENT_ID ?? '',
        });
  redactor.add(auth.type === 'password' ? auth.password : auth.clientSecret);
  const verify = config?.tls.verify ?? parseBool(env.THREATQ_VERIFY_SSL, 'THREATQ_VERIFY_SSL') ?? true;
  const { ThreatQClient } = await import('@tqalert/threatq-client');
  const { createLogger } = await import('@tqalert/worker/log');
  return new ThreatQClient({
    baseUrl: url,
    auth,
    tls: { verify, ...(config?.tls.caFile ? { caFile: config.tls.caFile } : {}) },
    allowHttp: isLoopbackUrl(url),
    logger: createLogger({ level: 'warn', format: 'pretty', redactor }),
  });
}
