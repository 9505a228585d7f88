/** Test wiring: the ThreatQ fake behind MSW (an unhandled request fails the test) and a real client for it. */
import { type FetchResult, silentLogger } from '@tqalert/core';
import { createThreatQFake, type ThreatQFake, type ThreatQFakeOptions } from '@tqalert/fixtures';
import { ThreatQClient } from '@tqalert/threatq-client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { WatchlistService } from './watchlist-service.js';

/** Fixed "now" of the fake, so change times are the same on every run. */
export const FAKE_NOW = Date.UTC(2026, 2, 1, 9, 0, 0);

/** One fake for the test file, reset after each test. */
export function useThreatQ(options: ThreatQFakeOptions = {}): ThreatQFake {
  const fake = createThreatQFake({ now: () => FAKE_NOW, ...options });
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => fake.reset());
  afterAll(() => server.close());
  return fake;
}

/** A client for `fake` that retries quickly. */
export function clientFor(fake: ThreatQFake): ThreatQClient {
  const { email, password, clientId } = fake.credentials;
  return new ThreatQClient({
    baseUrl: fake.baseUrl,
    auth: { type: 'password', email, password, clientId },
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

/** One poll, as the worker runs it. */
export function poll(service: WatchlistService, cursor?: unknown): Promise<FetchResult> {
  return service.fetchAlerts({ cursor, now: new Date(FAKE_NOW), logger: silentLogger });
}

/** The display value of an object in the fake. */
export function displayValueOf(fake: ThreatQFake, collection: 'indicators' | 'events', id: number): string {
  const object = fake.state.object(collection, id) as { value?: string; title?: string };
  return (object.value ?? object.title) as string;
}
