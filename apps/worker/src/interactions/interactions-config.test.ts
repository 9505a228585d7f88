import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '@tqalert/core';
import type { SlackFormatter } from '@tqalert/formatter-slack';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { buildRuntime, closeRuntime } from '../runtime/build-runtime.js';
import { configErrorOf, makeSandbox } from '../test-support.js';
import { offeredActions } from './interactions-config.js';

/** A config file with a Slack notifier and `interactions`, written as YAML lines. */
function configWith(interactions: string[]): string {
  const sb = makeSandbox();
  const file = join(sb.dir, 'tqalert.yaml');
  const lines = [
    'store: { use: memory }',
    'server: { enabled: false }',
    'notifiers:',
    '  - id: soc',
    '    use: slack',
    '    options: { token: xoxb-test-token, channelNames: [tq-alerts] }',
    '    formatter: { use: slack, options: { type: IZOOLOGIC_CASE } }',
    ...(interactions.length > 0
      ? ['izoologic: { host: "https://izoologic.test", apiKey: k, secretKey: s }', ...interactions]
      : []),
  ];
  writeFileSync(file, lines.join('\n'));
  return file;
}

const ENV = { SLACK_BOT_TOKEN: 'xoxb-secret-bot', SLACK_APP_TOKEN: 'xapp-secret-app' };
const ENV_REFS = [
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test, not a template.
  '  botToken: ${SLACK_BOT_TOKEN}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test, not a template.
  '  appToken: ${SLACK_APP_TOKEN}',
];

describe('interactions: in the worker config', () => {
  it('defaults to Socket Mode and to nobody allowed; tokens from env references are secrets', () => {
    const loaded = loadConfig(configWith(['interactions:', ...ENV_REFS]), ENV);
    expect(loaded.config.interactions).toMatchObject({ mode: 'socket', allow: { approveCaseTakedown: [] } });
    expect(offeredActions(loaded.config.interactions)).toEqual([]);
    expect(loaded.secrets).toEqual(expect.arrayContaining(['xoxb-secret-bot', 'xapp-secret-app']));
  });

  it('names each mistake by its path, without echoing secrets', () => {
    const error = configErrorOf(() =>
      loadConfig(
        configWith([
          'interactions:',
          '  botToken: not-a-bot-token',
          '  slackApiUrl: http://slack-proxy.example/api/',
          '  allow:',
          '    approveCaseTakedown: [alice, U0ZACH00001, "@secops", bob@example.com]',
          '    closeCase: [U0ZACH00001]',
        ]),
        {},
      ),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      [
        'interactions.allow',
        'interactions.allow.approveCaseTakedown[0]',
        'interactions.appToken',
        'interactions.botToken',
        'interactions.slackApiUrl',
      ].sort(),
    );
    expect(error.issues.find((i) => i.path === 'interactions.appToken')?.message).toContain('xapp-');
    expect(error.message).not.toContain('not-a-bot-token');
  });

  it('needs the izoologic: section to act with', () => {
    const sb = makeSandbox();
    const file = join(sb.dir, 'no-izoo.yaml');
    writeFileSync(
      file,
      ['store: { use: memory }', 'interactions:', '  botToken: xoxb-x', '  appToken: xapp-x'].join('\n'),
    );
    expect(configErrorOf(() => loadConfig(file, {})).issues).toEqual([
      { path: 'interactions', message: expect.stringContaining('need the izoologic: section') },
    ]);
  });

  it('HTTP mode needs the signing secret', () => {
    const error = configErrorOf(() =>
      loadConfig(configWith(['interactions:', '  mode: http', '  botToken: xoxb-x']), {}),
    );
    expect(error.issues).toEqual([
      { path: 'interactions.signingSecret', message: expect.stringContaining('Signing Secret') },
    ]);
  });

  it('the Slack formatter offers buttons for exactly the actions someone may run', async () => {
    const allowed = loadConfig(
      configWith(['interactions:', ...ENV_REFS, '  allow:', '    markAsReviewed: ["@secops"]']),
      ENV,
    );
    const runtime = await buildRuntime(allowed, { logger: silentLogger, openStore: false });
    const formatter = runtime.notifiers.get('soc')?.getFormatter() as SlackFormatter;
    expect(formatter.options.caseActions).toEqual(['markAsReviewed']);
    await closeRuntime(runtime);

    const nobody = await buildRuntime(loadConfig(configWith([]), {}), {
      logger: silentLogger,
      openStore: false,
    });
    const plain = nobody.notifiers.get('soc')?.getFormatter() as SlackFormatter;
    expect(plain.options.caseActions).toEqual([]);
    await closeRuntime(nobody);
  });
});
