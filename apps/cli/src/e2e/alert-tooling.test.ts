import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SLACK_TOKEN } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { writeTestConfig } from './test-config.js';

// The worker's scripted test plugins: a list-backed service and a notifier that appends to a file.
const PLUGINS = fileURLToPath(new URL('../../../worker/test/plugins/', import.meta.url));

function setup(options: { failing?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tqalert-cli-'));
  const alertsFile = join(dir, 'alerts.json');
  const outFile = join(dir, 'out.jsonl');
  const control = join(dir, 'control.json');
  const alerts = [1, 2, 3].map((n) => ({
    id: `a${n}`,
    type: 'DATA_COLLECTION',
    service: 'feed',
    title: `Indicator ${n}`,
    object: { collection: 'indicators', id: n, value: `198.51.100.${n}` },
    occurredAt: '2026-11-23T10:00:00Z',
    score: n * 3,
  }));
  writeFileSync(alertsFile, JSON.stringify(alerts));
  if (options.failing)
    writeFileSync(control, JSON.stringify({ fail: 1000, retryable: true, message: 'HTTP 503 from target' }));
  const config = join(dir, 'tqalert.yaml');
  writeFileSync(
    config,
    [
      '# worker config for the CLI tests',
      'store: { use: sqlite, options: { path: ./state.db } }',
      'server: { enabled: false }',
      'log: { level: error }',
      'notifiers:',
      `  - { id: out, use: "${join(PLUGINS, 'file-notifier.mjs')}", options: { file: "${outFile}", control: "${control}" } }`,
      'services:',
      `  - { id: feed, use: "${join(PLUGINS, 'list-source.mjs')}", every: 1m, options: { file: "${alertsFile}" }, routes: [ { notify: [out] } ] }`,
      'pipeline: { dispatch: { maxAttempts: 2, baseDelay: 10ms, maxDelay: 20ms } }',
    ].join('\n'),
  );
  const delivered = () =>
    readFileSync(outFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((l) => (JSON.parse(l) as { ids: string[] }).ids);
  return { dir, config, delivered, control };
}

describe('tqalert alert tooling against a worker config and its SQLite store', () => {
  it('validate: a good config passes; three mistakes give three errors with paths and exit 2', async () => {
    const { config, dir } = setup();
    const ok = await runCli(['validate', '--config', config]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('is valid: 1 service(s) [feed], 1 notifier(s) [out], store sqlite');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'services:\n  - { id: s, use: watchlist, every: often, routes: [ { notify: [ghost] } ] }\nserver: { port: -1 }\n',
    );
    const result = await runCli(['validate', '--config', bad, '--json']);
    expect(result.code).toBe(2);
    const body = result.json<{ ok: boolean; issues: Array<{ path: string }> }>();
    expect(body.ok).toBe(false);
    expect(body.issues.map((i) => i.path).sort()).toEqual([
      'server.port',
      'services[0].every',
      'services[0].routes[0].notify[0]',
    ]);
  });

  it('run --once --dry-run sends nothing; run --once delivers and a second run sends nothing twice', async () => {
    const { config, delivered } = setup();
    const dry = await runCli(['run', '--once', '--dry-run', '--config', config]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would send 3 deliveries');
    expect(() => delivered()).toThrow();
    const first = await runCli(['run', '--once', '--config', config, '--json']);
    expect(first.code).toBe(0);
    expect(first.json<{ dispatch: { sent: number } }>().dispatch.sent).toBe(3);
    const second = await runCli(['run', '--once', '--config', config]);
    expect(second.code).toBe(0);
    expect(delivered()).toEqual(['a1', 'a2', 'a3']);
  });

  it('outbox list and retry, dead-letters list and replay, across processes on the SQLite file', async () => {
    const { config, delivered, control } = setup({ failing: true });
    const run = await runCli(['run', '--once', '--config', config]);
    expect(run.code).toBe(1);
    const dead = await runCli(['dead-letters', 'list', '--config', config, '--json']);
    const letters = dead.json<{ deadLetters: Array<{ id: string; reason: string; attempts: number }> }>()
      .deadLetters;
    expect(letters).toHaveLength(3);
    expect(letters[0]?.reason).toContain('gave up after 2 attempts');
    expect(letters[0]?.reason).toContain('HTTP 503 from target');
    writeFileSync(control, JSON.stringify({ fail: 0 }));
    const replay = await runCli(['dead-letters', 'replay', '--all', '--config', config]);
    expect(replay.stdout).toContain('3 dead deliveries are back in the outbox');
    const listed = await runCli(['outbox', 'list', '--config', config, '--json']);
    expect(listed.json<{ deliveries: unknown[] }>().deliveries).toHaveLength(3);
    const retried = await runCli(['outbox', 'retry', '--all', '--config', config]);
    expect(retried.code).toBe(0);
    expect((await runCli(['run', '--once', '--config', config])).code).toBe(0);
    expect(delivered().sort()).toEqual(['a1', 'a2', 'a3']);
    const empty = await runCli(['outbox', 'list', '--config', config]);
    expect(empty.stdout).toContain('outbox is empty');
  });

  it('silence add, list and expire; usage errors name the flag and exit 2', async () => {
    const { config } = setup();
    const added = await runCli([
      'silence',
      'add',
      '--value',
      '198.51.100.*',
      '--for',
      '4h',
      '--reason',
      'pen test',
      '--author',
      'ana',
      '--config',
      config,
      '--json',
    ]);
    expect(added.code).toBe(0);
    const id = added.json<{ silence: { id: string } }>().silence.id;
    const list = await runCli(['silence', 'list', '--config', config]);
    expect(list.stdout).toContain('value=198.51.100.*');
    expect(list.stdout).toContain('by ana: pen test');
    const run = await runCli(['run', '--once', '--config', config, '--json']);
    expect(run.json<{ polls: Array<{ suppressed: Record<string, number> }> }>().polls[0]?.suppressed).toEqual(
      { silenced: 3 },
    );
    expect((await runCli(['silence', 'expire', '--id', id, '--config', config])).code).toBe(0);
    const again = await runCli(['silence', 'expire', '--id', id, '--config', config]);
    expect(again.code).toBe(1);
    const missing = await runCli(['silence', 'add', '--for', '4h', '--config', config]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--reason is required');
    const badFor = await runCli([
      'silence',
      'add',
      '--reason',
      'x',
      '--for',
      'forever',
      '--tag',
      't',
      '--config',
      config,
    ]);
    expect(badFor.code).toBe(2);
    expect(badFor.stderr).toContain('--for takes a duration');
  });

  it('test-send delivers a sample alert through one notifier and names an unknown one', async () => {
    const { config, delivered } = setup();
    const sent = await runCli(['test-send', '--config', config, '--notifier', 'out']);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('sent to main');
    expect(delivered()).toEqual(['sample-WATCHLIST-1']);
    const unknown = await runCli(['test-send', '--config', config, '--notifier', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--notifier "nope" is not in the config; notifiers: out');
  });

  it('help, version, unknown commands and flags', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('izoologic send-message');
    const sub = await runCli(['outbox', 'list', '--help']);
    expect(sub.stdout).toContain('Example');
    expect((await runCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    const group = await runCli(['outbox']);
    expect(group.stderr).toContain('"outbox" needs a subcommand: list, retry, purge');
    const flag = await runCli(['validate', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown option --colour for "tqalert validate"');
  });
});

/** A worker config in `dir` with one Slack notifier (`slack`) posting to `channel` on the fake at `slackUrl`. */
function writeSlackConfig(dir: string, slackUrl: string, channel: string, services: string[]): string {
  return writeTestConfig(dir, [
    'notifiers:',
    `  - { id: slack, use: slack, options: { token: "${SLACK_TOKEN}", channelNames: ["${channel}"], slackApiUrl: "${slackUrl}/api/" } }`,
    ...services,
  ]);
}

describe('a Slack channel typo, seen from the CLI', () => {
  it('validate --online names it with did-you-mean (exit 2); outbox list shows the lane waiting with the reason', async () => {
    const { createSlackFake, serve } = await import('@tqalert/fixtures');
    const slack = await serve((url) => createSlackFake({ baseUrl: `${url}/api/` }));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'tqalert-cli-'));
      const alertsFile = join(dir, 'alerts.json');
      writeFileSync(
        alertsFile,
        JSON.stringify([
          {
            id: 'a1',
            type: 'DATA_COLLECTION',
            service: 'feed',
            title: 'Indicator 1',
            occurredAt: '2026-11-23T10:00:00Z',
          },
        ]),
      );
      const config = writeSlackConfig(dir, slack.url, '#tq-alert', [
        'services:',
        `  - { id: feed, use: "${join(PLUGINS, 'list-source.mjs')}", every: 1m, options: { file: "${alertsFile}" }, routes: [ { notify: [slack] } ] }`,
      ]);
      const offline = await runCli(['validate', '--config', config]);
      expect(offline.code).toBe(0);
      const online = await runCli(['validate', '--online', '--config', config]);
      expect(online.code).toBe(2);
      expect(online.stderr).toContain('notifiers[0].options.channelNames[0]');
      expect(online.stderr).toContain('did you mean "#tq-alerts"');
      expect(online.stderr).not.toContain(SLACK_TOKEN);

      const run = await runCli(['run', '--once', '--max-wait', '5s', '--config', config]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/pending 1 on slack → #tq-alert: .*did you mean "#tq-alerts"/);
      const list = await runCli(['outbox', 'list', '--config', config]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(
        /lane slack → #tq-alert\tpending 1\t.*waiting: .*did you mean "#tq-alerts"/,
      );
    } finally {
      await slack.close();
    }
  });
});

describe('test-send to a busy Slack channel', () => {
  it("waits out rate limits past the notifier's own retries, says so on stderr, and posts the sample once", async () => {
    const { createSlackFake, serve } = await import('@tqalert/fixtures');
    const slack = await serve((url) => createSlackFake({ baseUrl: `${url}/api/` }));
    try {
      // Six 429s: one more than the notifier's default maxRateLimitRetries (5) lets it wait out by itself, as when
      // a running worker keeps the channel at its limit.
      slack.fake.faults.rateLimit(6, 1, { method: 'chat.postMessage' });
      const dir = mkdtempSync(join(tmpdir(), 'tqalert-cli-'));
      const config = writeSlackConfig(dir, slack.url, '#tq-alerts', ['services: []']);
      const sent = await runCli(['test-send', '--config', config, '--notifier', 'slack']);
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stderr).toMatch(/slack is rate-limited .*trying again in \d/);
      expect(sent.stdout).toContain('sent to');
      expect(slack.fake.state.messagesIn('#tq-alerts')).toHaveLength(1);
    } finally {
      await slack.close();
    }
  });
});
