import { UpstreamHttpError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { clientFor, rejectionOf, requestsTo, useThreatQFake } from './test-fake.js';

const fake = useThreatQFake({ objectCount: 30, eventCount: 4 });

describe('getObject', () => {
  it('returns a normalised indicator with every expansion', async () => {
    fake.state.update('indicators', 7, (o) => {
      o.manualScore = 9;
      o.generatedScore = 4.5;
      o.tags = [{ id: 31, name: 'phishing' }];
    });
    const expected = fake.state.object('indicators', 7) as Record<string, unknown>;
    const object = await clientFor(fake).getObject('indicators', 7);
    expect(object).toMatchObject({
      collection: 'indicators',
      id: 7,
      value: expected.value,
      type: (expected.type as { name: string }).name,
      status: (expected.status as { name: string }).name,
      score: 9,
      tags: ['phishing'],
      link: 'https://threatq.test/indicators/7/details',
    });
    expect(object.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(object.updatedAt.slice(0, 19).replace('T', ' ')).toBe(expected.updated_at);
    expect(object.sources.length).toBeGreaterThan(0);
    for (const source of object.sources)
      expect(['RED', 'AMBER', 'GREEN', 'WHITE', undefined]).toContain(source.tlp);
    const { watchlist: _unasked, ...asSent } = expected;
    expect(object.raw).toEqual(asSent);
    const [read] = requestsTo(fake, '/api/indicators/7');
    expect(read?.query.with).toBe('type,status,score,sources,attributes,tags,comments');
  });

  it('uses the generated score when no manual score is set, and accepts scores sent as strings', async () => {
    fake.state.update('indicators', 8, (o) => {
      o.manualScore = null;
      o.generatedScore = 6.5;
    });
    fake.faults.scoresAsStrings = true;
    const client = clientFor(fake);
    expect((await client.getObject('indicators', 8)).score).toBe(6.5);
    expect((await client.getObject('indicators', 8, { with: [] })).score).toBe(6.5);
  });

  it('reads events, whose display field is title', async () => {
    const event = await clientFor(fake).getObject('events', 2);
    expect(event.value).toBe((fake.state.object('events', 2) as { title: string }).title);
    expect(event.attributes.map((a) => a.name)).toContain('iZoologic Case ID');
    expect(event.score).toBeNull();
  });

  it('turns a missing object into an UpstreamHttpError carrying ThreatQ’s text', async () => {
    const error = await rejectionOf(clientFor(fake).getObject('indicators', 999));
    expect(UpstreamHttpError.isInstance(error)).toBe(true);
    const http = error as UpstreamHttpError;
    expect(http.status).toBe(404);
    expect(http.request).toBe('GET /api/indicators/999');
    expect(http.detail).toBe('id: No indicators object with id "999".');
  });

  it('rejects bad arguments before any request', async () => {
    const client = clientFor(fake);
    await expect(client.getObject('../users', 1)).rejects.toThrow(/collection must be a ThreatQ object type/);
    await expect(client.getObject('indicators', -3)).rejects.toThrow(/id must be a positive whole number/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('recording actions', () => {
  it('adds a comment that a later read shows', async () => {
    const client = clientFor(fake);
    const comment = await client.addComment('indicators', 3, 'Takedown requested via iZoologic.');
    expect(comment.value).toBe('Takedown requested via iZoologic.');
    expect(comment.createdAt).toMatch(/Z$/);
    const object = await client.getObject('indicators', 3);
    expect(object.comments.map((c) => c.value)).toContain('Takedown requested via iZoologic.');
  });

  it('adds an attribute (ThreatQ answers with an array) that a later read shows', async () => {
    const client = clientFor(fake);
    const created = await client.addAttribute('events', 1, 'iZoologic Case Status', 'Reviewed');
    expect(created).toMatchObject({ name: 'iZoologic Case Status', value: 'Reviewed' });
    const event = await client.getObject('events', 1);
    expect(event.attributes).toContainEqual({ name: 'iZoologic Case Status', value: 'Reviewed' });
  });

  it.each(['data.errors', 'errors'] as const)(
    'reports ThreatQ’s validation messages sent in the %s shape',
    async (shape) => {
      fake.faults.errorShape(shape);
      const error = (await rejectionOf(
        clientFor(fake)
          .query('indicators', { filters: { colour: 'red' } })
          .next(),
      )) as UpstreamHttpError;
      expect(UpstreamHttpError.isInstance(error)).toBe(true);
      expect(error.status).toBe(400);
      expect(error.detail).toContain('Unknown field "colour"');
      expect(error.detail?.startsWith('filters.colour: ')).toBe(shape === 'data.errors');
      expect(error.message).toContain('ThreatQ answered POST /api/indicators/query with 400');
    },
  );
});

describe('watchlist and links', () => {
  it('watches and unwatches an object', async () => {
    const client = clientFor(fake);
    const entry = await client.addToWatchlist('indicators', 12);
    expect(entry).toMatchObject({ collection: 'indicators', objectId: 12 });
    expect(fake.state.watchlist('indicators').some((row) => row.object_id === 12)).toBe(true);
    await client.removeFromWatchlist('indicators', 12, entry.id);
    expect(fake.state.watchlist('indicators').some((row) => row.object_id === 12)).toBe(false);
  });

  it('builds the UI link from the host', () => {
    expect(clientFor(fake).objectLink('events', 5)).toBe('https://threatq.test/events/5/details');
    expect(clientFor(fake).objectLink('attachments', 5)).toBe('https://threatq.test/files/5/details');
  });
});
