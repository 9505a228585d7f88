import { describe, expect, it } from 'vitest';
import type { NotifierHarness } from './notifier-harness.js';
import { NOTIFIER_CHECK_NAMES, runNotifierChecks, testNotifier } from './notifier-suite.js';
import { alertBatch } from './sample-alerts.js';
import {
  BlackHoleNotifier,
  DestinationDeafNotifier,
  LeakyNotifier,
  LocalTimeNotifier,
  RawErrorNotifier,
  RepeatingNotifier,
} from './test-broken.js';
import { type Inbox, InboxNotifier, inboxHarness, LineFormatter } from './test-reference.js';

testNotifier('InboxNotifier', () => inboxHarness());
// Seven alerts make a message of three parts, so resuming after delivered parts is exercised part by part.
testNotifier('InboxNotifier, multi-part messages', () => inboxHarness(), { alerts: () => alertBatch(7) });

type Make = (inbox: Inbox, targets: string[]) => InboxNotifier;

async function failuresOf(make: Make): Promise<Array<{ name: string; error?: string }>> {
  const results = await runNotifierChecks(() => inboxHarness(make));
  return results.filter((r) => !r.passed).map(({ name, error }) => ({ name, error }));
}

describe('runNotifierChecks', () => {
  it('passes every check for a correct notifier', async () => {
    const results = await runNotifierChecks(() => inboxHarness());
    expect(results.map((r) => r.name)).toEqual(NOTIFIER_CHECK_NAMES);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('catches a notifier that never delivers', async () => {
    const failed = await failuresOf((inbox, targets) => new BlackHoleNotifier('hole', inbox, targets));
    expect(failed.map((f) => f.name)).toEqual([
      'sendAlert delivers to every destination and returns a record for each',
      'options.destinations restricts the send to those destinations',
      'alreadyDelivered parts are not sent again',
      // It never talks to the target, so it "succeeds" even when the target is down.
      'a failing target throws a DeliveryError with a boolean retryable',
    ]);
    expect(failed[0]?.error).toContain('nothing reached the target');
    expect(failed[3]?.error).toContain('expected it to throw, but it completed');
  });

  it.each<[string, Make, string]>([
    [
      'ignores options.destinations',
      (inbox, targets) => new DestinationDeafNotifier('deaf', inbox, targets),
      'options.destinations restricts the send to those destinations',
    ],
    [
      'sends already delivered parts again',
      (inbox, targets) => new RepeatingNotifier('again', inbox, targets),
      'alreadyDelivered parts are not sent again',
    ],
    [
      'writes sentAt in a local, zone-less format',
      (inbox, targets) => new LocalTimeNotifier('local', inbox, targets),
      'sendAlert delivers to every destination and returns a record for each',
    ],
  ])('catches a notifier that %s', async (_bug, make, failing) => {
    expect((await failuresOf(make)).map((f) => f.name)).toEqual([failing]);
  });

  it('catches a failure thrown as a plain Error', async () => {
    const failed = await failuresOf((inbox, targets) => new RawErrorNotifier('raw', inbox, targets));
    expect(failed).toEqual([
      {
        name: 'a failing target throws a DeliveryError with a boolean retryable',
        error: expect.stringContaining(
          'must throw a DeliveryError from @tqalert/core, got: inbox unavailable (503)',
        ),
      },
    ]);
  });

  it('catches a secret in an error message without repeating the secret', async () => {
    const failed = await failuresOf((inbox, targets) => new LeakyNotifier('leaky', inbox, targets));
    expect(failed.map((f) => f.name)).toEqual([
      'a failing target throws a DeliveryError with a boolean retryable',
    ]);
    expect(failed[0]?.error).toContain('the DeliveryError message contains a secret');
    expect(failed[0]?.error).not.toContain('inbox-token');
  });

  it('catches a factory that hands over the notifier with its formatter already set', async () => {
    const results = await runNotifierChecks((): NotifierHarness<string[]> => {
      const harness = inboxHarness();
      harness.notifier.setFormatter(new LineFormatter('WATCHLIST'));
      return harness;
    });
    expect(results.filter((r) => !r.passed).map((r) => r.name)).toEqual([
      'formatAlert() without a formatter throws a clear error',
    ]);
  });

  it('asks for two destinations to check options.destinations', async () => {
    const results = await runNotifierChecks(
      () => inboxHarness((inbox) => new InboxNotifier('one', inbox, ['#soc'])),
      {
        only: ['options.destinations restricts the send to those destinations'],
      },
    );
    expect(results[0]).toMatchObject({
      passed: false,
      error: expect.stringContaining('at least two destinations'),
    });
  });

  it('disposes of the harness after every check', async () => {
    let disposed = 0;
    await runNotifierChecks(() => ({
      ...inboxHarness(),
      dispose: () => {
        disposed += 1;
      },
    }));
    expect(disposed).toBe(NOTIFIER_CHECK_NAMES.length);
  });
});
