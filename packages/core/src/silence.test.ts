import { describe, expect, it } from 'vitest';
import { findSilence, silenceActive, silenceMatches } from './silence.js';
import type { Silence, SilenceMatchers } from './store.js';
import { alert } from './test-parts.js';

const phishing = alert({
  service: 'watchlist',
  object: { collection: 'indicators', id: 7, value: 'Login.Evil.example' },
  tags: ['phishing', 'brand'],
  score: 4,
});

function silence(overrides: Partial<Silence> = {}): Silence {
  return {
    id: 's1',
    matchers: { service: 'watchlist' },
    author: 'analyst@example.com',
    reason: 'noisy feed',
    createdAt: '2026-03-01T00:00:00.000Z',
    startsAt: '2026-03-01T00:00:00.000Z',
    expiresAt: '2026-03-02T00:00:00.000Z',
    ...overrides,
  };
}

describe('silenceMatches', () => {
  it.each<[string, SilenceMatchers, boolean]>([
    ['service', { service: 'watchlist' }, true],
    ['other service', { service: 'data-collection' }, false],
    ['collection', { collection: 'indicators' }, true],
    ['other collection', { collection: 'events' }, false],
    ['value glob, any case', { value: '*.evil.EXAMPLE' }, true],
    ['value without glob must match whole', { value: 'evil.example' }, false],
    ['dot is literal, not any character', { value: 'login.evil?example' }, false],
    ['tag', { tag: 'phishing' }, true],
    ['missing tag', { tag: 'malware' }, false],
    ['score at most maxScore', { maxScore: 4 }, true],
    ['score above maxScore', { maxScore: 3 }, false],
    ['every matcher must match', { service: 'watchlist', tag: 'malware' }, false],
    ['all matching', { service: 'watchlist', collection: 'indicators', tag: 'brand', maxScore: 5 }, true],
  ])('%s', (_name, matchers, expected) => {
    expect(silenceMatches(matchers, phishing)).toBe(expected);
  });

  it('matches nothing with no matchers, so an empty silence never mutes everything', () => {
    expect(silenceMatches({}, phishing)).toBe(false);
    expect(silenceMatches({ service: '', value: '' }, phishing)).toBe(false);
  });

  it('ignores empty-string matchers next to real ones', () => {
    expect(silenceMatches({ service: '', tag: 'phishing' }, phishing)).toBe(true);
  });

  it('does not let an unknown matcher key mute every alert', () => {
    expect(silenceMatches({ severity: 'low' } as SilenceMatchers, phishing)).toBe(false);
  });

  it('never matches a value matcher against an alert about no object', () => {
    expect(silenceMatches({ value: '*' }, alert({ type: 'FREE_FORM' }))).toBe(false);
  });

  it('does not match maxScore when the alert has no score', () => {
    expect(silenceMatches({ maxScore: 10 }, alert({ score: null }))).toBe(false);
  });
});

describe('silenceActive', () => {
  it('is in force from startsAt up to, not including, expiresAt', () => {
    const s = silence();
    expect(silenceActive(s, new Date('2026-02-28T23:59:59Z'))).toBe(false);
    expect(silenceActive(s, new Date('2026-03-01T00:00:00Z'))).toBe(true);
    expect(silenceActive(s, new Date('2026-03-01T12:00:00Z'))).toBe(true);
    expect(silenceActive(s, new Date('2026-03-02T00:00:00Z'))).toBe(false);
  });

  it('is over once someone expired it', () => {
    const s = silence({ expiredAt: '2026-03-01T06:00:00.000Z', expiredBy: 'lead' });
    expect(silenceActive(s, new Date('2026-03-01T12:00:00Z'))).toBe(false);
  });
});

describe('findSilence', () => {
  it('returns the first active silence that matches', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const expired = silence({ id: 'old', expiredAt: '2026-03-01T01:00:00.000Z' });
    const other = silence({ id: 'other', matchers: { tag: 'malware' } });
    const match = silence({ id: 'match', matchers: { tag: 'brand' } });
    expect(findSilence([expired, other, match], phishing, now)?.id).toBe('match');
    expect(findSilence([expired, other], phishing, now)).toBeUndefined();
  });
});
