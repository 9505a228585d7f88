import { type CheckResult, type RunOptions, runChecks } from './checks.js';
import { describeChecks } from './describe-checks.js';
import { notifierChecks } from './notifier-checks.js';
import type { NotifierFactory, NotifierSubject, NotifierSuiteOptions } from './notifier-harness.js';

/** The names of the notifier checks, as the vitest tests are named. */
export const NOTIFIER_CHECK_NAMES: readonly string[] = notifierChecks.map((c) => c.name);

function subject<T>(factory: NotifierFactory<T>, options: NotifierSuiteOptions): NotifierSubject {
  // A notifier of any message type is checked through the same calls; the suite never looks inside a message.
  return { factory: factory as NotifierFactory<unknown>, options };
}

/** Runs the notifier conformance checks and returns a result per check instead of failing a test. */
export function runNotifierChecks<T>(
  factory: NotifierFactory<T>,
  options: NotifierSuiteOptions & RunOptions = {},
): Promise<CheckResult[]> {
  return runChecks(notifierChecks, subject(factory, options), options);
}

/**
 * The notifier conformance suite: one vitest test per rule of the BaseNotifier contract, checked against what
 * the target really received. Call it at the top level of a test file; `factory` is called once per test.
 *
 * @example
 * testNotifier('SlackNotifier', async () => {
 *   const slack = await startSlackFixture();
 *   return {
 *     notifier: new SlackNotifier(...),
 *     formatter: new SlackFormatter(...),
 *     inspect: () => slack.messages().map((m) => ({ destination: m.channel, text: m.text })),
 *     failing: () => new SlackNotifier(...against a fixture answering 500...),
 *     secrets: [token],
 *     dispose: () => slack.close(),
 *   };
 * });
 */
export function testNotifier<T>(
  name: string,
  factory: NotifierFactory<T>,
  options: NotifierSuiteOptions = {},
): void {
  describeChecks(`Notifier conformance: ${name}`, notifierChecks, subject(factory, options));
}
