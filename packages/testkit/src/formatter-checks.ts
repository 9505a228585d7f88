import { describeError } from '@tqalert/core';
import type { Check } from './checks.js';
import { ConformanceError, ensure, ensureEqual, ensureThrows } from './ensure.js';
import { type FormatterSubject, formatterCheck, samplesOf, textOf, typesOf } from './formatter-harness.js';
import { alertBatch, HOSTILE_MARKERS, hostileAlert } from './sample-alerts.js';

const METHODS = ['format', 'setData', 'formatData', 'getFormatted'] as const;

/** Runs `render`, turning a throw into a failure that says which type and how many alerts. */
function rendering<T>(what: string, render: () => T): T {
  try {
    return render();
  } catch (error) {
    throw new ConformanceError(`${what} threw: ${describeError(error)}`);
  }
}

/** Checks of the BaseFormatter contract. */
export const formatterChecks: Check<FormatterSubject>[] = [
  formatterCheck('is a formatter with a notification type', (formatter, { options }) => {
    for (const method of METHODS) {
      ensure(
        typeof formatter[method] === 'function',
        `formatter.${method} must be a function (extend BaseFormatter)`,
      );
    }
    ensure(
      typeof formatter.notificationType === 'string' && formatter.notificationType !== '',
      'formatter.notificationType must be a non-empty string',
    );
    typesOf(options);
  }),

  formatterCheck(
    'format() gives the same output for the same input',
    async (formatter, { factory, options }) => {
      const other = await factory();
      for (const type of typesOf(options)) {
        const alerts = [...samplesOf(type), ...alertBatch(3, type)];
        const first = rendering(`format() as ${type}`, () => formatter.format(alerts, type));
        ensureEqual(formatter.format(structuredClone(alerts), type), first, `a second format() as ${type}`);
        ensureEqual(
          other.format(structuredClone(alerts), type),
          first,
          `format() as ${type} by a second formatter`,
        );
      }
    },
  ),

  formatterCheck('format() does not change its input', (formatter, { options }) => {
    for (const type of typesOf(options)) {
      const alerts = [...samplesOf(type), ...alertBatch(3, type), hostileAlert()];
      const before = structuredClone(alerts);
      rendering(`format() as ${type}`, () => formatter.format(alerts, type));
      ensureEqual(alerts, before, `the alerts given to format() as ${type}, afterwards`);
    }
  }),

  formatterCheck('setData → formatData → getFormatted renders the data', async (formatter) => {
    const type = formatter.notificationType;
    const alerts = samplesOf(type);
    await ensureThrows(() => formatter.getFormatted(), 'getFormatted() on a new formatter');
    ensure(formatter.setData(alerts) === formatter, 'setData() must return the formatter, for chaining');
    await ensureThrows(
      () => formatter.getFormatted(),
      'getFormatted() after setData() but before formatData()',
    );
    ensure(formatter.formatData() === formatter, 'formatData() must return the formatter, for chaining');
    ensureEqual(
      formatter.getFormatted(),
      formatter.format(alerts, type),
      'getFormatted() compared with format()',
    );
  }),

  formatterCheck('renders one alert of every type it claims, showing its title', (formatter, { options }) => {
    for (const type of typesOf(options)) {
      const [alert] = samplesOf(type);
      ensure(alert, `no sample alert for ${type}`);
      const output = rendering(`format() of one ${type} alert`, () => formatter.format([alert], type));
      const text = textOf(options, output, `one ${type} alert`);
      ensure(
        text.includes(alert.title),
        `the text of one ${type} alert does not show its title ${JSON.stringify(alert.title)}`,
      );
    }
  }),

  formatterCheck('a message about many alerts mentions every one of them', (formatter, { options }) => {
    const size = options.batchSize ?? 12;
    for (const type of typesOf(options)) {
      const alerts = alertBatch(size, type);
      const output = rendering(`format() of ${size} ${type} alerts`, () => formatter.format(alerts, type));
      const text = textOf(options, output, `${size} ${type} alerts`);
      const missing = alerts.filter((a) => !text.includes(a.title)).map((a) => a.title);
      ensure(
        missing.length === 0,
        `the text of ${size} ${type} alerts leaves out ${missing.length}: ${missing.join(', ')} (split the message instead of dropping alerts)`,
      );
    }
  }),

  formatterCheck('hostile content stays escaped', (formatter, { options }) => {
    const forbidden = options.forbidden ?? HOSTILE_MARKERS;
    for (const type of typesOf(options)) {
      for (const [what, alerts] of [
        ['the hostile alert', [hostileAlert()]],
        ['the hostile alert among others', [...alertBatch(2, type), hostileAlert()]],
      ] as const) {
        const output = rendering(`format() of ${what} as ${type}`, () => formatter.format(alerts, type));
        const text = textOf(options, output, `${what} as ${type}`);
        ensure(text.trim() !== '', `the text of ${what} as ${type} is empty`);
        for (const marker of forbidden) {
          ensure(
            !text.includes(marker),
            `the text of ${what} as ${type} contains ${JSON.stringify(marker)} unescaped`,
          );
        }
      }
    }
  }),
];
