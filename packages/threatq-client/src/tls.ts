/**
 * TLS beyond Node's defaults: a private CA file, or (loudly) no verification. Node's global fetch takes no TLS
 * options, so these cases use undici's own fetch with an Agent; every other case uses the global fetch.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, type Logger } from '@tqalert/core';
import type { Agent } from 'undici';

/**
 * A fetch that trusts `caFile` and/or skips verification, or undefined when the defaults apply. Skipping
 * verification is said loudly: to the logger when the caller gave one, else as a process warning (library use).
 */
export function tlsFetch(
  tls: { verify: boolean; caFile?: string | undefined },
  origin: string,
  logger: Logger,
  loggerGiven: boolean,
): typeof fetch | undefined {
  if (tls.verify && tls.caFile === undefined) return undefined;
  let ca: string | undefined;
  if (tls.caFile !== undefined) {
    try {
      ca = readFileSync(tls.caFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigError([
        {
          path: 'tls.caFile',
          message: `cannot read "${tls.caFile}" (${code}); point it at the PEM file of the CA that signed ThreatQ's certificate`,
        },
      ]);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
      throw new ConfigError([
        {
          path: 'tls.caFile',
          message: `"${tls.caFile}" holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line)`,
        },
      ]);
    }
  }
  if (!tls.verify) {
    const message = `TLS CERTIFICATE VERIFICATION IS OFF for ThreatQ at ${origin}. Anyone on the network path can impersonate ThreatQ and read your tokens. Use tls.caFile with your CA instead.`;
    if (loggerGiven) logger.warn(message, { upstream: 'threatq', origin });
    else process.emitWarning(message, { code: 'TQALERT_THREATQ_TLS_UNVERIFIED' });
  }
  // undici is loaded on first use only: most installations never need it, and it is not small.
  let loaded: Promise<{ dispatcher: Agent; undiciFetch: typeof import('undici').fetch }> | undefined;
  const load = () =>
    (loaded ??= import('undici').then(({ Agent: UndiciAgent, fetch: undiciFetch }) => ({
      dispatcher: new UndiciAgent({
        connect: { rejectUnauthorized: tls.verify, ...(ca === undefined ? {} : { ca }) },
      }),
      undiciFetch,
    })));
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const { dispatcher, undiciFetch } = await load();
    // ky hands over a global Request; undici's fetch needs its parts, not the foreign object.
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body: request.body,
      signal: request.signal,
      redirect: request.redirect,
      duplex: 'half',
      dispatcher,
    });
    const nullBody = [101, 204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : (response.body as ReadableStream | null), {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
    });
  }) as typeof fetch;
}
