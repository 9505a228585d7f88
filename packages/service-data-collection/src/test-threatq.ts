/**
 * Test wiring: the ThreatQ fake behind MSW (an unhandled request fails the test), a real client for it, and a
 * clock the test moves, so change times and "now" are the same on every run.
 */
import { type FetchResult, silentLogger } from '@tqalert/core';
import { createThreatQFake, type ThreatQFake, type ThreatQFakeOptions } from '@tqalert/fixtures';
import { ThreatQClient } from '@tqalert/threatq-client';
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { DataCollectionService } from './data-collection-service.js';

/** When each test starts: 1 March 2026, two months after the fake's generated objects. */
export const START = Date.UTC(2026, 2, 1, 9, 0, 0);
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** The fake, its MSW server, and the test's clock (the fake stamps changes with it). */
export interface TestThreatQ {
  fake: ThreatQFake;
  server: SetupServer;
  clock: { now: number };
}

/** One fake for the test file; data, clock and extra handlers are reset after each test. */
export function useThreatQ(options: ThreatQFakeOptions = {}): TestThreatQ {
  const clock = { now: START };
  const fake = createThreatQFake({ now: () => clock.now, ...options });
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  beforeEach(() => {
    clock.now = START;
  });
  afterEach(() => {
    server.resetHandlers();
    fake.reset();
  });
  afterAll(() => server.close());
  return { fake, server, clock };
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

/** One poll at the clock's time, as the worker runs it (`since` for a backfill). */
export function poll(
  service: DataCollectionService,
  clock: { now: number },
  cursor?: unknown,
  since?: Date,
): Promise<FetchResult> {
  return service.fetchAlerts({
    cursor,
    now: new Date(clock.now),
    logger: silentLogger,
    ...(since === undefined ? {} : { since }),
  });
}
