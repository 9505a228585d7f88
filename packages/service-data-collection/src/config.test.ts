import { ConfigError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { resolveDataCollectionConfig } from './config.js';
import { DataCollectionService, type DataCollectionThreatQ } from './data-collection-service.js';
import { formatDuration } from './duration.js';
import { clientFor, useThreatQ } from './test-threatq.js';

const { fake } = useThreatQ();

function issuesOf(config: unknown): Array<{ path: string; message: string }> {
  try {
    resolveDataCollectionConfig(config);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('DataCollectionService options', () => {
  it('fill in the documented defaults, with durations in milliseconds', () => {
    expect(resolveDataCollectionConfig({ hash: 'abc' })).toEqual({
      id: 'data-collection',
      hash: 'abc',
      collection: 'indicators',
      overlap: 300_000,
      maxCatchUp: 604_800_000,
      firstRun: 'baseline',
      pageSize: 500,
    });
  });

  it('take durations as text or milliseconds, and give the same when validated twice', () => {
    const once = resolveDataCollectionConfig({ hash: 'abc', overlap: '90s', maxCatchUp: '1.5h' });
    expect([once.overlap, once.maxCatchUp]).toEqual([90_000, 5_400_000]);
    expect(resolveDataCollectionConfig(once)).toEqual(once);
    expect(resolveDataCollectionConfig({ hash: 'abc', overlap: 0 }).overlap).toBe(0);
    expect([formatDuration(604_800_000), formatDuration(90_000), formatDuration(1500)]).toEqual([
      '7d',
      '90s',
      '1500ms',
    ]);
  });

  it.each([
    [{}, 'hash', /hash is required/],
    [{ hash: '  ' }, 'hash', /must not be empty/],
    [
      { hash: 'abc', overlap: '5 minutes' },
      'overlap',
      /overlap "5 minutes" is not a duration: write e.g. 30s, 5m/,
    ],
    [{ hash: 'abc', overlap: -1 }, 'overlap', /./],
    [{ hash: 'abc', overlap: '1h', maxCatchUp: '30m' }, 'maxCatchUp', /must be longer than overlap/],
    [{ hash: 'abc', firstRun: 'everything' }, 'firstRun', /firstRun must be "baseline"/],
    [{ hash: 'abc', collection: 'Indicators' }, 'collection', /ThreatQ collection name/],
    [{ hash: 'abc', minScore: 'high' }, 'minScore', /./],
    [{ hash: 'abc', types: [] }, 'types', /./],
    [{ hash: 'abc', types: [''] }, 'types[0]', /must not be empty/],
    [{ hash: 'abc', pageSize: 0 }, 'pageSize', /./],
    [{ hash: 'abc', savedSearch: 'x' }, '(root)', /savedSearch/],
  ])('reject %j at %s', (config, path, message) => {
    const issues = issuesOf(config);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it.each(['.', '..', '%2e', '%2E%2e', '../watchlist', 'abc/../..', 'a\\b', 'abc%2f', 'abc?x=1', 'ab c'])(
    '11.14 refuse the hash %j, which would leave its route, before any request',
    (hash) => {
      const issues = issuesOf({ hash });
      expect(issues).toEqual([
        {
          path: 'hash',
          message: expect.stringMatching(/^hash .*: copy the hash from the data collection in ThreatQ/),
        },
      ]);
      expect(() => new DataCollectionService(clientFor(fake), { hash })).toThrow(ConfigError);
      expect(fake.requests).toHaveLength(0);
    },
  );

  it('11.14 say a dot segment is one', () => {
    expect(issuesOf({ hash: '..' })[0]?.message).toBe(
      'hash ".." is a dot segment, not a data collection hash: copy the hash from the data collection in ThreatQ, e.g. 6f1c9a2e4b7d',
    );
    expect(issuesOf({ hash: 'abc/def' })[0]?.message).toMatch(
      /^hash must not contain "\/" \(it becomes part of the request path\)/,
    );
  });

  it('are checked by the constructor', () => {
    expect(() => new DataCollectionService(clientFor(fake), { hash: '' })).toThrow(
      /^Invalid configuration in DataCollectionService options \(1 problem\):\n {2}- hash: hash must not be empty$/,
    );
  });

  it('need a ThreatQ client as the first argument', () => {
    const connector = { url: 'https://threatq.example.com' } as unknown as DataCollectionThreatQ;
    let thrown: unknown;
    try {
      new DataCollectionService(connector, { hash: 'abc' });
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as ConfigError).issues[0]?.path).toBe('threatq');
  });
});
