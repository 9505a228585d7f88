// 15.3: the outbox, dead-letter and silence tools read the config's store section and nothing else, so a shell
// without the ThreatQ or Slack secrets can still look after the outbox.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** `${NAME}`, written so that it is plainly not a mistaken template literal. */
const ph = (name: string) => `\${${name}}`;

function configNeedingSecrets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tqalert-cli-store-'));
  const file = join(dir, 'tqalert.yaml');
  writeFileSync(
    file,
    [
      'threatq:',
      '  url: https://threatq.example.com',
      `  auth: { type: client_credentials, clientId: tqalert, clientSecret: "${ph('TQ_CLIENT_SECRET')}" }`,
      'store: { use: sqlite, options: { path: ./state.db } }',
      'notifiers:',
      `  - { id: soc, use: slack, options: { token: "${ph('SLACK_BOT_TOKEN')}", channelNames: ["#tq-alerts"] } }`,
      'services:',
      '  - { id: watched, use: watchlist, every: 1m, routes: [ { notify: [soc] } ] }',
    ].join('\n'),
  );
  return file;
}

// Neither secret is set for these runs.
const env = { TQ_CLIENT_SECRET: undefined, SLACK_BOT_TOKEN: undefined };

describe('store-only commands', () => {
  it('15.3 outbox list, dead-letters list and silence add/list need the store, not ThreatQ or Slack secrets', async () => {
    const config = configNeedingSecrets();
    const outbox = await runCli(['outbox', 'list', '--config', config], { env });
    expect(outbox.stderr).toBe('');
    expect(outbox.stdout).toContain('outbox is empty');
    expect(outbox.code).toBe(0);
    const dead = await runCli(['dead-letters', 'list', '--config', config], { env });
    expect([dead.code, dead.stdout.trim()]).toEqual([0, 'no dead letters']);
    const added = await runCli(
      [
        'silence',
        'add',
        '--value',
        '198.51.100.*',
        '--for',
        '1h',
        '--reason',
        'pen test',
        '--config',
        config,
      ],
      { env },
    );
    expect(added.code, added.stderr).toBe(0);
    const listed = await runCli(['silence', 'list', '--config', config, '--json'], { env });
    expect(listed.json<{ silences: Array<{ reason: string }> }>().silences).toMatchObject([
      { reason: 'pen test' },
    ]);
  });

  it('15.3 a command that needs the secrets names each unset one once', async () => {
    const result = await runCli(['validate', '--config', configNeedingSecrets()], { env });
    expect(result.code).toBe(2);
    expect(result.stderr.match(/TQ_CLIENT_SECRET is not set/g)).toHaveLength(1);
    expect(result.stderr.match(/SLACK_BOT_TOKEN is not set/g)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/Too small/);
  });
});
