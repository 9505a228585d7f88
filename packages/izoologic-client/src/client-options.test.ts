import { ConfigError } from '@tqalert/core';
import { IZOOLOGIC_CREDENTIALS } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { IZoologicClient } from './client.js';
import type { IZoologicClientOptions } from './client-options.js';
import { memoryLogger } from './test-fake.js';

const keys = { apiKey: IZOOLOGIC_CREDENTIALS.apikey, secretKey: IZOOLOGIC_CREDENTIALS.secretkey };

function problems(options: unknown): string[] {
  try {
    new IZoologicClient(options as IZoologicClientOptions);
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    expect(error.message).toMatch(/^Invalid configuration in IZoologicClient options/);
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('IZoologicClient options', () => {
  it('builds https://<host> from host, or keeps baseUrl (trailing slash dropped)', () => {
    expect(new IZoologicClient({ host: 'client-api.izoolabs.com', ...keys }).baseUrl).toBe(
      'https://client-api.izoolabs.com',
    );
    expect(new IZoologicClient({ host: 'izoo.example:8443', ...keys }).baseUrl).toBe(
      'https://izoo.example:8443',
    );
    expect(new IZoologicClient({ baseUrl: 'https://proxy.example/izoo/', ...keys }).baseUrl).toBe(
      'https://proxy.example/izoo',
    );
  });

  it('names each wrong option, all at once', () => {
    expect(
      problems({ host: 'https://client-api.izoolabs.com', apiKey: '', timeoutMs: 0, verifySSL: false }),
    ).toEqual([
      'verifySSL: unknown option; did you mean "verifySsl"?',
      'secretKey: secretKey is required: the iZoologic secret key (Account > Profile > API Key).',
      'timeoutMs: timeoutMs must be at least 1 ms.',
      'apiKey: apiKey must not be empty.',
      'host: "https://client-api.izoolabs.com" is not a host name such as "client-api.izoolabs.com". For a full URL use baseUrl instead.',
    ]);
  });

  it('wants exactly one of host and baseUrl', () => {
    expect(problems({ ...keys })).toEqual([
      'host: give exactly one of host (e.g. "client-api.izoolabs.com") or baseUrl.',
    ]);
    expect(problems({ ...keys, host: 'a.example', baseUrl: 'https://a.example' })).toEqual([
      'baseUrl: give exactly one of host (e.g. "client-api.izoolabs.com") or baseUrl.',
    ]);
  });

  it('refuses a baseUrl that is not an http(s) URL or that carries credentials', () => {
    expect(problems({ ...keys, baseUrl: 'client-api.izoolabs.com' })).toEqual([
      'baseUrl: "client-api.izoolabs.com" is not a URL; expected e.g. "https://client-api.izoolabs.com".',
    ]);
    expect(problems({ ...keys, baseUrl: 'ftp://a.example' })).toEqual([
      'baseUrl: must start with https:// (got ftp://).',
    ]);
    expect(problems({ ...keys, baseUrl: 'https://user:pw@a.example' })).toEqual([
      'baseUrl: must not carry credentials, a query string or a fragment.',
    ]);
  });

  it('rejects blank keys and wrong types without quoting the values', () => {
    const lines = problems({
      host: 'a.example',
      apiKey: '   ',
      secretKey: 12345678,
      verifySsl: 'no',
      logger: {},
    });
    expect(lines).toEqual([
      'secretKey: secretKey must be text: the iZoologic secret key.',
      'verifySsl: verifySsl must be true or false.',
      'logger: logger must have debug/info/warn/error methods (the core Logger).',
      'apiKey: apiKey must not be empty.',
    ]);
    expect(lines.join('\n')).not.toContain('12345678');
  });

  it('warns when keys would travel over plain http to a non-loopback host', () => {
    const logger = memoryLogger();
    new IZoologicClient({ baseUrl: 'http://izoo.example', ...keys, logger });
    new IZoologicClient({ baseUrl: 'http://127.0.0.1:8080', ...keys, logger });
    expect(logger.lines.map((line) => [line.level, line.fields.baseUrl])).toEqual([
      ['warn', 'http://izoo.example'],
    ]);
  });

  it('11.13 warns for http to a host that only looks like loopback (127.evil.example, 127.0.0.1.nip.io)', () => {
    const logger = memoryLogger();
    new IZoologicClient({ baseUrl: 'http://127.evil.example', ...keys, logger });
    new IZoologicClient({ baseUrl: 'http://127.0.0.1.nip.io:8080', ...keys, logger });
    new IZoologicClient({ baseUrl: 'http://[::1]:8080', ...keys, logger });
    expect(logger.lines.map((line) => [line.level, line.fields.baseUrl])).toEqual([
      ['warn', 'http://127.evil.example'],
      ['warn', 'http://127.0.0.1.nip.io:8080'],
    ]);
  });
});
