import type { Alert, BaseFormatter, BaseNotifier } from '@tqalert/core';
import type { Check } from './checks.js';
import { dataCollectionAlert, freeFormAlert, watchlistAlert } from './sample-alerts.js';

/** One message the target really received, as the harness saw it arrive (a Slack post, a mail in the sink). */
export interface ReceivedMessage {
  /** The destination id it reached, spelled as the notifier's `destinations()` spells it. */
  destination: string;
  /** Its visible text, when the harness can read it; the suite then checks the alert's title arrived. */
  text?: string;
}

/** A notifier under test, wired to a target the harness can look into. */
export interface NotifierHarness<TMessage = unknown> {
  /** The notifier, **without** a formatter set: the suite checks `formatAlert()` refuses to run without one. */
  notifier: BaseNotifier<TMessage>;
  /** The formatter the suite sets on the notifier. */
  formatter: BaseFormatter<TMessage>;
  /** Everything the target has received so far, oldest first (Slack messages recorded by the fixture, mails). */
  inspect(): readonly ReceivedMessage[] | Promise<readonly ReceivedMessage[]>;
  /**
   * The same notifier pointed at a target that refuses delivery (a fixture fault switch, an SMTP sink that
   * answers 451 or 550, a closed port): the suite checks it throws a `DeliveryError`.
   */
  failing(): BaseNotifier<TMessage> | Promise<BaseNotifier<TMessage>>;
  /** Values (tokens, passwords, webhook URLs) that must never appear in records, errors or received text. */
  secrets?: readonly string[];
  /** Stops what the factory started (fixture servers, the SMTP sink). Called after each check. */
  dispose?(): void | Promise<void>;
}

/** Makes a fresh harness for each check. */
export type NotifierFactory<TMessage = unknown> = () =>
  | NotifierHarness<TMessage>
  | Promise<NotifierHarness<TMessage>>;

/** Options of the notifier suite. */
export interface NotifierSuiteOptions {
  /**
   * The alerts the suite formats and sends. Default: the sample alert of the formatter's notification type
   * (watchlist, data collection or free form).
   */
  alerts?: () => readonly Alert[];
}

/** What the notifier checks run against. */
export interface NotifierSubject {
  factory: NotifierFactory<unknown>;
  options: NotifierSuiteOptions;
}

/** A harness being checked, with the alerts to send. */
export interface OpenNotifier {
  harness: NotifierHarness<unknown>;
  alerts: readonly Alert[];
  /** Closes the notifier once; the check's clean-up does not close it again. */
  close(): Promise<void>;
}

function defaultAlerts(type: string): Alert[] {
  const samples = [watchlistAlert(), dataCollectionAlert(), freeFormAlert()];
  return [samples.find((a) => a.type === type) ?? watchlistAlert()];
}

/**
 * A check that runs `body` against a fresh harness, then closes the notifier and disposes of the harness, whether
 * the body passed or not.
 */
export function notifierCheck(
  name: string,
  body: (open: OpenNotifier) => Promise<void>,
): Check<NotifierSubject> {
  return {
    name,
    async run({ factory, options }) {
      const harness = await factory();
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        await harness.notifier.close();
      };
      try {
        const alerts = options.alerts?.() ?? defaultAlerts(harness.formatter.notificationType);
        await body({ harness, alerts, close });
      } finally {
        try {
          await close();
        } finally {
          await harness.dispose?.();
        }
      }
    },
  };
}

/** Sets the harness formatter on `notifier` unless it has one, and formats `alerts` with it. */
export function formatWith<T>(
  notifier: BaseNotifier<T>,
  formatter: BaseFormatter<T>,
  alerts: readonly Alert[],
): T {
  if (!notifier.getFormatter()) notifier.setFormatter(formatter);
  return notifier.formatAlert(alerts);
}

/** What arrived after `before` messages had arrived. */
export async function arrivedSince(
  harness: NotifierHarness<unknown>,
  before: number,
): Promise<ReceivedMessage[]> {
  return (await harness.inspect()).slice(before);
}

/** How many messages have arrived so far. */
export async function arrivedCount(harness: NotifierHarness<unknown>): Promise<number> {
  return (await harness.inspect()).length;
}
