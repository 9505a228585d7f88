/**
 * Real sockets on 127.0.0.1: redirects are refused (issue 11.2), and every way a host that iZoologic has not
 * allow-listed may fail (a refusal, silence, a reset during the TLS handshake, HTTP 403) carries the guide's
 * known-issue hint (issue 12.4).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { IZOOLOGIC_CREDENTIALS } from '@tqalert/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { IZoologicClient } from './client.js';
import { failureOf } from './test-fake.js';

const keys = { apiKey: IZOOLOGIC_CREDENTIALS.apikey, secretKey: IZOOLOGIC_CREDENTIALS.secretkey };
const open: Array<Server | NetServer> = [];

afterEach(async () => {
  for (const server of open.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** An HTTP server on a free loopback port that answers every request with `answer`, counting requests. */
async function httpServer(
  answer: (res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createHttpServer((req, res) => {
    hits += 1;
    req.resume();
    answer(res);
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, hits: () => hits };
}

const HINT = "iZoologic may need to allow-list this machine's egress IP address";

describe('11.2 redirects are refused', () => {
  it('11.2 a 302 is an error naming the Location, and neither the keys nor the action reach the new address', async () => {
    const elsewhere = await httpServer((res) => res.end('{"success":true}'));
    const redirecting = await httpServer((res) => {
      res.writeHead(302, { location: `${elsewhere.url}/api/Token/Authenticate` });
      res.end();
    });
    const client = new IZoologicClient({ ...keys, baseUrl: redirecting.url });
    const error = await failureOf(client.approveCaseTakedown({ ids: 'INC100001' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_REDIRECT', status: 302 });
    expect(error.message).toContain(`a redirect to "${elsewhere.url}/api/Token/Authenticate"`);
    expect(error.message).toContain('Redirects are not followed');
    expect(elsewhere.hits()).toBe(0);
    expect(redirecting.hits()).toBe(1);
    expect(error.message).not.toContain(keys.secretKey);
  });
});

describe("12.4 the guide's known issue: the egress IP may need allow-listing", () => {
  it('12.4 a timeout says so', async () => {
    const silent = await httpServer(() => undefined);
    const client = new IZoologicClient({ ...keys, baseUrl: silent.url, timeoutMs: 200 });
    const error = await failureOf(client.markAsReviewed({ ids: 'INC1' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_TIMEOUT' });
    expect(error.message).toContain(HINT);
  });

  it('12.4 a connection reset during the TLS handshake says so', async () => {
    const resetting = createNetServer((socket) => socket.resetAndDestroy());
    open.push(resetting);
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve));
    const port = (resetting.address() as { port: number }).port;
    const client = new IZoologicClient({ ...keys, baseUrl: `https://127.0.0.1:${port}` });
    const error = await failureOf(client.markAsReviewed({ ids: 'INC1' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_NETWORK' });
    expect(error.message).toContain('ECONNRESET');
    expect(error.message).toContain(HINT);
  });

  it('12.4 an HTTP 403 says so', async () => {
    const forbidden = await httpServer((res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"message":"Forbidden"}');
    });
    const client = new IZoologicClient({ ...keys, baseUrl: forbidden.url });
    const error = await failureOf(client.markAsReviewed({ ids: 'INC1' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_HTTP', status: 403 });
    expect(error.message).toContain(HINT);
  });
});
