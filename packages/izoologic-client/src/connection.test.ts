/**
 * Real sockets on 127.0.0.1, no MSW: refused connections, broken connections and TLS verification, against the
 * iZoologic fake served over plain HTTP (`serve()`) and over HTTPS with a throwaway self-signed certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@tqalert/core';
import { createIZoologicFake, IZOOLOGIC_CREDENTIALS, type IZoologicFake, serve } from '@tqalert/fixtures';
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IZoologicClient } from './client.js';
import type { IZoologicClientOptions } from './client-options.js';
import { apiRequests, failureOf, memoryLogger } from './test-fake.js';

const keys = { apiKey: IZOOLOGIC_CREDENTIALS.apikey, secretKey: IZOOLOGIC_CREDENTIALS.secretkey };
const folder = mkdtempSync(join(tmpdir(), 'izoologic-tls-'));
const certFile = join(folder, 'cert.pem');
const keyFile = join(folder, 'key.pem');

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The fake behind a real HTTPS server with the self-signed certificate. */
async function serveHttps(): Promise<{ url: string; fake: IZoologicFake; server: Server }> {
  const server = createHttpsServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  const fake = createIZoologicFake({ baseUrl: url });
  server.on('request', async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(new URL(req.url ?? '/', url), {
      method: req.method ?? 'GET',
      headers: req.headers as Record<string, string>,
      body: chunks.length > 0 ? Buffer.concat(chunks) : null,
    });
    const response = (await getResponse(fake.handlers, request)) ?? new Response('no route', { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return { url, fake, server };
}

let https: Awaited<ReturnType<typeof serveHttps>>;
beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=izoologic-test',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  https = await serveHttps();
});
afterAll(async () => {
  await new Promise((resolve) => https.server.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

function client(options: Partial<IZoologicClientOptions>): IZoologicClient {
  return new IZoologicClient({ ...keys, ...options } as IZoologicClientOptions);
}

describe('refused connections', () => {
  it('explain that the egress IP may need allow-listing, after retrying what provably never left', async () => {
    const logger = memoryLogger();
    const error = await failureOf(
      client({ baseUrl: `http://127.0.0.1:${await closedPort()}`, logger }).moveCase({
        caseId: 'X',
        toCaseType: 6,
      }),
    );
    expect(error).toMatchObject({ code: 'IZOOLOGIC_CONNECTION_REFUSED', status: 0, maybeApplied: false });
    expect(error.message).toContain('connection refused (ECONNREFUSED)');
    expect(error.message).toContain("iZoologic may need to allow-list this machine's egress IP address");
    expect(
      logger.lines.filter((line) => line.message.includes('retrying')).map((line) => line.fields.reason),
    ).toEqual(['network error ECONNREFUSED', 'network error ECONNREFUSED']);
  });

  it('retry a case action once the connection is refused, and apply it exactly once', async () => {
    let attempts = 0;
    const refusedOnce: typeof fetch = (input, init) => {
      attempts += 1;
      if (attempts === 1) {
        const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), {
          code: 'ECONNREFUSED',
        });
        return Promise.reject(new TypeError('fetch failed', { cause: refused }));
      }
      return fetch(input, init);
    };
    const result = await client({
      baseUrl: https.url,
      caFile: certFile,
      fetch: refusedOnce,
    }).approveCaseTakedown({
      ids: 'INC100001',
    });
    expect(result.message).toBe('Incidents approved for takedown');
    expect(apiRequests(https.fake)).toHaveLength(1);
    expect(https.fake.state.cases.get('INC100001')?.status).toBe('Open');
    https.fake.reset();
  });
});

describe('broken connections', () => {
  it('are not retried for a case action, because the request may have arrived', async () => {
    const served = await serve((baseUrl) => createIZoologicFake({ baseUrl }));
    try {
      let attempts = 0;
      const counting: typeof fetch = (input, init) => {
        attempts += 1;
        return fetch(input, init);
      };
      const izoo = client({ baseUrl: served.url, fetch: counting });
      await izoo.markAsReviewed({ ids: 'INC100002' });
      served.fake.faults.refuseConnections = true;
      attempts = 0;
      const error = await failureOf(izoo.markAsReviewed({ ids: 'INC100002' }));
      expect(error).toMatchObject({ code: 'IZOOLOGIC_NETWORK', maybeApplied: true });
      expect(error.message).toContain('The action may have been applied');
      expect(attempts).toBe(1);
    } finally {
      await served.close();
    }
  });
});

describe('TLS', () => {
  it('verifies certificates by default and says how to trust a private CA', async () => {
    const error = await failureOf(client({ baseUrl: https.url }).markAsReviewed({ ids: 'INC100002' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_TLS', maybeApplied: false });
    expect(error.message).toMatch(
      /The TLS certificate of iZoologic at https:\/\/127\.0\.0\.1:\d+ could not be verified \(\w+/,
    );
    expect(error.message).toContain('give that CA with caFile');
    expect(https.fake.requests).toEqual([]);
  });

  it('trusts the certificates in caFile', async () => {
    const izoo = client({ baseUrl: https.url, caFile: certFile });
    await expect(izoo.markAsReviewed({ ids: 'INC100002' })).resolves.toMatchObject({
      caseIds: ['INC100002'],
    });
    await izoo.close();
    expect(https.fake.state.cases.get('INC100002')?.reviewed).toBe(true);
    https.fake.reset();
  });

  it('with verifySsl: false, connects anyway and warns loudly through the logger', async () => {
    const logger = memoryLogger();
    const izoo = client({ baseUrl: https.url, verifySsl: false, logger });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('TLS certificate verification is OFF'),
      }),
    );
    await expect(izoo.markAsReviewed({ ids: 'INC100002' })).resolves.toBeDefined();
    await izoo.close();
    https.fake.reset();
  });

  it('with verifySsl: false and no logger, emits a process warning', async () => {
    const warnings: Error[] = [];
    const listen = (warning: Error) => warnings.push(warning);
    process.on('warning', listen);
    try {
      client({ host: 'client-api.izoolabs.example', verifySsl: false });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    expect(warnings.map((warning) => (warning as Error & { code?: string }).code)).toContain(
      'TQALERT_IZOOLOGIC_TLS_UNVERIFIED',
    );
  });

  it('refuses an unreadable or non-PEM caFile when the client is built', () => {
    expect(() => client({ baseUrl: https.url, caFile: join(folder, 'missing.pem') })).toThrow(ConfigError);
    expect(() => client({ baseUrl: https.url, caFile: join(folder, 'missing.pem') })).toThrow(
      /caFile: cannot read ".*missing\.pem" \(ENOENT\); give the path of a PEM file\./,
    );
    const notPem = join(folder, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => client({ baseUrl: https.url, caFile: notPem })).toThrow(/holds no PEM certificate/);
  });
});
