import { describe, expect, it } from 'vitest';
import { TQAlertError } from './errors.js';
import type { Logger } from './logger.js';
import {
  BaseService,
  type FetchContext,
  type FetchResult,
  ServiceWorker,
  TQServiceWorker,
} from './service.js';
import { alertInput, InboxNotifier, TextFormatter, unavailable } from './test-parts.js';

/** A service over a list of polls: each call to fetchAlerts returns the next one and records what it was given. */
class ScriptedService extends BaseService {
  readonly calls: string[];
  readonly cursorsSeen: unknown[] = [];
  private readonly polls: Array<FetchResult | Error>;

  constructor(id: string, polls: Array<FetchResult | Error>, calls: string[] = []) {
    super(id, 'WATCHLIST');
    this.polls = polls;
    this.calls = calls;
  }

  override async connect(): Promise<void> {
    this.calls.push(`${this.id}:connect`);
  }

  async fetchAlerts(context: FetchContext): Promise<FetchResult> {
    this.calls.push(`${this.id}:fetch`);
    this.cursorsSeen.push(context.cursor);
    const next = this.polls.shift() ?? { alerts: [] };
    if (next instanceof Error) throw next;
    return next;
  }
}

function inbox(name: string): InboxNotifier {
  return new InboxNotifier(name).setFormatter(new TextFormatter('WATCHLIST'));
}

