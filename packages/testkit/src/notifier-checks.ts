import { DeliveryError, type DeliveryRecord, describeError } from '@tqalert/core';
import type { Check } from './checks.js';
import { ensure, ensureEqual, ensureIso, ensureNoSecrets, ensureThrows } from './ensure.js';
import {
  arrivedCount,
  arrivedSince,
  formatWith,
  type NotifierSubject,
  notifierCheck,
  type ReceivedMessage,
} from './notifier-harness.js';

const METHODS = [
  'setFormatter',
  'getFormatter',
  'formatAlert',
  'sendAlert',
  'destinations',
  'close',
] as const;

function destinationsOf(messages: readonly ReceivedMessage[]): string[] {
  return [...new Set(messages.map((m) => m.destination))].sort();
}

/** Each record belongs to this notifier, has delivered parts for its own destination, and an ISO sentAt. */
function checkRecord(record: DeliveryRecord, notifierName: string): void {
  const what = `record for ${JSON.stringify(record.destination)}`;
  ensureEqual(record.notifier, notifierName, `${what}: notifier (the notifier's name)`);
  ensure(
    Array.isArray(record.parts) && record.parts.length > 0,
    `${what}: parts must list what was delivered`,
  );
  for (const part of record.parts) {
    ensureEqual(part.destination, record.destination, `${what}: destination of part ${part.part}`);
  }
  ensureIso(record.sentAt, `${what}: sentAt`);
}

