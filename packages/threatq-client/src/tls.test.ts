import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import { fileURLToPath } from 'node:url';
import { ConfigError, type Logger } from '@tqalert/core';
import { createThreatQFake, serve } from '@tqalert/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreatQClient } from './client.js';
import { clientFor, upstreamFailure } from './test-fake.js';

const certs = (name: string) => fileURLToPath(new URL(`../test-certs/${name}`, import.meta.url));

let served: Awaited<ReturnType<typeof serve<ReturnType<typeof createThreatQFake>>>>;
let https: Server;
let httpsUrl: string;

// A TLS-terminating proxy in front of serve(): the certificate is signed by a private test CA.
beforeAll(async () => {
  served = await serve((baseUrl) => createThreatQFake({ baseUrl }));
  const target = new URL(served.url);
  https = createServer(
    { key: readFileSync(certs('server-key.pem')), cert: readFileSync(certs('server.pem')) },
    (req, res) => {
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    },
  );
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  httpsUrl = `https://127.0.0.1:${(https.address() as { port: number }).port}`;
});
afterAll(async () => {
  https.closeAllConnections();
  await new Promise((resolve) => https.close(resolve));
  await served.close();
});

function recordingLogger(lines: string[]): Logger {
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (m) => lines.push(m),
    error() {},
    child: () => logger,
  };
  return logger;
}

describe('TLS', () => {
  it('refuses a certificate from an unknown CA by default, and says how to fix it', async () => {
    const client = clientFor(served.fake, { baseUrl: httpsUrl, retry: { limit: 0 } });
    const error = await upstreamFailure(client.getObject('indicators', 1));
    expect(error.code).toBe('THREATQ_TLS');
    expect(error.message).toContain('set tls.caFile');
  });

  it('trusts a private CA given as tls.caFile', async () => {
    const client = clientFor(served.fake, { baseUrl: httpsUrl, tls: { caFile: certs('ca.pem') } });
    expect((await client.getObject('indicators', 1)).id).toBe(1);
  });

  it('connects with verify: false, after a loud warning', async () => {
    const warnings: string[] = [];
    const client = clientFor(served.fake, {
      baseUrl: httpsUrl,
      tls: { verify: false },
      logger: recordingLogger(warnings),
    });
    expect(warnings.join('\n')).toMatch(
      /TLS CERTIFICATE VERIFICATION IS OFF for ThreatQ at https:\/\/127\.0\.0\.1/,
    );
    expect((await client.getObject('indicators', 2)).id).toBe(2);
  });

  it('11.12 with verify: false and no logger, emits a process warning (library use is not silent)', async () => {
    const warnings: Array<Error & { code?: string }> = [];
    const listen = (warning: Error) => warnings.push(warning);
    process.on('warning', listen);
    try {
      new ThreatQClient({
        baseUrl: httpsUrl,
        auth: { type: 'client_credentials', clientId: 'x', clientSecret: 'y-secret' },
        tls: { verify: false },
      });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    const warning = warnings.find((each) => each.code === 'TQALERT_THREATQ_TLS_UNVERIFIED');
    expect(warning?.message).toMatch(
      /TLS CERTIFICATE VERIFICATION IS OFF for ThreatQ at https:\/\/127\.0\.0\.1/,
    );
    expect(warning?.message).not.toContain('y-secret');
  });

  it('rejects a CA file that cannot be read, naming tls.caFile', () => {
    const create = () =>
      new ThreatQClient({
        baseUrl: 'https://threatq.example.com',
        auth: { type: 'client_credentials', clientId: 'x', clientSecret: 'y-secret' },
        tls: { caFile: '/nonexistent/ca.pem' },
      });
    expect(create).toThrow(ConfigError);
    expect(create).toThrow('tls.caFile: cannot read "/nonexistent/ca.pem" (ENOENT)');
  });

  it('rejects a CA file that holds no certificate', () => {
    const create = () =>
      new ThreatQClient({
        baseUrl: 'https://threatq.example.com',
        auth: { type: 'client_credentials', clientId: 'x', clientSecret: 'y-secret' },
        tls: { caFile: certs('README.md') },
      });
    expect(create).toThrow(/holds no PEM certificate/);
  });
});
