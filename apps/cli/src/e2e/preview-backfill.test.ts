import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlackFake, type ServedFake, SLACK_TOKEN, type SlackFake, serve } from '@tqalert/fixtures';
import { type SmtpSink, startSmtpSink } from '@tqalert/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const PLUGINS = fileURLToPath(new URL('../../../worker/test/plugins/', import.meta.url));
let slack: ServedFake<SlackFake>;
let smtp: SmtpSink;
let dir: string;
let config: string;

beforeAll(async () => {
  slack = await serve((url) =>
    createSlackFake({ baseUrl: `${url}/api/`, rateLimitPerChannelPerSecond: false }),
  );
  smtp = await startSmtpSink();
  dir = mkdtempSync(join(tmpdir(), 'tqalert-preview-'));
  const alerts = Array.from({ length: 5 }, (_, i) => ({
    id: `dc-${i + 1}`,
    type: 'DATA_COLLECTION',
    service: 'feed',
    title: `New match 203.0.113.${i + 1}`,
    object: { collection: 'indicators', id: i + 1, value: `203.0.113.${i + 1}` },
    occurredAt: '2026-11-20T10:00:00Z',
    score: 7,
  }));
  writeFileSync(join(dir, 'alerts.json'), JSON.stringify(alerts));
  config = join(dir, 'tqalert.yaml');
  writeFileSync(
    config,
    [
      'store: { use: sqlite, options: { path: ./state.db } }',
      'notifiers:',
      `  - { id: soc-slack, use: slack, options: { token: "${SLACK_TOKEN}", channelNames: ["#tq-alerts"], slackApiUrl: "${slack.url}/api/", ratePerChannelPerSecond: 50 } }`,
      `  - { id: soc-mail, use: email, options: { host: "${smtp.host}", port: ${smtp.port}, from: tq@example.com, to: [soc@example.com] } }`,
      'services:',
      `  - { id: feed, use: "${join(PLUGINS, 'list-source.mjs')}", every: 1m, options: { file: ./alerts.json }, routes: [ { notify: [soc-slack, soc-mail] } ] }`,
    ].join('\n'),
  );
});
afterAll(async () => {
  await slack?.close();
  await smtp?.close();
});

describe('tqalert preview, test-send and backfill with the real Slack and email plugins', () => {
  it('preview --sample prints Block Kit JSON with a Block Kit Builder link and writes the email HTML', async () => {
    const out = join(dir, 'preview');
    const r = await runCli(
      ['preview', '--config', config, '--service', 'feed', '--sample', '--out', out, '--json'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const body = r.json<{
      previews: Array<{
        notifier: string;
        kind: string;
        parts?: Array<{ blocks: unknown[]; builderUrl: string }>;
        messages?: Array<{ file: string; subject: string }>;
      }>;
    }>();
    const slackPreview = body.previews.find((p) => p.notifier === 'soc-slack');
    expect(slackPreview?.kind).toBe('slack');
    expect(slackPreview?.parts?.[0]?.blocks.length).toBeGreaterThan(0);
    expect(slackPreview?.parts?.[0]?.builderUrl).toMatch(
      /^https:\/\/app\.slack\.com\/block-kit-builder\/#%7B%22blocks%22/,
    );
    const mail = body.previews.find((p) => p.notifier === 'soc-mail');
    expect(mail?.kind).toBe('email');
    const file = mail?.messages?.[0]?.file as string;
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('203[.]0[.]113'); // IOCs are defanged in mail too
    // Nothing was sent by a preview.
    expect(slack.fake.state.messages).toHaveLength(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('preview without --sample polls the service and shows its real alerts, still sending nothing', async () => {
    const r = await runCli(['preview', '--config', config, '--service', 'feed', '--out', join(dir, 'p2')], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# soc-slack: Slack');
    expect(r.stdout).toContain('Open in Block Kit Builder: https://app.slack.com/block-kit-builder/#');
    expect(r.stdout).toContain('203[.]0[.]113[.]1');
    expect(slack.fake.state.messages).toHaveLength(0);
  });

  it('test-send posts a [TEST] alert to Slack', async () => {
    const r = await runCli(['test-send', '--config', config, '--notifier', 'soc-slack'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(slack.fake.state.messagesIn('C0TQALERTS1').at(-1)?.text).toContain('[TEST]');
  });

  it('backfill --since delivers the period with progress lines, and the cursor stays put', async () => {
    const before = slack.fake.state.messagesIn('C0TQALERTS1').length;
    const r = await runCli(['backfill', '--config', config, '--service', 'feed', '--since', '7d', '--json'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, found: 5, enqueued: 10, sent: 10, dead: 0 });
    expect(r.stderr).toMatch(/delivering: \d+\/10/);
    expect(slack.fake.state.messagesIn('C0TQALERTS1').length).toBe(before + 5);
    expect(smtp.messages).toHaveLength(5);
    // A regular run afterwards starts from the (unmoved) cursor, and dedup keeps the backfilled alerts out.
    const run = await runCli(['run', '--once', '--config', config, '--json'], { cwd: dir });
    expect(run.json<{ polls: Array<{ fetched: number; enqueued: number }> }>().polls[0]).toMatchObject({
      fetched: 5,
      enqueued: 0,
    });
    const badSince = await runCli(
      ['backfill', '--config', config, '--service', 'feed', '--since', 'last week'],
      { cwd: dir },
    );
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toContain('--since takes a duration');
  });
});
