import { type Alert, type AlertInput, createAlert, type Logger } from '@tqalert/core';
import { EmailFormatter } from '@tqalert/formatter-email';
import { type SmtpSink, type SmtpSinkOptions, startSmtpSink, watchlistAlert } from '@tqalert/testkit';
import { afterEach } from 'vitest';
import { EmailNotifier, type EmailNotifierSettings } from './email-notifier.js';
import type { EmailNotifierOptions } from './notifier-options.js';

export const PASSWORD = 'Tr0ub4dor&3-very-secret';

const sinks: SmtpSink[] = [];
const notifiers: EmailNotifier[] = [];

afterEach(async () => {
  await Promise.all(notifiers.splice(0).map((notifier) => notifier.close()));
  await Promise.all(sinks.splice(0).map((sink) => sink.close()));
});

/** A sink on 127.0.0.1, closed after the test. */
export async function sink(options?: SmtpSinkOptions): Promise<SmtpSink> {
  const started = await startSmtpSink(options);
  sinks.push(started);
  return started;
}

/** A notifier pointed at `smtp`, with short timeouts, closed after the test. */
export function notifierFor(
  smtp: SmtpSink,
  options: Partial<EmailNotifierOptions> = {},
  settings: EmailNotifierSettings = {},
): EmailNotifier {
  const notifier = new EmailNotifier(
    {
      host: smtp.host,
      port: smtp.port,
      from: 'TQ Alert <alerts@example.com>',
      to: ['soc@example.com', 'SOC Lead <lead@example.com>'],
      timeouts: { connectionMs: 2_000, greetingMs: 2_000, socketMs: 5_000 },
      ...options,
    },
    { id: 'soc-mail', formatter: new EmailFormatter(), ...settings },
  );
  notifiers.push(notifier);
  return notifier;
}

/** The testkit's sample watchlist alert, with a summary that needs escaping. */
export function alert(overrides: Partial<AlertInput> = {}): Alert {
  return createAlert({ ...watchlistAlert(), summary: 'Score 5 → 8 <b>&</b>', ...overrides });
}

/** `count` alerts with unique titles. */
export function alerts(count: number): Alert[] {
  return Array.from({ length: count }, (_, i) =>
    alert({ id: `a-${i + 1}`, title: `Alert number ${i + 1} of ${count}`, summary: 'x'.repeat(200) }),
  );
}

/** A logger that keeps what it was told. */
export function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const logger = {
    lines,
    debug: (message: string) => lines.push({ level: 'debug', message }),
    info: (message: string) => lines.push({ level: 'info', message }),
    warn: (message: string) => lines.push({ level: 'warn', message }),
    error: (message: string) => lines.push({ level: 'error', message }),
    child: () => logger,
  };
  return logger;
}

/** Whatever was thrown, or a failure when nothing was. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
