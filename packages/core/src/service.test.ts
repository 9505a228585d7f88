import { describe, expect, it } from 'vitest';
import { DeliveryError } from './errors.js';
import { BaseService, type FetchContext, type FetchResult } from './service.js';
import { alert, alertInput, InboxNotifier, TextFormatter, unavailable } from './test-parts.js';

class StaticService extends BaseService {
  constructor(private readonly candidates: unknown[]) {
    super('static', 'WATCHLIST');
  }
  async fetchAlerts(_context: FetchContext): Promise<FetchResult> {
    return { alerts: this.candidates };
  }
}

describe('BaseService.sanitizeAlerts', () => {
  it('keeps valid alerts with defaults filled in', () => {
    const result = new StaticService([]).sanitizeAlerts([alertInput({ id: 'a' }), alertInput({ id: 'b' })]);
    expect(result.rejected).toEqual([]);
    expect(result.alerts.map((a) => [a.id, a.severity, a.tags])).toEqual([
      ['a', 'info', []],
      ['b', 'info', []],
    ]);
  });

  it('rejects an invalid candidate with a reason that names the path, and keeps the record', () => {
    const bad = { ...alertInput({ id: 'bad' }), occurredAt: 'last tuesday' };
    const result = new StaticService([]).sanitizeAlerts([bad, alertInput({ id: 'good' })]);
    expect(result.alerts.map((a) => a.id)).toEqual(['good']);
    expect(result.rejected).toEqual([{ reason: expect.stringContaining('occurredAt:'), record: bad }]);
    expect(result.rejected[0]?.reason).toMatch(/^ALERT_INVALID: /);
  });

  it('drops a repeated id within the batch and keeps the first', () => {
    const result = new StaticService([]).sanitizeAlerts([
      alertInput({ id: 'same', title: 'first' }),
      alertInput({ id: 'same', title: 'second' }),
    ]);
    expect(result.alerts.map((a) => a.title)).toEqual(['first']);
    expect(result.rejected).toEqual([]);
  });
});

describe('BaseService.sendAlerts', () => {
  it('formats for each notifier and collects one record per destination', async () => {
    const slack = new InboxNotifier('slack', ['C1', 'C2']).setFormatter(new TextFormatter('WATCHLIST'));
    const service = new StaticService([]).addNotifier(slack);
    const result = await service.sendAlerts([alert({ title: 'Score raised' })]);
    expect(result.failures).toEqual([]);
    expect(result.deliveries.map((d) => d.destination)).toEqual(['C1', 'C2']);
    expect(slack.inbox).toEqual([
      { destination: 'C1', text: '[WATCHLIST]\ninfo: Score raised' },
      { destination: 'C2', text: '[WATCHLIST]\ninfo: Score raised' },
    ]);
  });

  it('keeps going after a failing notifier and records why, and whether to retry', async () => {
    const down = new InboxNotifier('down').setFormatter(new TextFormatter('WATCHLIST'));
    down.fail = unavailable('down');
    const broken = new InboxNotifier('broken').setFormatter(new TextFormatter('WATCHLIST'));
    broken.fail = new TypeError('cannot read properties of undefined');
    const email = new InboxNotifier('email').setFormatter(new TextFormatter('WATCHLIST'));
    const service = new StaticService([]).addNotifier(down).addNotifier(broken).addNotifier(email);

    const result = await service.sendAlerts([alert({ id: 'a1' })]);

    expect(email.inbox).toHaveLength(1);
    expect(result.failures).toEqual([
      {
        notifier: 'down',
        reason: 'DELIVERY_RETRYABLE: target answered 503',
        retryable: true,
        alertIds: ['a1'],
      },
      {
        notifier: 'broken',
        reason: 'cannot read properties of undefined',
        retryable: false,
        alertIds: ['a1'],
      },
    ]);
  });

  it('reports a notifier without a formatter as a failure instead of throwing', async () => {
    const service = new StaticService([]).addNotifier(new InboxNotifier('bare'));
    const result = await service.sendAlerts([alert()]);
    expect(result.failures[0]).toMatchObject({
      notifier: 'bare',
      reason: expect.stringContaining('setFormatter()'),
    });
  });

  it('sends nothing for an empty batch', async () => {
    const notifier = new InboxNotifier('n').setFormatter(new TextFormatter('WATCHLIST'));
    const result = await new StaticService([]).addNotifier(notifier).sendAlerts([]);
    expect(result).toEqual({ deliveries: [], failures: [] });
    expect(notifier.inbox).toEqual([]);
  });

  it('tells a retryable DeliveryError from a permanent one', async () => {
    const notifier = new InboxNotifier('n').setFormatter(new TextFormatter('WATCHLIST'));
    notifier.fail = new DeliveryError({ message: 'channel_not_found', retryable: false });
    const result = await new StaticService([]).addNotifier(notifier).sendAlerts([alert()]);
    expect(result.failures[0]?.retryable).toBe(false);
  });
});
