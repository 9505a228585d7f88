import { describe, expect, it } from 'vitest';
import { clientFor, requestsTo, useThreatQFake } from './test-fake.js';

const shortLived = useThreatQFake({ tokenTtlSeconds: 1 });

describe('token expiry', () => {
  it('renews a token before it expires, by refresh token', async () => {
    const client = clientFor(shortLived, { tokenRefreshMarginSeconds: 0.2 });
    await client.getObject('indicators', 1);
    await new Promise((resolve) => setTimeout(resolve, 900));
    await client.getObject('indicators', 2);
    const grants = requestsTo(shortLived, '/api/token').map(
      (r) => (r.body as Record<string, string>)?.grant_type ?? r.query.grant_type,
    );
    expect(grants).toEqual(['password', 'refresh_token']);
    // The renewal happened before the old token was refused: no 401 round trip.
    expect(requestsTo(shortLived, '/api/indicators/2')).toHaveLength(1);
  });
});
