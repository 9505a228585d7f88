import { type CheckResult, type RunOptions, runChecks } from './checks.js';
import { describeChecks } from './describe-checks.js';
import { formatterChecks } from './formatter-checks.js';
import type { FormatterFactory, FormatterSubject, FormatterSuiteOptions } from './formatter-harness.js';

/** The names of the formatter checks, as the vitest tests are named. */
export const FORMATTER_CHECK_NAMES: readonly string[] = formatterChecks.map((c) => c.name);

function subject<T>(factory: FormatterFactory<T>, options: FormatterSuiteOptions<T>): FormatterSubject {
  // The suite only hands outputs back to the caller's own textOf, so the output type never matters to it.
  return { factory, options: options as FormatterSuiteOptions<unknown> };
}

/** Runs the formatter conformance checks and returns a result per check instead of failing a test. */
export function runFormatterChecks<T>(
  factory: FormatterFactory<T>,
  options: FormatterSuiteOptions<T> & RunOptions,
): Promise<CheckResult[]> {
  return runChecks(formatterChecks, subject(factory, options), options);
}

/**
 * The formatter conformance suite: one vitest test per rule of the BaseFormatter contract. Call it at the top
 * level of a test file; `factory` is called once per test.
 *
 * @example
 * testFormatter('SlackFormatter', () => new SlackFormatter(threatq, slack, NotificationTypes.WATCHLIST), {
 *   types: [NotificationTypes.WATCHLIST, NotificationTypes.DATA_COLLECTION, NotificationTypes.FREE_FORM],
 *   textOf: (message) => allVisibleText(message),
 * });
 */
export function testFormatter<T>(
  name: string,
  factory: FormatterFactory<T>,
  options: FormatterSuiteOptions<T>,
): void {
  describeChecks(`Formatter conformance: ${name}`, formatterChecks, subject(factory, options));
}
