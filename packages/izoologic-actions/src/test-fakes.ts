/** Test wiring: the ThreatQ and iZoologic fakes behind one MSW server (unhandled requests fail), real clients. */
import {
  createIZoologicFake,
  createThreatQFake,
  IZOOLOGIC_CREDENTIALS,
  IZOOLOGIC_GUIDE_CASES,
  type IZoologicFake,
  type IZoologicFakeOptions,
  type ThreatQFake,
} from '@tqalert/fixtures';
import { IZoologicClient } from '@tqalert/izoologic-client';
import { ThreatQClient } from '@tqalert/threatq-client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const IZOO_URL = 'https://izoologic.test';
/** Event 1 of the ThreatQ fake carries this iZoologic case id. */
export const EVENT_CASE = 'IZ-2026-000101';

/** Both fakes for the test file, reset after each test. */
export function useFakes(izoo: IZoologicFakeOptions = {}): { tq: ThreatQFake; iz: IZoologicFake } {
  const tq = createThreatQFake();
  const iz = createIZoologicFake({
    baseUrl: IZOO_URL,
    cases: [
      ...IZOOLOGIC_GUIDE_CASES,
      { id: EVENT_CASE, caseType: 6, clientCode: 'ABC', status: 'Pending' },
      { id: 'INC2', caseType: 6, clientCode: 'ABC', status: 'Pending' },
      { id: 'MON1', caseType: 1, clientCode: 'ABC' },
    ],
    ...izoo,
  });
  const server = setupServer(...tq.handlers, ...iz.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    tq.reset();
    iz.reset();
  });
  afterAll(() => server.close());
  return { tq, iz };
}

export function izoologicClient(accountKind?: 'client' | 'partner'): IZoologicClient {
  return new IZoologicClient({
    baseUrl: IZOO_URL,
    apiKey: IZOOLOGIC_CREDENTIALS.apikey,
    secretKey: IZOOLOGIC_CREDENTIALS.secretkey,
    ...(accountKind ? { accountKind } : {}),
  });
}

export function threatqClient(fake: ThreatQFake): ThreatQClient {
  const { email, password, clientId } = fake.credentials;
  return new ThreatQClient({
    baseUrl: fake.baseUrl,
    auth: { type: 'password', email, password, clientId },
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

/** The case-action and listing requests iZoologic received (token exchanges left out). */
export function izooCalls(fake: IZoologicFake): string[] {
  return fake.requests
    .filter((request) => request.path.startsWith('/api/ThreatManagement/'))
    .map((request) => request.path.replace('/api/ThreatManagement/', ''));
}

/** Runs `promise` and returns what it threw. */
export async function thrown(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure, but it succeeded');
}