/** Checks of the BaseNotifier contract against a real target. */
export const notifierChecks: Check<NotifierSubject>[] = [
  notifierCheck('is a notifier with a non-empty name', async ({ harness }) => {
    const { notifier } = harness;
    for (const method of METHODS) {
      ensure(
        typeof notifier[method] === 'function',
        `notifier.${method} must be a function (extend BaseNotifier)`,
      );
    }
    ensure(
      typeof notifier.name === 'string' && notifier.name.trim() !== '',
      'notifier.name must be a non-empty string',
    );
  }),

  notifierCheck('formatAlert() without a formatter throws a clear error', async ({ harness, alerts }) => {
    ensure(
      harness.notifier.getFormatter() === undefined,
      'the factory must return the notifier without a formatter (pass the formatter as `formatter`)',
    );
    const error = await ensureThrows(
      () => harness.notifier.formatAlert(alerts),
      'formatAlert() with no formatter',
    );
    ensure(
      error instanceof Error && /formatter/i.test(error.message),
      `formatAlert() with no formatter must throw an Error that says a formatter is missing, got: ${describeError(error)}`,
    );
  }),

  notifierCheck('destinations() returns non-empty, distinct ids', async ({ harness }) => {
    const ids = await harness.notifier.destinations();
    ensure(Array.isArray(ids) && ids.length > 0, 'destinations() must return at least one id');
    for (const id of ids)
      ensure(
        typeof id === 'string' && id !== '',
        `destination ids must be non-empty strings, got ${JSON.stringify(id)}`,
      );
    ensureEqual(new Set(ids).size, ids.length, 'number of distinct destination ids');
  }),

  notifierCheck(
    'sendAlert delivers to every destination and returns a record for each',
    async ({ harness, alerts }) => {
      const { notifier, formatter } = harness;
      const message = formatWith(notifier, formatter, alerts);
      const destinations = await notifier.destinations();
      const before = await arrivedCount(harness);
      const records = await notifier.sendAlert(message);
      const arrived = await arrivedSince(harness, before);

      ensure(
        arrived.length > 0,
        'sendAlert resolved, but nothing reached the target (inspect() did not grow)',
      );
      ensureEqual(
        destinationsOf(arrived),
        [...destinations].sort(),
        'destinations that received the message',
      );
      ensureEqual(
        records.map((r) => r.destination).sort(),
        [...destinations].sort(),
        'destinations of the records',
      );
      for (const record of records) checkRecord(record, notifier.name);

      const title = alerts[0]?.title ?? '';
      if (arrived.some((m) => m.text !== undefined)) {
        for (const destination of destinations) {
          ensure(
            arrived.some((m) => m.destination === destination && m.text?.includes(title)),
            `the message received at ${destination} does not show the alert title ${JSON.stringify(title)}`,
          );
        }
      }
      const secrets = harness.secrets ?? [];
      ensureNoSecrets(JSON.stringify(records), secrets, 'the delivery records');
      ensureNoSecrets(arrived.map((m) => m.text ?? '').join('\n'), secrets, 'the received text');
    },
  ),

  notifierCheck(
    'options.destinations restricts the send to those destinations',
    async ({ harness, alerts }) => {
      const { notifier, formatter } = harness;
      const message = formatWith(notifier, formatter, alerts);
      const [chosen, ...others] = await notifier.destinations();
      ensure(
        chosen !== undefined && others.length > 0,
        'configure the notifier with at least two destinations in the factory, so the suite can check options.destinations',
      );
      const before = await arrivedCount(harness);
      const records = await notifier.sendAlert(message, { destinations: [chosen] });
      const arrived = await arrivedSince(harness, before);
      ensureEqual(
        destinationsOf(arrived),
        [chosen],
        `destinations that received a send restricted to ${chosen}`,
      );
      ensureEqual(
        records.map((r) => r.destination),
        [chosen],
        'destinations of the records',
      );
    },
  ),

  notifierCheck('alreadyDelivered parts are not sent again', async ({ harness, alerts }) => {
    const { notifier, formatter } = harness;
    const message = formatWith(notifier, formatter, alerts);
    const destinations = await notifier.destinations();
    const [done] = destinations;
    ensure(done !== undefined, 'destinations() returned no ids');
    const first = await notifier.sendAlert(message);
    const doneParts = first.find((r) => r.destination === done)?.parts ?? [];
    ensure(doneParts.length > 0, `the first send returned no parts for ${done}`);

    const before = await arrivedCount(harness);
    const retry = await notifier.sendAlert(message, { alreadyDelivered: doneParts });
    const arrived = await arrivedSince(harness, before);
    ensureEqual(
      destinationsOf(arrived),
      destinations.filter((d) => d !== done).sort(),
      `destinations that received a retry whose parts for ${done} were already delivered`,
    );
    ensureEqual(
      retry.map((r) => r.destination).sort(),
      [...destinations].sort(),
      'destinations of the retry records',
    );
    const kept = retry.find((r) => r.destination === done)?.parts.map((p) => p.part) ?? [];
    for (const part of doneParts) {
      ensure(
        kept.includes(part.part),
        `the retry record for ${done} must still list part ${part.part}, delivered earlier`,
      );
    }

    const all = first.flatMap((r) => r.parts);
    const beforeAll = await arrivedCount(harness);
    await notifier.sendAlert(message, { alreadyDelivered: all });
    ensureEqual(
      (await arrivedSince(harness, beforeAll)).length,
      0,
      'messages sent when every part was already delivered',
    );
  }),

  notifierCheck(
    'a failing target throws a DeliveryError with a boolean retryable',
    async ({ harness, alerts }) => {
      const failing = await harness.failing();
      try {
        const message = formatWith(failing, harness.formatter, alerts);
        const error = await ensureThrows(() => failing.sendAlert(message), 'sendAlert to a failing target');
        ensure(
          DeliveryError.isInstance(error),
          `sendAlert to a failing target must throw a DeliveryError from @tqalert/core, got: ${describeError(error)}`,
        );
        ensure(typeof error.retryable === 'boolean', 'DeliveryError.retryable must be a boolean');
        ensure(error.message.trim() !== '', 'DeliveryError.message must say what went wrong');
        const secrets = harness.secrets ?? [];
        ensureNoSecrets(error.message, secrets, 'the DeliveryError message');
        ensureNoSecrets(error.stack ?? '', secrets, 'the DeliveryError stack');
      } finally {
        await failing.close();
      }
    },
  ),

  notifierCheck('close() resolves', async ({ close }) => {
    await close();
  }),
];
