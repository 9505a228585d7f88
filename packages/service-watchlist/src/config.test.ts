import { ConfigError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELDS, resolveWatchlistConfig } from './config.js';
import { clientFor, useThreatQ } from './test-threatq.js';
import type { WatchlistThreatQ } from './watched-set.js';
import { WatchlistService } from './watchlist-service.js';

const fake = useThreatQ();

function issuesOf(config: unknown): Array<{ path: string; message: string }> {
  try {
    resolveWatchlistConfig(config);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('WatchlistService options', () => {
  it('fill in the documented defaults', () => {
    expect(resolveWatchlistConfig(undefined)).toEqual({
      id: 'watchlist',
      source: 'watchlist',
      objects: [],
      fields: [...DEFAULT_FIELDS],
      alertOnFirstSight: false,
      alertOnUnwatch: false,
      concurrency: 4,
      maxObjects: 1000,
    });
  });

  it('accept a data collection as a hash or as { hash, collection }', () => {
    expect(resolveWatchlistConfig({ source: 'config', dataCollection: 'abc123' }).dataCollection).toEqual({
      hash: 'abc123',
      collection: 'indicators',
    });
    const both = resolveWatchlistConfig({
      source: 'both',
      dataCollection: { hash: 'abc', collection: 'events' },
    });
    expect(both.dataCollection).toEqual({ hash: 'abc', collection: 'events' });
    // Validating what was already validated gives the same (the worker validates, then the constructor does).
    expect(resolveWatchlistConfig(both)).toEqual(both);
  });

  it.each([
    [
      { objects: ['indicators/4711'], source: 'config' },
      'objects[0]',
      /write a watched object as "<collection>:<id>"/,
    ],
    [{ objects: ['indicators:1'] }, 'source', /source is "watchlist", so they would be ignored/],
    [{ source: 'config' }, 'objects', /neither is set/],
    [{ source: 'everything' }, 'source', /source must be "watchlist"/],
    [{ fields: ['score', 'colour'] }, 'fields[1]', /each field must be one of score, status/],
    [{ fields: [] }, 'fields', /at least one field/],
    [{ concurrency: 0 }, 'concurrency', /./],
    [{ concurrency: 100 }, 'concurrency', /would hammer ThreatQ/],
    [{ maxObjects: 1.5 }, 'maxObjects', /./],
    [{ intervall: '1m' }, '(root)', /intervall/],
    [
      { source: 'config', objects: ['events:1'], collections: ['indicators'] },
      'objects[0]',
      /collections \(indicators\) leaves out/,
    ],
    [{ source: 'config', dataCollection: '' }, 'dataCollection', /./],
  ])('reject %j at %s', (config, path, message) => {
    const issues = issuesOf(config);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('are checked by the constructor, with every problem in one message', () => {
    expect(() => new WatchlistService(clientFor(fake), { source: 'config', concurrency: -1 })).toThrow(
      /^Invalid configuration in WatchlistService options \(2 problems\):\n {2}- .*\n {2}- .*$/,
    );
    expect(() => new WatchlistService(clientFor(fake), { source: 'config', concurrency: -1 })).toThrow(
      /- objects: source "config" watches the objects and dataCollection given here, but neither is set/,
    );
  });

  it('need a ThreatQ client as the first argument', () => {
    // The guide's Python passed a "connector"; a plain object of settings is not a client.
    const connector = { host: 'threatq.example.com' } as unknown as WatchlistThreatQ;
    const error = (() => {
      try {
        new WatchlistService(connector);
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues[0]?.path).toBe('threatq');
  });
});