describe('ServiceWorker.start', () => {
  it('runs services in the order they were added, each through the guide steps', async () => {
    const calls: string[] = [];
    const first = new ScriptedService('first', [{ alerts: [alertInput({ id: '1' })] }], calls);
    const second = new ScriptedService('second', [{ alerts: [alertInput({ id: '2' })] }], calls);
    const notifier = inbox('n');
    first.addNotifier(notifier);
    second.addNotifier(notifier);

    const reports = await new ServiceWorker().addService(first).addService(second).start();

    expect(calls).toEqual(['first:connect', 'first:fetch', 'second:connect', 'second:fetch']);
    expect(reports.map((r) => [r.service, r.ok])).toEqual([
      ['first', true],
      ['second', true],
    ]);
    expect(notifier.inbox.map((m) => m.text)).toEqual([
      '[WATCHLIST]\ninfo: Score raised',
      '[WATCHLIST]\ninfo: Score raised',
    ]);
  });

  it('goes on with the next service when one fails, and says at which step', async () => {
    const failing = new ScriptedService('failing', [
      new TQAlertError('UPSTREAM_HTTP', 'ThreatQ answered 502'),
    ]);
    failing.addNotifier(inbox('n1'));
    const healthy = new ScriptedService('healthy', [{ alerts: [alertInput()] }]);
    const notifier = inbox('n2');
    healthy.addNotifier(notifier);

    const [bad, good] = await new ServiceWorker().addService(failing).addService(healthy).start();

    expect(bad).toMatchObject({
      ok: false,
      failed: [{ stage: 'fetch', reason: 'UPSTREAM_HTTP: ThreatQ answered 502' }],
    });
    expect(good).toMatchObject({ ok: true, sent: 1 });
    expect(notifier.inbox).toHaveLength(1);
  });

  it('reports a failed connect as the connect step', async () => {
    class Unreachable extends ScriptedService {
      override async connect(): Promise<void> {
        throw new Error('getaddrinfo ENOTFOUND threatq.example');
      }
    }
    const [report] = await new ServiceWorker().addService(new Unreachable('u', [])).start();
    expect(report?.failed).toEqual([{ stage: 'connect', reason: 'getaddrinfo ENOTFOUND threatq.example' }]);
  });

  it('counts fetched, sanitized, rejected and sent, with reasons and notes', async () => {
    const service = new ScriptedService('counted', [
      {
        alerts: [
          alertInput({ id: 'a' }),
          alertInput({ id: 'b' }),
          alertInput({ id: 'b' }),
          { ...alertInput({ id: 'c' }), title: '' },
        ],
        rejected: [{ reason: 'indicator 9 has no value', record: { id: 9 }, objectKey: 'indicators:9' }],
        notes: ['skipped 2 days beyond the catch-up horizon'],
        cursor: 'page-2',
      },
    ]);
    service.addNotifier(inbox('n'));

    const [report] = await new ServiceWorker().addService(service).start();

    expect(report).toMatchObject({
      service: 'counted',
      ok: true,
      fetched: 4,
      sanitized: 2,
      sent: 2,
      failed: [],
      notes: ['skipped 2 days beyond the catch-up horizon'],
    });
    expect(report?.rejected.map((r) => r.reason)).toEqual([
      'indicator 9 has no value',
      expect.stringMatching(/title: /),
    ]);
    expect(report?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('advances the cursor only when every notifier accepted the alerts', async () => {
    const poll = (cursor: string): FetchResult => ({ alerts: [alertInput({ id: cursor })], cursor });
    const service = new ScriptedService('watch', [poll('c1'), poll('c2'), poll('c3')]);
    const ok = inbox('email');
    const flaky = inbox('slack');
    service.addNotifier(ok).addNotifier(flaky);
    const worker = new ServiceWorker().addService(service);

    flaky.fail = unavailable('slack');
    const [failedRun] = await worker.start();
    expect(failedRun).toMatchObject({
      ok: false,
      sent: 0,
      failed: [{ stage: 'send', notifier: 'slack', reason: 'DELIVERY_RETRYABLE: target answered 503' }],
    });
    expect(service.cursor).toBeUndefined();

    flaky.fail = undefined;
    const [recovered] = await worker.start();
    expect(recovered).toMatchObject({ ok: true, sent: 1 });
    expect(service.cursor).toBe('c2');

    await worker.start();
    expect(service.cursorsSeen).toEqual([undefined, undefined, 'c2']);
  });

  it('keeps the cursor and reports a failure when a service with alerts has no notifiers', async () => {
    const service = new ScriptedService('lonely', [{ alerts: [alertInput()], cursor: 'next' }]);
    const [report] = await new ServiceWorker().addService(service).start();
    expect(report).toMatchObject({ ok: false, sent: 0, failed: [{ stage: 'send' }] });
    expect(report?.failed[0]?.reason).toContain('has no notifiers');
    expect(service.cursor).toBeUndefined();
  });

  it('gives fetchAlerts the injected clock and logs each rejected record', async () => {
    const lines: Array<[string, string, Record<string, unknown> | undefined]> = [];
    const logger: Logger = {
      debug: (m, f) => lines.push(['debug', m, f]),
      info: (m, f) => lines.push(['info', m, f]),
      warn: (m, f) => lines.push(['warn', m, f]),
      error: (m, f) => lines.push(['error', m, f]),
      child: () => logger,
    };
    const now = new Date('2026-03-01T00:00:00Z');
    let seenNow: Date | undefined;
    class Clocked extends ScriptedService {
      override async fetchAlerts(context: FetchContext): Promise<FetchResult> {
        seenNow = context.now;
        return { alerts: [{ id: 'broken' }] };
      }
    }
    const service = new Clocked('clocked', []);
    service.addNotifier(inbox('n'));
    await new ServiceWorker({ logger, now: () => now }).addService(service).start();
    expect(seenNow).toBe(now);
    expect(lines.filter(([level]) => level === 'warn').map(([, message]) => message)).toEqual([
      'record rejected',
    ]);
  });

  it('refuses two services with the same id', () => {
    const worker = new ServiceWorker().addService(new ScriptedService('dup', []));
    expect(() => worker.addService(new ScriptedService('dup', []))).toThrowError(
      'A service with id "dup" was already added',
    );
  });

  it('is also exported under the guide name TQServiceWorker', () => {
    expect(TQServiceWorker).toBe(ServiceWorker);
  });
});
