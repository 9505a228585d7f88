// The iZoologic client speaks of its options (`apiKey`, `caFile`, `verifySsl`, `host/baseUrl`); a CLI user typed
// flags, set environment variables or wrote a config. These rewrite the client's messages in the user's terms.
import { ConfigError } from '@tqalert/core';
import { UsageError } from './usage-error.js';

/** Where a connection setting came from. */
export type SettingSource = 'flag' | 'env' | 'config';

/** The source of each iZoologic connection setting the user gave. */
export interface ConnectionSources {
  host: SettingSource;
  apiKey: SettingSource;
  secretKey: SettingSource;
}

const NAMES: Record<keyof ConnectionSources, Record<SettingSource, string>> = {
  host: { flag: '--host', env: 'IZOOLOGIC_HOST', config: 'izoologic.host in the config' },
  apiKey: { flag: '--api-key', env: 'IZOOLOGIC_API_KEY', config: 'izoologic.apiKey in the config' },
  secretKey: {
    flag: '--secret-key',
    env: 'IZOOLOGIC_SECRET_KEY',
    config: 'izoologic.secretKey in the config',
  },
};

/** The client's option names as the user gave them, for its ConfigError paths. */
function nameOfOption(option: string, sources: ConnectionSources): string {
  if (option === 'caFile') return '--ca-file';
  if (option === 'verifySsl') return '--insecure';
  if (option === 'host' || option === 'baseUrl') return NAMES.host[sources.host];
  if (option === 'apiKey' || option === 'secretKey') return NAMES[option][sources[option]];
  return option;
}

// Node's TLS errors when an https:// request reaches a server that speaks plain HTTP.
const PLAIN_HTTP_ANSWER = /ERR_SSL_WRONG_VERSION_NUMBER|wrong version number|ERR_SSL_PACKET_LENGTH_TOO_LONG/i;

/** A client error message in the terms of the flags, variables or config keys the user actually used. */
export function inUserTerms(message: string, sources: ConnectionSources, baseUrl: string): string {
  const host = NAMES.host[sources.host];
  if (PLAIN_HTTP_ANSWER.test(message) && baseUrl.startsWith('https://')) {
    const plain = baseUrl.replace(/^https:/, 'http:');
    return `iZoologic at ${baseUrl} answered in plain HTTP, not HTTPS: use ${host} ${plain} (plain HTTP is for a local stand-in such as the sandbox's; real iZoologic is HTTPS). Nothing was sent.`;
  }
  return message
    .replace(
      /Check apiKey and secretKey/g,
      `Check ${NAMES.apiKey[sources.apiKey]} and ${NAMES.secretKey[sources.secretKey]}`,
    )
    .replace(/([Cc])heck host\/baseUrl/g, (_, c: string) => `${c}heck ${host}`)
    .replace(/give that CA with caFile/g, 'give that CA with --ca-file <pem>')
    .replace(/turn verifySsl off/g, 'use --insecure');
}

/** The client's ConfigError about its options, as a usage error naming the flags or variables used (exit 2). */
export function optionsErrorInFlags(error: unknown, sources: ConnectionSources): unknown {
  if (!ConfigError.isInstance(error)) return error;
  const lines = error.issues.map((issue) => `${nameOfOption(issue.path, sources)}: ${issue.message}`);
  return new UsageError(
    lines.length === 1 ? (lines[0] as string) : `iZoologic connection:\n  ${lines.join('\n  ')}`,
  );
}

/** The client, with every failure of its methods reworded by {@link inUserTerms}. */
export function withUserTerms<T extends object>(client: T, sources: ConnectionSources, baseUrl: string): T {
  const reword = (error: unknown) => {
    if (error instanceof Error) error.message = inUserTerms(error.message, sources, baseUrl);
    return error;
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise
          ? result.catch((error: unknown) => Promise.reject(reword(error)))
          : result;
      };
    },
  });
}
