/** Test wiring: the Slack fake behind MSW, a virtual clock shared by fake and notifier, and a log recorder. */

import type { Logger } from '@tqalert/core';
import { createSlackFake, type SlackFake, type SlackFakeOptions } from '@tqalert/fixtures';
import type { SetupServer } from 'msw/node';
import type { Clock } from './clock.js';

/** A clock whose sleeps return at once and move time forward, recording how long each was. */
export class VirtualClock implements Clock {
  time = Date.UTC(2026, 10, 1, 12, 0, 0);
  readonly sleeps: number[] = [];

  now = (): number => this.time;

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.time += ms;
  };
}

/** A Slack fake on `server` for one test, on `clock`. */
export function useSlackFake(
  server: SetupServer,
  clock: VirtualClock,
  options: SlackFakeOptions = {},
): SlackFake {
  const fake = createSlackFake({ baseUrl: 'https://slack.test/api/', now: clock.now, ...options });
  server.use(...fake.handlers);
  return fake;
}

/** Every log line, with its fields, as one JSON string per line. */
export function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...fields }));
  };
  const logger: Logger = {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: () => logger,
  };
  return logger;
}

/** What `promise` rejected with; fails when it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}
