import { describe, expect, it } from 'vitest';
import { TQAlertError } from './errors.js';
import { BaseNotifier, type DeliveryRecord } from './notifier.js';
import { alert, InboxNotifier, TextFormatter } from './test-parts.js';

describe('BaseNotifier', () => {
  it('refuses to format without a formatter, saying which notifier and what to call', () => {
    const notifier = new InboxNotifier('soc-slack');
    let thrown: unknown;
    try {
      notifier.formatAlert([alert()]);
    } catch (error) {
      thrown = error;
    }
    expect(TQAlertError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: 'NOTIFIER_NO_FORMATTER',
      message: 'Notifier "soc-slack" has no formatter: call setFormatter() before sending alerts',
    });
  });

  it('formats as the formatter type unless told otherwise', () => {
    const formatter = new TextFormatter('WATCHLIST');
    const notifier = new InboxNotifier('n').setFormatter(formatter);
    expect(notifier.getFormatter()).toBe(formatter);
    expect(notifier.formatAlert([alert({ title: 'T' })])).toBe('[WATCHLIST]\ninfo: T');
    expect(notifier.formatAlert([alert({ title: 'T' })], 'FREE_FORM')).toBe('[FREE_FORM]\ninfo: T');
  });

  it('has one default destination, one send per lane at a time, and a close that resolves', async () => {
    class MinimalNotifier extends BaseNotifier<string> {
      async sendAlert(): Promise<DeliveryRecord[]> {
        return [];
      }
    }
    const notifier = new MinimalNotifier('minimal');
    expect(await notifier.destinations()).toEqual(['default']);
    expect(notifier.laneConcurrency('default')).toBe(1);
    await expect(notifier.close()).resolves.toBeUndefined();
  });
});
