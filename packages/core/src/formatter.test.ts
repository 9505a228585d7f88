import { describe, expect, it } from 'vitest';
import { TQAlertError } from './errors.js';
import { alert, TextFormatter } from './test-parts.js';

describe('BaseFormatter guide sequence', () => {
  const alerts = [alert({ id: 'a', title: 'First' }), alert({ id: 'b', title: 'Second', severity: 'high' })];

  it('setData → formatData → getFormatted renders the data as the formatter type', () => {
    const formatter = new TextFormatter('WATCHLIST');
    const output = formatter.setData(alerts).formatData().getFormatted();
    expect(output).toBe('[WATCHLIST]\ninfo: First\nhigh: Second');
    expect(output).toBe(formatter.format(alerts, 'WATCHLIST'));
  });

  it('throws a clear error when getFormatted comes before formatData', () => {
    const formatter = new TextFormatter('WATCHLIST').setData(alerts);
    expect(() => formatter.getFormatted()).toThrowError(
      /getFormatted\(\) called before setData\(\) and formatData\(\)/,
    );
    try {
      formatter.getFormatted();
    } catch (error) {
      expect(TQAlertError.isInstance(error) && error.code).toBe('FORMATTER_NOT_RUN');
    }
  });

  it('never returns output for data that was replaced', () => {
    const formatter = new TextFormatter('WATCHLIST').setData(alerts).formatData();
    formatter.setData([alerts[0] as (typeof alerts)[number]]);
    expect(() => formatter.getFormatted()).toThrowError(TQAlertError);
    expect(formatter.formatData().getFormatted()).toBe('[WATCHLIST]\ninfo: First');
  });

  it('keeps its own copy of the data', () => {
    const data = [...alerts];
    const formatter = new TextFormatter('DATA_COLLECTION').setData(data);
    data.pop();
    expect(formatter.formatData().getFormatted()).toContain('Second');
  });
});
