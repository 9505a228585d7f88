// 15.7: `tqalert preview` shows what the worker would send for the config: the same routes (`when`), digest
// windows and silences, on live data from the service; sample alerts only with --sample.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { writeTestConfig } from './test-config.js';

const PLUGINS = fileURLToPath(new URL('../../../worker/test/plugins/', import.meta.url));

interface PreviewJson {
  fetched: number;
  suppressed: Record<string, number>;
  previews: Array<{
    notifier: string;
    destinations: string[];
    digest: boolean;
    sendAt: string;
    alerts: string[];
  }>;
}

/** A service with two alerts (scores 5 and 9): every alert to `chat`, score 8 and up to `mail` in a 1h digest. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tqalert-preview-plan-'));
  const alerts = [5, 9].map((score, i) => ({
    id: `a${i + 1}`,
    type: 'DATA_COLLECTION',
    service: 'feed',
    title: `Indicator 198.51.100.${i + 1}`,
    object: { collection: 'indicators', id: i + 1, value: `198.51.100.${i + 1}` },
    occurredAt: '2026-11-23T10:00:00Z',
    score,
  }));
  writeFileSync(join(dir, 'alerts.json'), JSON.stringify(alerts));
  const notifier = (id: string) =>
    `  - { id: ${id}, use: "${join(PLUGINS, 'file-notifier.mjs')}", options: { file: "${join(dir, `${id}.jsonl`)}", destinations: ["${id}-1"] } }`;
  const config = writeTestConfig(dir, [
    'notifiers:',
    notifier('chat'),
    notifier('mail'),
    'services:',
    `  - id: feed`,
    `    use: "${join(PLUGINS, 'list-source.mjs')}"`,
    '    every: 1m',
    `    options: { file: "${join(dir, 'alerts.json')}" }`,
    '    routes:',
    '      - notify: [chat]',
    '      - { notify: [mail], when: { minScore: 8 }, digest: { window: 1h } }',
  ]);
  return { dir, config };
}

const preview = async (config: string, ...extra: string[]) => {
  const result = await runCli(['preview', '--config', config, '--service', 'feed', '--json', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<PreviewJson>();
};

describe('tqalert preview', () => {
  it('15.7 follows the routes and digest windows of the config, on the service’s live alerts', async () => {
    const { config } = setup();
    const body = await preview(config);
    expect(body.fetched).toBe(2);
    const chat = body.previews.filter((p) => p.notifier === 'chat');
    expect(chat.map((p) => [p.alerts, p.digest, p.destinations])).toEqual([
      [['a1'], false, ['chat-1']],
      [['a2'], false, ['chat-1']],
    ]);
    // Only the score-9 alert passes `when: { minScore: 8 }`, held for the end of its hour-long digest window.
    const mail = body.previews.filter((p) => p.notifier === 'mail');
    expect(mail.map((p) => [p.alerts, p.digest])).toEqual([[['a2'], true]]);
    expect(new Date(mail[0]?.sendAt as string).getUTCMinutes()).toBe(0);
  });

  it('15.7 leaves out silenced alerts and says why, as the worker would', async () => {
    const { config } = setup();
    const silenced = await runCli([
      'silence',
      'add',
      '--value',
      '198.51.100.2',
      '--for',
      '1h',
      '--reason',
      'test',
      '--config',
      config,
    ]);
    expect(silenced.code, silenced.stderr).toBe(0);
    const body = await preview(config);
    expect(body.previews.flatMap((p) => p.alerts)).toEqual(['a1']);
    expect(body.suppressed).toEqual({ silenced: 1 });
    const text = await runCli(['preview', '--config', config, '--service', 'feed']);
    expect(text.stdout).toContain(
      'feed: 2 alert(s) from ThreatQ now; 1 message(s) would be sent; not sent: silenced 1',
    );
    expect(text.stdout).toContain('Indicator 198.51.100.1 → chat (now)');
  });

  it('15.7 shows no sample alerts unless asked: nothing new means nothing to send', async () => {
    const { config } = setup();
    const run = await runCli(['run', '--once', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    const body = await preview(config);
    expect([body.fetched, body.previews]).toEqual([0, []]);
    const text = await runCli(['preview', '--config', config, '--service', 'feed']);
    expect(text.stdout).toContain('nothing new to send now; --sample shows the messages for sample alerts');
    expect(text.stdout).not.toContain('[TEST]');
    // --sample: three sample alerts (score 7) through the same routes: chat only, none reaches mail's minScore.
    const sample = await preview(config, '--sample');
    expect(sample.previews.map((p) => p.notifier)).toEqual(['chat', 'chat', 'chat']);
  });
});
