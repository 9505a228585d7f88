/**
 * The client's options: their type, their defaults, and their checks. Problems are reported together as a
 * `ConfigError` whose paths are the option names; secret values never appear in the messages.
 */
import { ConfigError, type ConfigIssue, type Logger, silentLogger } from '@tqalert/core';
import { z } from 'zod';
import type { AccountKind } from './case-action-inputs.js';

/** Options of `new IZoologicClient()`. */
export interface IZoologicClientOptions {
  /** The API host name, e.g. `client-api.izoolabs.com` (HTTPS is used). Give this or `baseUrl`. */
  host?: string;
  /** A full base URL instead of `host`, e.g. `https://client-api.izoolabs.com` or a proxy's URL. */
  baseUrl?: string;
  /** iZoologic API key (Account > Profile > API Key). */
  apiKey: string;
  /** iZoologic secret key (Account > Profile > API Key). */
  secretKey: string;
  /** Verify the server's TLS certificate. Default `true`; turning it off logs a warning. */
  verifySsl?: boolean;
  /** A PEM file with extra CA certificates to trust (a private CA or a TLS-inspecting proxy). */
  caFile?: string;
  /** Per-request timeout in milliseconds. Default `30000`. */
  timeoutMs?: number;
  /** Where the client logs (retries, re-authentication, TLS warnings). Default: silent. */
  logger?: Logger;
  /** The fetch implementation. Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /**
   * `client` or `partner` (default): with `client`, every case action needs a client code and one without it
   * is refused before any request (the guide: "required for client users but optional for partner users").
   */
  accountKind?: AccountKind;
}

/** Options after checking, with defaults applied. */
export interface ResolvedOptions {
  baseUrl: string;
  apiKey: string;
  secretKey: string;
  verifySsl: boolean;
  caFile: string | undefined;
  timeoutMs: number;
  logger: Logger;
  /** False when the silent default logger is in use (warnings then go to `process.emitWarning`). */
  loggerGiven: boolean;
  fetch: typeof globalThis.fetch | undefined;
  accountKind: AccountKind;
}

const SOURCE = 'IZoologicClient options';
const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?$/;
const OPTION_NAMES = [
  'host',
  'baseUrl',
  'apiKey',
  'secretKey',
  'verifySsl',
  'caFile',
  'timeoutMs',
  'logger',
  'fetch',
  'accountKind',
];

/** A key option: "required" when absent, "must be text" when of another type (the value is never quoted). */
function keyText(name: string, what: string) {
  return z.string({
    error: (issue) =>
      issue.input === undefined
        ? `${name} is required: the iZoologic ${what} (Account > Profile > API Key).`
        : `${name} must be text: the iZoologic ${what}.`,
  });
}

const OptionsSchema = z.object({
  host: z.string({ error: 'host must be text such as "client-api.izoolabs.com".' }).optional(),
  baseUrl: z.string({ error: 'baseUrl must be text such as "https://client-api.izoolabs.com".' }).optional(),
  apiKey: keyText('apiKey', 'API key'),
  secretKey: keyText('secretKey', 'secret key'),
  verifySsl: z.boolean({ error: 'verifySsl must be true or false.' }).optional(),
  caFile: z.string({ error: 'caFile must be the path of a PEM file.' }).optional(),
  timeoutMs: z
    .number({ error: 'timeoutMs must be a number of milliseconds.' })
    .int('timeoutMs must be a whole number of milliseconds.')
    .min(1, 'timeoutMs must be at least 1 ms.')
    .max(600_000, 'timeoutMs must be at most 600000 ms (10 minutes).')
    .optional(),
  logger: z
    .custom<Logger>((value) => typeof (value as Logger | undefined)?.warn === 'function', {
      error: 'logger must have debug/info/warn/error methods (the core Logger).',
    })
    .optional(),
  fetch: z
    .custom<typeof globalThis.fetch>((value) => typeof value === 'function', {
      error: 'fetch must be a function with the signature of the global fetch.',
    })
    .optional(),
  accountKind: z
    .enum(['client', 'partner'], {
      error: 'accountKind must be "client" or "partner" (the kind of iZoologic account the keys belong to).',
    })
    .optional(),
});

function suggest(key: string): string {
  const match = OPTION_NAMES.find((name) => name.toLowerCase() === key.toLowerCase());
  return match === undefined ? `known options: ${OPTION_NAMES.join(', ')}` : `did you mean "${match}"?`;
}

function fromHost(host: string, issues: ConfigIssue[]): string {
  if (HOST.test(host.trim())) return `https://${host.trim()}`;
  const hint = host.includes('://') ? ' For a full URL use baseUrl instead.' : '';
  issues.push({
    path: 'host',
    message: `"${host}" is not a host name such as "client-api.izoolabs.com".${hint}`,
  });
  return '';
}

function fromBaseUrl(baseUrl: string, issues: ConfigIssue[]): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    issues.push({
      path: 'baseUrl',
      message: `"${baseUrl}" is not a URL; expected e.g. "https://client-api.izoolabs.com".`,
    });
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    issues.push({ path: 'baseUrl', message: `must start with https:// (got ${url.protocol}//).` });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    issues.push({ path: 'baseUrl', message: 'must not carry credentials, a query string or a fragment.' });
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function resolveBaseUrl(host: unknown, baseUrl: unknown, issues: ConfigIssue[]): string {
  // A host or baseUrl of the wrong type has been reported by the schema already.
  if (issues.some((issue) => issue.path === 'host' || issue.path === 'baseUrl')) return '';
  if (typeof host === 'string' && baseUrl === undefined) return fromHost(host, issues);
  if (typeof baseUrl === 'string' && host === undefined) return fromBaseUrl(baseUrl, issues);
  issues.push({
    path: host === undefined ? 'host' : 'baseUrl',
    message: 'give exactly one of host (e.g. "client-api.izoolabs.com") or baseUrl.',
  });
  return '';
}

/** Checks the options and applies defaults; throws one `ConfigError` listing every problem. */
export function resolveOptions(options: IZoologicClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(
      'IZoologicClient needs an options object with host (or baseUrl), apiKey and secretKey.',
      {
        source: SOURCE,
      },
    );
  }
  const issues: ConfigIssue[] = Object.keys(options)
    .filter((key) => !OPTION_NAMES.includes(key))
    .map((key) => ({ path: key, message: `unknown option; ${suggest(key)}` }));
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push({ path: issue.path.join('.') || '(root)', message: issue.message });
  }
  for (const key of ['apiKey', 'secretKey'] as const) {
    const value: unknown = options[key];
    if (typeof value === 'string' && value.trim() === '')
      issues.push({ path: key, message: `${key} must not be empty.` });
  }
  const baseUrl = resolveBaseUrl(options.host, options.baseUrl, issues);
  if (issues.length > 0 || !parsed.success) throw new ConfigError(issues, { source: SOURCE });
  const data = parsed.data;
  return {
    baseUrl,
    apiKey: data.apiKey,
    secretKey: data.secretKey,
    verifySsl: data.verifySsl ?? true,
    caFile: data.caFile,
    timeoutMs: data.timeoutMs ?? 30_000,
    logger: data.logger ?? silentLogger,
    loggerGiven: data.logger !== undefined,
    fetch: data.fetch,
    accountKind: data.accountKind ?? 'partner',
  };
}
