import type { Alert, BaseFormatter, NotificationType } from '@tqalert/core';
import type { Check } from './checks.js';
import { ensure } from './ensure.js';
import { alertBatch, sampleAlerts } from './sample-alerts.js';

/** Makes a fresh formatter. */
export type FormatterFactory<TOutput = unknown> = () =>
  | BaseFormatter<TOutput>
  | Promise<BaseFormatter<TOutput>>;

/** Options of the formatter suite. */
export interface FormatterSuiteOptions<TOutput = unknown> {
  /** Every notification type the formatter claims to render. */
  types: readonly NotificationType[];
  /**
   * All the text a reader of the output would see, across every part (blocks, fallback text, thread
   * continuations, the HTML body). The suite looks for alert titles in it, and for hostile markup that must not
   * be there raw.
   */
  textOf(output: TOutput): string;
  /** Strings that must never appear in `textOf(output)` for the hostile sample. Default {@link HOSTILE_MARKERS}. */
  forbidden?: readonly string[];
  /** How many alerts go into the "many alerts" checks. Default 12. */
  batchSize?: number;
}

/** What the formatter checks run against. */
export interface FormatterSubject {
  factory: FormatterFactory<unknown>;
  options: FormatterSuiteOptions<unknown>;
}

/** The sample alerts of `type`, or a one-alert batch when there is no sample of that type. */
export function samplesOf(type: NotificationType): Alert[] {
  const samples = sampleAlerts().filter((a) => a.type === type && !a.title.includes('<'));
  return samples.length > 0 ? samples : alertBatch(1, type);
}

/** The types to check, refusing an empty list (the suite would check nothing). */
export function typesOf(options: FormatterSuiteOptions<unknown>): readonly NotificationType[] {
  ensure(
    Array.isArray(options.types) && options.types.length > 0,
    'options.types must list the notification types the formatter renders, e.g. [NotificationTypes.WATCHLIST]',
  );
  return options.types;
}

/** `textOf(output)`, refusing anything but a string. */
export function textOf(options: FormatterSuiteOptions<unknown>, output: unknown, what: string): string {
  const text = options.textOf(output);
  ensure(typeof text === 'string', `options.textOf must return a string (for ${what})`);
  return text;
}

/** A check that runs `body` against a fresh formatter. */
export function formatterCheck(
  name: string,
  body: (formatter: BaseFormatter<unknown>, subject: FormatterSubject) => Promise<void> | void,
): Check<FormatterSubject> {
  return {
    name,
    async run(subject) {
      await body(await subject.factory(), subject);
    },
  };
}
