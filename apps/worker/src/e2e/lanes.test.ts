/**
 * The worker binary against ThreatQ, Slack and SMTP stand-ins served on loopback, in the variants that broke it
 * when it was tried against stand-ins written apart from this project: singular object types, wrong
 * credentials, Slack at its real pace beside email, a mistyped channel, and 429s that must be counted.
 */
import { join } from 'node:path';
import {
  createSlackFake,
  createThreatQFake,
  type ServedFake,
  SLACK_TOKEN,
  type SlackFake,
  serve,
  type ThreatQFake,
} from '@tqalert/fixtures';
import { SqliteStore } from '@tqalert/store-sqlite';
import { type SmtpSink, startSmtpSink } from '@tqalert/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alert, baseConfig, makeSandbox, type Sandbox } from '../test-support.js';
import { runWorker, startWorker, waitFor } from './run-binary.js';

let threatq: ServedFake<ThreatQFake>;
let slack: ServedFake<SlackFake>;
let smtp: SmtpSink;

beforeAll(async () => {
  threatq = await serve((url) =>
    createThreatQFake({
      baseUrl: url,
      objectCount: 10,
      watched: ['indicators:1', 'indicators:2', 'events:1'],
    }),
  );
  slack = await serve((url) => createSlackFake({ baseUrl: `${url}/api/` }));
  smtp = await startSmtpSink();
});
afterEach(() => {
  threatq.fake.reset();
  slack.fake.reset();
  smtp.messages.length = 0;
});
afterAll(async () => {
  await threatq?.close();
  await slack?.close();
  await smtp?.close();
});

const slackNotifier = (channelNames: string[], extra: Record<string, unknown> = {}) => ({
  id: 'slack',
  use: 'slack',
  options: { token: SLACK_TOKEN, channelNames, slackApiUrl: `${slack.url}/api/`, ...extra },
});
const emailNotifier = () => ({
  id: 'mail',
  use: 'email',
  options: { host: smtp.host, port: smtp.port, from: 'tq@example.com', to: ['soc@example.com'] },
});
const threatqConfig = (password = threatq.fake.credentials.password) => ({
  url: threatq.url,
  auth: {
    type: 'password',
    email: threatq.fake.credentials.email,
    password,
    clientId: threatq.fake.credentials.clientId,
  },
});

/** A config with the test list-source service (alerts from a file) routed to `notifiers`. */
function listConfig(
  sb: Sandbox,
  notifiers: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {},
) {
  const config = baseConfig(sb, {
    store: { use: 'sqlite', options: { path: join(sb.dir, 'state.db') } },
    notifiers,
    ...extra,
  });
  const [service] = config.services as Array<Record<string, unknown>>;
  (service as Record<string, unknown>).routes = [{ notify: notifiers.map((n) => n.id) }];
  return config;
}

async function storeOf(sb: Sandbox) {
  const store = new SqliteStore({ path: join(sb.dir, 'state.db') });
  await store.init();
  const pending = await store.listDeliveries({ status: 'pending' });
  const dead = await store.listDeadLetters();
  await store.close();
  return { pending, dead };
}

describe('watchlist rows that name the type in the singular', () => {
  it('alert on a change through the binary (no 404, no dead letters)', async () => {
    threatq.fake.faults.objectTypeSpelling = 'singular';
    const sb = makeSandbox();
    const file = sb.writeConfig({
      threatq: threatqConfig(),
      store: { use: 'sqlite', options: { path: join(sb.dir, 'state.db') } },
      server: { enabled: false },
      log: { level: 'error', format: 'json' },
      notifiers: [slackNotifier(['#tq-alerts'], { ratePerChannelPerSecond: 20 })],
      services: [{ id: 'watchlist', use: 'watchlist', every: '1h', routes: [{ notify: ['slack'] }] }],
    });
    const baseline = await runWorker(['--config', file, '--once']);
    expect(baseline.stdout).toContain('ok   watchlist: fetched 0');
    expect(baseline.code).toBe(0);
    threatq.fake.state.update('indicators', 2, (o) => {
      o.manualScore = 9;
    });
    const next = await runWorker(['--config', file, '--once']);
    expect(next.stdout).toContain('ok   watchlist: fetched 1, enqueued 1');
    expect(next.code).toBe(0);
    expect(slack.fake.state.messagesIn('tq-alerts')).toHaveLength(1);
    expect(threatq.fake.requests.filter((r) => r.path.startsWith('/api/indicator/'))).toEqual([]);
    expect((await storeOf(sb)).dead).toEqual([]);
  }, 60_000);
});

