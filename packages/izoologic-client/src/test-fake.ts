/** Test-only helpers: the iZoologic fake on an MSW server, a client pointed at it, and a logger that remembers. */
import type { Logger } from '@tqalert/core';
import {
  createIZoologicFake,
  IZOOLOGIC_CREDENTIALS,
  type IZoologicFake,
  type IZoologicFakeOptions,
  type RecordedRequest,
} from '@tqalert/fixtures';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { IZoologicClient } from './client.js';
import type { IZoologicClientOptions } from './client-options.js';

export const BASE_URL = 'https://izoologic.test';

/** One fake behind an MSW server for the whole test file; reset after each test. */
export function useFake(options: IZoologicFakeOptions = {}): IZoologicFake {
  const fake = createIZoologicFake({ baseUrl: BASE_URL, ...options });
  const server = setupServer(...fake.handlers);
  // msw 3 spells it onUnhandledFrame (the old onUnhandledRequest is ignored).
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => fake.reset());
  afterAll(() => server.close());
  return fake;
}

/** A client for the fake with its default keys; short retry delays keep tests quick. */
export function clientFor(overrides: Partial<IZoologicClientOptions> = {}): IZoologicClient {
  return new IZoologicClient({
    baseUrl: BASE_URL,
    apiKey: IZOOLOGIC_CREDENTIALS.apikey,
    secretKey: IZOOLOGIC_CREDENTIALS.secretkey,
    ...overrides,
  });
}

/** The requests the fake received, token exchanges left out. */
export function apiRequests(fake: IZoologicFake): RecordedRequest[] {
  return fake.requests.filter((request) => request.path !== '/api/Token/Authenticate');
}

/** One logged line. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every line, for asserting what the client said. */
export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      lines.push({ level, message, fields });
    };
  const logger = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

/** Runs `promise` and returns what it threw (failing the test when it did not throw). */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Reads an async iterable to the end. */
export async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
