/** Test wiring: a ThreatQ fake behind MSW (unhandled requests fail the test) and clients pointed at it. */

import { UpstreamHttpError } from '@tqalert/core';
import { createThreatQFake, type ThreatQFake, type ThreatQFakeOptions } from '@tqalert/fixtures';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ThreatQClient } from './client.js';
import type { ThreatQClientOptions } from './options.js';

/** Starts a fake for the test file; it is reset after each test. */
export function useThreatQFake(options: ThreatQFakeOptions = {}): ThreatQFake {
  const fake = createThreatQFake(options);
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => fake.reset());
  afterAll(() => server.close());
  return fake;
}

/** Retries fast enough for tests, with the same policy as production. */
export const FAST_RETRY = { limit: 3, baseDelayMs: 5, maxDelayMs: 3000 };

/** A client for `fake` using the password grant, unless `overrides` says otherwise. */
export function clientFor(fake: ThreatQFake, overrides: Partial<ThreatQClientOptions> = {}): ThreatQClient {
  const { email, password, clientId } = fake.credentials;
  return new ThreatQClient({
    baseUrl: fake.baseUrl,
    auth: { type: 'password', email, password, clientId },
    retry: FAST_RETRY,
    ...overrides,
  });
}

/** Requests the fake saw to one path. */
export function requestsTo(fake: ThreatQFake, path: string) {
  return fake.requests.filter((request) => request.path === path);
}

/** What `promise` rejected with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, but the call succeeded');
    },
    (error: unknown) => error,
  );
}

/** The `UpstreamHttpError` that `promise` rejected with; fails the test on anything else. */
export async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamHttpError> {
  const error = await rejectionOf(promise);
  expect(UpstreamHttpError.isInstance(error), `expected an UpstreamHttpError, got ${String(error)}`).toBe(
    true,
  );
  return error as UpstreamHttpError;
}
