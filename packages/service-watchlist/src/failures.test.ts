import { createAlert, UpstreamHttpError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { clientFor, displayValueOf, poll, useThreatQ } from './test-threatq.js';
import { WatchlistService } from './watchlist-service.js';

const fake = useThreatQ({ objectCount: 20 });

const configured = (objects: string[]) => ({ source: 'config' as const, objects });

describe('an object that cannot be read', () => {
  it('is a rejected record saying a 404 object no longer exists, while the other objects go on', async () => {
    const service = new WatchlistService(clientFor(fake), configured(['indicators:2', 'indicators:999']));
    const baseline = await poll(service);
    expect(baseline.rejected).toEqual([
      {
        objectKey: 'indicators:999',
        record: { collection: 'indicators', id: 999 },
        reason: expect.stringMatching(
          /^watched object indicators:999 no longer exists \(ThreatQ answered 404 to GET \/api\/indicators\/999\)/,
        ),
      },
    ]);
    fake.state.update('indicators', 2, (o) => {
      o.manualScore = 10;
    });
    const next = await poll(service, baseline.cursor);
    expect(next.alerts.map((a) => createAlert(a).object?.id)).toEqual([2]);
    expect((next.rejected ?? []).map((r) => r.objectKey)).toEqual(['indicators:999']);
  });

  it('is a rejected record when ThreatQ sends it malformed; its last snapshot is kept for the next good read', async () => {
    const service = new WatchlistService(clientFor(fake), configured(['indicators:2', 'indicators:3']));
    const baseline = await poll(service);
    const value = displayValueOf(fake, 'indicators', 3);
    fake.state.update('indicators', 3, (o) => {
      o.value = '';
      o.manualScore = 9;
    });
    fake.state.update('indicators', 2, (o) => {
      o.statusId = 5;
    });
    const broken = await poll(service, baseline.cursor);
    expect(broken.alerts.map((a) => createAlert(a).object?.id)).toEqual([2]);
    const [rejected] = broken.rejected ?? [];
    expect(broken.rejected).toHaveLength(1);
    expect(rejected?.objectKey).toBe('indicators:3');
    expect(rejected?.reason).toMatch(
      /^watched object indicators:3 is malformed: THREATQ_UNEXPECTED_SHAPE: .*has no value, title or name/,
    );
    expect((broken.cursor as { objects: Record<string, unknown> }).objects['indicators:3']).toEqual(
      (baseline.cursor as { objects: Record<string, unknown> }).objects['indicators:3'],
    );
    fake.state.update('indicators', 3, (o) => {
      o.value = value;
    });
    const fixed = await poll(service, broken.cursor);
    const alert = createAlert(fixed.alerts[0]);
    expect(alert.object?.id).toBe(3);
    expect(alert.changes.find((c) => c.field === 'score')?.after).toBe(9);
  });

  it('fails the whole poll when ThreatQ itself is down, instead of rejecting every object', async () => {
    const service = new WatchlistService(clientFor(fake), configured(['indicators:2', 'indicators:3']));
    const baseline = await poll(service);
    fake.faults.serverError(50);
    const error = await poll(service, baseline.cursor).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(UpstreamHttpError.isInstance(error)).toBe(true);
    expect((error as UpstreamHttpError).status).toBe(503);
  });
});

describe('a cursor this service did not write', () => {
  it('starts a new baseline and says so', async () => {
    const service = new WatchlistService(clientFor(fake));
    const result = await poll(service, { objects: 'garbage' });
    expect(result.alerts).toEqual([]);
    expect(result.warnings?.[0]).toMatch(/the stored cursor is not one this version wrote/);
    expect(Object.keys((result.cursor as { objects: object }).objects)).toHaveLength(4);
  });
});

describe('refused credentials', () => {
  it('fail the poll instead of rejecting every configured object', async () => {
    const { email, clientId } = fake.credentials;
    const { ThreatQClient } = await import('@tqalert/threatq-client');
    const wrong = new ThreatQClient({
      baseUrl: fake.baseUrl,
      auth: { type: 'password', email, password: 'not-the-password', clientId },
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const service = new WatchlistService(wrong, configured(['indicators:2', 'indicators:3', 'indicators:4']));
    const failure = await poll(service).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(UpstreamHttpError.isInstance(failure)).toBe(true);
    expect((failure as UpstreamHttpError).code).toBe('THREATQ_AUTH_FAILED');
  });
});
