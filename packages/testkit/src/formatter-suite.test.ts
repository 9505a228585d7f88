import { NotificationTypes } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import type { FormatterFactory } from './formatter-harness.js';
import { FORMATTER_CHECK_NAMES, runFormatterChecks, testFormatter } from './formatter-suite.js';
import {
  CountingFormatter,
  LenientGuideFormatter,
  SortingFormatter,
  TruncatingFormatter,
  UnescapedFormatter,
  WatchlistOnlyFormatter,
} from './test-broken.js';
import { LineFormatter, linesText } from './test-reference.js';

const ALL_TYPES = [
  NotificationTypes.WATCHLIST,
  NotificationTypes.DATA_COLLECTION,
  NotificationTypes.FREE_FORM,
];
const options = { types: ALL_TYPES, textOf: linesText };

testFormatter('LineFormatter', () => new LineFormatter('WATCHLIST'), options);

async function failuresOf(factory: FormatterFactory<string[]>): Promise<string[]> {
  return (await runFormatterChecks(factory, options)).filter((r) => !r.passed).map((r) => r.name);
}

describe('runFormatterChecks', () => {
  it('passes every check for a correct formatter', async () => {
    const results = await runFormatterChecks(() => new LineFormatter('DATA_COLLECTION'), options);
    expect(results.map((r) => r.name)).toEqual(FORMATTER_CHECK_NAMES);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('catches a formatter that silently drops alerts beyond ten', async () => {
    const results = await runFormatterChecks(() => new TruncatingFormatter('WATCHLIST'), options);
    expect(results.filter((r) => !r.passed)).toEqual([
      {
        name: 'a message about many alerts mentions every one of them',
        passed: false,
        error: expect.stringContaining('leaves out 2: Batch alert 11 of 12, Batch alert 12 of 12'),
      },
    ]);
  });

  it.each<[string, FormatterFactory<string[]>, string[]]>([
    ['lets <!channel> through', () => new UnescapedFormatter('WATCHLIST'), ['hostile content stays escaped']],
    [
      'changes its output from call to call',
      () => new CountingFormatter('WATCHLIST'),
      [
        'format() gives the same output for the same input',
        'setData → formatData → getFormatted renders the data',
      ],
    ],
    ['reorders its input', () => new SortingFormatter('WATCHLIST'), ['format() does not change its input']],
    [
      'answers getFormatted() before formatData()',
      () => new LenientGuideFormatter('WATCHLIST'),
      ['setData → formatData → getFormatted renders the data'],
    ],
  ])('catches a formatter that %s', async (_bug, factory, failing) => {
    expect(await failuresOf(factory)).toEqual(failing);
  });

  it('catches a formatter that throws for a type it claims, naming the type', async () => {
    const results = await runFormatterChecks(() => new WatchlistOnlyFormatter('WATCHLIST'), options);
    const failed = results.filter((r) => !r.passed);
    expect(failed.map((r) => r.name)).toContain(
      'renders one alert of every type it claims, showing its title',
    );
    expect(failed.every((r) => r.error?.includes('FREE_FORM'))).toBe(true);
  });

  it('refuses an empty types list instead of checking nothing', async () => {
    const results = await runFormatterChecks(() => new LineFormatter('WATCHLIST'), {
      types: [],
      textOf: linesText,
    });
    expect(results.find((r) => r.name === 'is a formatter with a notification type')).toMatchObject({
      passed: false,
      error: expect.stringContaining('options.types must list'),
    });
  });

  it('refuses an unknown check name in only', async () => {
    await expect(
      runFormatterChecks(() => new LineFormatter('WATCHLIST'), { ...options, only: ['no such check'] }),
    ).rejects.toThrowError('Unknown check name(s): "no such check"');
  });
});
