import { createServer } from 'node:net';
import { createThreatQFake, serve, THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, upstreamFailure } from './test-fake.js';

let served: Awaited<ReturnType<typeof serve<ReturnType<typeof createThreatQFake>>>>;

beforeAll(async () => {
  served = await serve((baseUrl) => createThreatQFake({ baseUrl, objectCount: 300 }));
});
afterAll(() => served.close());

/** A port that was free a moment ago and has nothing listening now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('over real HTTP', () => {
  it('reads a whole data collection from serve()', async () => {
    const client = clientFor(served.fake, { baseUrl: served.url });
    let count = 0;
    for await (const object of client.readDataCollection(THREATQ_DATA_COLLECTIONS.everything, {
      pageSize: 64,
    })) {
      expect(object.link).toBe(`${served.url}/indicators/${object.id}/details`);
      count += 1;
    }
    expect(count).toBe(300);
  });

  it('says clearly when the connection is refused', async () => {
    const port = await closedPort();
    const client = clientFor(served.fake, {
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { limit: 1, baseDelayMs: 1 },
    });
    const error = await upstreamFailure(client.getObject('indicators', 1));
    expect(error.code).toBe('THREATQ_UNREACHABLE');
    expect(error.status).toBe(0);
    expect(error.message).toContain(`Could not reach ThreatQ at http://127.0.0.1:${port}`);
    expect(error.message).toContain('connection refused');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('says clearly when ThreatQ drops every connection', async () => {
    served.fake.faults.refuseConnections = true;
    try {
      const client = clientFor(served.fake, { baseUrl: served.url, retry: { limit: 1, baseDelayMs: 1 } });
      const error = await upstreamFailure(client.getObject('indicators', 1));
      expect(error.code).toBe('THREATQ_UNREACHABLE');
      expect(error.message).toContain(`Could not reach ThreatQ at ${served.url} for POST /api/token`);
    } finally {
      served.fake.faults.refuseConnections = false;
    }
  });
});
