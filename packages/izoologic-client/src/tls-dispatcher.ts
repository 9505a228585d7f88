/**
 * TLS settings beyond the defaults: a custom CA file, or verification turned off. Both need an undici `Agent`
 * passed to fetch as its `dispatcher`; undici is loaded only when one of them is used.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { ConfigError, type Logger } from '@tqalert/core';
import type { Dispatcher } from 'undici';

/** Reads a PEM CA file now, so a wrong path fails at construction with a clear message, not at the first call. */
export function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new ConfigError(
      [{ path: 'caFile', message: `cannot read "${path}" (${code}); give the path of a PEM file.` }],
      {
        source: 'IZoologicClient options',
      },
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(
      [
        {
          path: 'caFile',
          message: `"${path}" holds no PEM certificate ("-----BEGIN CERTIFICATE-----" not found).`,
        },
      ],
      { source: 'IZoologicClient options' },
    );
  }
  return pem;
}

/** Says loudly that verification is off: to the logger when there is one, else as a process warning. */
export function warnTlsOff(baseUrl: string, logger: Logger, loggerGiven: boolean): void {
  const message =
    `TLS certificate verification is OFF for iZoologic at ${baseUrl} (verifySsl: false). Anyone on the network ` +
    'path can impersonate the server and read the API key, secret key and case data. Prefer caFile with the CA ' +
    'that signed the certificate.';
  if (loggerGiven) logger.warn(message, { upstream: 'izoologic', verifySsl: false });
  else process.emitWarning(message, { code: 'TQALERT_IZOOLOGIC_TLS_UNVERIFIED' });
}

/** A lazily created dispatcher for the TLS settings, or `undefined` when the defaults apply. */
export function createDispatcherSource(settings: { verifySsl: boolean; ca: string | undefined }): {
  get(): Promise<Dispatcher | undefined>;
  close(): Promise<void>;
} {
  let agent: Promise<Dispatcher> | undefined;
  const needed = !settings.verifySsl || settings.ca !== undefined;
  return {
    get() {
      if (!needed) return Promise.resolve(undefined);
      agent ??= import('undici').then(
        ({ Agent }) =>
          new Agent({
            connect: settings.verifySsl
              ? // Keep the public roots as well: a custom CA adds trust, it does not replace it.
                { ca: [...rootCertificates, settings.ca ?? ''] }
              : { rejectUnauthorized: false },
          }),
      );
      return agent;
    },
    async close() {
      if (agent !== undefined) await (await agent).close();
    },
  };
}