describe('wrong ThreatQ credentials', () => {
  it('fail the poll: --once exits 1, /readyz turns 503 with the reason, no dead letters', async () => {
    const sb = makeSandbox();
    const config = {
      threatq: threatqConfig('wrong-password'),
      store: { use: 'sqlite', options: { path: join(sb.dir, 'state.db') } },
      server: { enabled: true, port: 0 },
      log: { level: 'info', format: 'json' },
      notifiers: [emailNotifier()],
      services: [
        {
          id: 'watched',
          use: 'watchlist',
          every: '1s',
          options: { source: 'config', objects: ['indicators:1', 'indicators:2', 'indicators:3'] },
          routes: [{ notify: ['mail'] }],
        },
      ],
      pipeline: { readiness: { failures: 2 }, dispatch: { baseDelay: '100ms', maxDelay: '1s' } },
    };
    const file = sb.writeConfig(config);
    const once = await runWorker(['--config', file, '--once']);
    expect(once.code).toBe(1);
    expect(once.stdout).toMatch(/FAIL watched: .*ThreatQ refused the password grant/);
    expect((await storeOf(sb)).dead).toEqual([]);

    const worker = await startWorker(file);
    try {
      let body = '';
      const red = await waitFor(async () => {
        const res = await fetch(`${worker.opsUrl}/readyz`);
        body = await res.text();
        return res.status === 503;
      }, 20_000);
      expect(red).toBe(true);
      expect(body).toMatch(
        /not ready: service watched: \d+ failed poll\(s\) in a row \(credentials refused\)/,
      );
      expect(body).not.toContain('wrong-password');
      const metrics = await (await fetch(`${worker.opsUrl}/metrics`)).text();
      expect(metrics).toMatch(/tqalert_poll_failures_total\{service="watched",reason="auth"\} [2-9]/);
    } finally {
      expect(await worker.stop()).toBe(0);
    }
    expect((await storeOf(sb)).dead).toEqual([]);
  }, 60_000);
});

describe('a mistyped Slack channel', () => {
  it('holds only its lane: email delivered on the same poll, Slack pending with the reason; --check exits 2', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1), alert(2), alert(3)]);
    const file = sb.writeConfig(listConfig(sb, [slackNotifier(['#tq-alert']), emailNotifier()]));

    const check = await runWorker(['--config', file, '--check']);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('notifiers[0].options.channelNames[0]');
    expect(check.stderr).toContain('did you mean "#tq-alerts"');

    const once = await runWorker(['--config', file, '--once', '--max-wait', '20s']);
    expect(once.code).toBe(1);
    expect(once.stdout).toContain('ok   feed: fetched 3, enqueued 6');
    expect(once.stdout).toMatch(/pending 3 on slack → #tq-alert: .*did you mean "#tq-alerts"/);
    expect(smtp.messages).toHaveLength(3);
    const { pending, dead } = await storeOf(sb);
    expect(dead).toEqual([]);
    expect(pending.map((d) => [d.notifier, d.destination, d.attempts])).toEqual([
      ['slack', '#tq-alert', 0],
      ['slack', '#tq-alert', 0],
      ['slack', '#tq-alert', 0],
    ]);
    expect(pending[0]?.lastError).toContain('did you mean "#tq-alerts"');
  }, 60_000);
});

describe('Slack held at 1 message per second per channel', () => {
  it('does not hold email back: 100 alerts reach email in under a quarter of the time Slack takes', async () => {
    const sb = makeSandbox();
    const count = 100;
    sb.writeAlerts(Array.from({ length: count }, (_, i) => alert(i + 1)));
    const config = listConfig(sb, [slackNotifier(['#tq-alerts']), emailNotifier()], {
      server: { enabled: true, port: 0 },
      log: { level: 'info', format: 'json' },
    });
    const started = Date.now();
    const worker = await startWorker(sb.writeConfig(config));
    let emailMs = 0;
    let slackMs = 0;
    try {
      const both = await waitFor(() => {
        if (!emailMs && smtp.messages.length >= count) emailMs = Date.now() - started;
        if (!slackMs && slack.fake.state.messagesIn('tq-alerts').length >= count)
          slackMs = Date.now() - started;
        return emailMs > 0 && slackMs > 0;
      }, 200_000);
      expect(both).toBe(true);
    } finally {
      await worker.stop();
    }
    process.stdout.write(
      `lanes: ${count} alerts; email done after ${(emailMs / 1000).toFixed(1)} s, Slack (1/s) after ${(slackMs / 1000).toFixed(1)} s; ratio ${(emailMs / slackMs).toFixed(3)}\n`,
    );
    expect(emailMs / slackMs).toBeLessThan(0.25);
    expect(smtp.messages).toHaveLength(count);
  }, 240_000);
});

describe('429s from Slack', () => {
  it('are counted in /metrics, waited out, and every message arrives once', async () => {
    // A workspace without its own pacing, so the only 429s are the five scripted ones.
    const unpaced = await serve((url) =>
      createSlackFake({ baseUrl: `${url}/api/`, rateLimitPerChannelPerSecond: false }),
    );
    const sb = makeSandbox();
    sb.writeAlerts([alert(1), alert(2), alert(3), alert(4)]);
    unpaced.fake.faults.rateLimit(5, 1, { method: 'chat.postMessage' });
    const notifier = slackNotifier(['#tq-alerts'], {
      ratePerChannelPerSecond: 20,
      slackApiUrl: `${unpaced.url}/api/`,
    });
    const config = listConfig(sb, [notifier], {
      server: { enabled: true, port: 0 },
      log: { level: 'info', format: 'json' },
    });
    const worker = await startWorker(sb.writeConfig(config));
    try {
      expect(await waitFor(() => unpaced.fake.state.messagesIn('tq-alerts').length >= 4, 30_000)).toBe(true);
      const metrics = await (await fetch(`${worker.opsUrl}/metrics`)).text();
      expect(metrics).toContain('tqalert_rate_limited_total{notifier="slack",destination="#tq-alerts"} 5');
      expect(metrics).toContain('tqalert_deliveries_sent_total{notifier="slack",destination="#tq-alerts"} 4');
    } finally {
      await worker.stop();
      await unpaced.close();
    }
    expect(unpaced.fake.state.messagesIn('tq-alerts')).toHaveLength(4);
  }, 60_000);
});
