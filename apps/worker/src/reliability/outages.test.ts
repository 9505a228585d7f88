import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createSlackFake, type ServedFake, SLACK_TOKEN, type SlackFake, serve } from '@tqalert/fixtures';
import { SqliteStore } from '@tqalert/store-sqlite';
import { type SmtpSink, startSmtpSink } from '@tqalert/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert, BIN, baseConfig, makeSandbox } from '../test-support.js';
import { report } from './report.js';

const ALERTS = 20;
let slack: ServedFake<SlackFake>;
let smtp: SmtpSink;

beforeAll(async () => {
  slack = await serve((url) =>
    createSlackFake({ baseUrl: `${url}/api/`, rateLimitPerChannelPerSecond: false }),
  );
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await slack?.close();
  await smtp?.close();
});

/** How many times each alert title arrived. */
function counts(texts: string[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (let n = 1; n <= ALERTS; n++) {
    const title = `Indicator ${n} `;
    seen.set(title, texts.filter((t) => `${t} `.includes(title)).length);
  }
  return seen;
}

describe('reliability: Slack answering 429 and 5xx, SMTP down for a while', () => {
  it('delivers every alert exactly once to both after recovery, with no dead letters', async () => {
    const sb = makeSandbox();
    sb.writeAlerts(Array.from({ length: ALERTS }, (_, i) => alert(i + 1)));
    const dbPath = join(sb.dir, 'state.db');
    const config = baseConfig(sb, {
      store: { use: 'sqlite', options: { path: dbPath } },
      log: { level: 'info', format: 'json' },
      notifiers: [
        {
          id: 'slack',
          use: 'slack',
          options: {
            token: SLACK_TOKEN,
            channelNames: ['#tq-alerts'],
            slackApiUrl: `${slack.url}/api/`,
            ratePerChannelPerSecond: 50,
            burstPerChannel: 5,
          },
        },
        {
          id: 'mail',
          use: 'email',
          options: { host: smtp.host, port: smtp.port, from: 'tq@example.com', to: ['soc@example.com'] },
        },
      ],
      pipeline: { dispatch: { baseDelay: '50ms', maxDelay: '400ms', interval: '20ms', maxAttempts: 50 } },
    });
    const service = (config.services as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    service.routes = [{ notify: ['slack', 'mail'] }];
    // Slack: 6 rate-limited answers with Retry-After, then 4 server errors; SMTP: down at the start.
    slack.fake.faults.rateLimit(6, 1, { method: 'chat.postMessage' });
    slack.fake.faults.serverError(4, 503, { method: 'chat.postMessage' });
    smtp.faults.down();
    const child = spawn(process.execPath, [BIN, '--config', sb.writeConfig(config)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (c: Buffer) => {
      log += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // SMTP comes back after a while; the worker must have retried meanwhile.
    await new Promise((r) => setTimeout(r, 2500));
    const retriesWhileDown = (log.match(/delivery failed, will retry/g) ?? []).length;
    smtp.faults.up();
    const deadline = Date.now() + 60_000;
    const done = () =>
      slack.fake.state.messagesIn('C0TQALERTS1').length >= ALERTS && smtp.messages.length >= ALERTS;
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const slackCounts = counts(slack.fake.state.messagesIn('C0TQALERTS1').map((m) => m.text ?? ''));
    const mailCounts = counts(smtp.messages.map((m) => m.subject ?? ''));
    const store = new SqliteStore({ path: dbPath });
    await store.init();
    const dead = await store.listDeadLetters();
    const pending = await store.listDeliveries({ status: 'pending' });
    await store.close();
    report('outages', {
      alerts: ALERTS,
      slackDelivered: [...slackCounts.values()].filter((c) => c > 0).length,
      mailDelivered: [...mailCounts.values()].filter((c) => c > 0).length,
      retriesWhileSmtpDown: retriesWhileDown,
      deadLetters: dead.length,
    });
    expect(retriesWhileDown).toBeGreaterThan(0);
    // Every scripted 429 and 503 was actually served to the worker.
    expect(slack.fake.faults.remaining('rateLimit', { method: 'chat.postMessage' })).toBe(0);
    expect(slack.fake.faults.remaining('serverError', { method: 'chat.postMessage' })).toBe(0);
    expect([...slackCounts.values()]).toEqual(Array(ALERTS).fill(1));
    expect([...mailCounts.values()]).toEqual(Array(ALERTS).fill(1));
    expect(dead).toEqual([]);
    expect(pending).toEqual([]);
  }, 90_000);
});
