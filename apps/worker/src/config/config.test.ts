import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { configErrorOf, makeSandbox } from '../test-support.js';
import { parseDuration } from './duration.js';
import { loadConfig } from './load-config.js';
import { withPluginIssues } from './plugin-option-issues.js';
import { configJsonSchema } from './schema.js';

describe('config file', () => {
  it('reports three mistakes as three errors with their paths', () => {
    const sb = makeSandbox();
    const file = join(sb.dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'notifiers:',
        '  - id: slack-soc',
        '    use: slack',
        'services:',
        '  - id: watched',
        '    use: watchlist',
        '    every: 5 minutes', // mistake 1: not a duration
        '    routes:',
        '      - notify: [slack-typo]', // mistake 2: unknown notifier
        'server:',
        '  port: 99999', // mistake 3: port out of range
      ].join('\n'),
    );
    const error = configErrorOf(() => loadConfig(file, {}));
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      ['server.port', 'services[0].every', 'services[0].routes[0].notify[0]'].sort(),
    );
    expect(error.message).toContain('3 problems');
    expect(error.message).toContain('unknown notifier "slack-typo" (defined notifiers: slack-soc)');
    expect(error.message).toContain('"5 minutes" is not a duration');
  });

  it('expands env and file references and names what is missing', () => {
    const sb = makeSandbox();
    writeFileSync(join(sb.dir, 'token.txt'), 'xoxb-from-file\n');
    const file = join(sb.dir, 'c.yaml');
    writeFileSync(
      file,
      [
        'notifiers:',
        '  - id: a',
        '    use: slack',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test, not a template.
        '    options: { token: "${file:token.txt}", other: "${MISSING_VAR}", channel: "${CHANNEL}" }',
      ].join('\n'),
    );
    const error = configErrorOf(() => loadConfig(file, { CHANNEL: 'soc' }));
    expect(error.issues).toEqual([
      { path: 'notifiers[0].options.other', message: expect.stringContaining('MISSING_VAR is not set') },
    ]);
    const ok = loadConfig(file, { CHANNEL: 'soc', MISSING_VAR: 'x' });
    expect(ok.config.notifiers[0]?.options).toEqual({ token: 'xoxb-from-file', other: 'x', channel: 'soc' });
    expect(ok.secrets).toContain('xoxb-from-file');
  });

  it('turns a whole numeric or boolean reference into a number or boolean; every other interpolated value is redacted', () => {
    const sb = makeSandbox();
    const file = join(sb.dir, 'n.yaml');
    writeFileSync(
      file,
      [
        'server:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test, not a template.
        '  port: ${OPS_PORT}',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test, not a template.
        '  enabled: "${OPS_ON}"',
        'notifiers:',
        '  - id: m',
        '    use: email',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test, not a template.
        '    options: { host: "${SMTP_HOST}", auth: { user: u, pass: "${SMTP_PASS}" } }',
      ].join('\n'),
    );
    const loaded = loadConfig(file, {
      OPS_PORT: '9999',
      OPS_ON: 'false',
      SMTP_HOST: 'smtp.example.com',
      SMTP_PASS: 'hunter22',
    });
    expect(loaded.config.server).toMatchObject({ port: 9999, enabled: false });
    expect(loaded.secrets).toEqual(['smtp.example.com', 'hunter22']);
  });

  it('explains a missing file and a YAML syntax error', () => {
    expect(configErrorOf(() => loadConfig('/nonexistent/tqalert.yaml', {})).message).toContain(
      'no such file',
    );
    const sb = makeSandbox();
    const file = join(sb.dir, 'broken.yaml');
    writeFileSync(file, 'services:\n  - id: [unclosed\n');
    expect(configErrorOf(() => loadConfig(file, {})).message).toMatch(/YAML syntax/);
  });

  it('requires exactly one of every or cron, and checks cron expressions', () => {
    const sb = makeSandbox();
    const file = join(sb.dir, 'c.json');
    writeFileSync(
      file,
      JSON.stringify({
        notifiers: [{ id: 'n', use: 'slack' }],
        services: [
          { id: 'a', use: 'watchlist', routes: [{ notify: ['n'] }] },
          { id: 'b', use: 'watchlist', cron: 'every tuesday', routes: [{ notify: ['n'] }] },
        ],
      }),
    );
    const error = configErrorOf(() => loadConfig(file, {}));
    expect(error.issues.map((i) => i.path)).toEqual(['services[0].every', 'services[1].cron']);
    expect(error.issues[1]?.message).toContain('invalid cron expression');
  });

  it('parses durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('publishes a JSON Schema that describes services and notifiers', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['services', 'notifiers', 'store', 'threatq']),
    );
  });
});

/** `${SLACK_TOKEN}` written so no linter takes it for a template placeholder. */
const REF = ['$', '{SLACK_TOKEN}'].join('');

describe('every config error in one report', () => {
  it('names an unquoted env reference inside a flow mapping once, with the fix, instead of a dozen YAML errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tqalert-yaml-'));
    const file = join(dir, 'tqalert.yaml');
    writeFileSync(
      file,
      `notifiers:\n  - { id: s, use: slack, options: { token: ${REF}, channelNames: ["#a"] } }\nservices: []\n`,
    );
    const error = (() => {
      try {
        loadConfig(file, {});
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.issues).toEqual([
      {
        path: '(line 2)',
        message: expect.stringContaining(`YAML cannot read an unquoted ${REF} inside { … } or [ … ]`),
      },
    ]);
    expect(error?.issues[0]?.message).toContain(`"${REF}"`);
  });

  it('adds the plugins’ option errors to the schema errors of the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tqalert-round-'));
    const file = join(dir, 'tqalert.yaml');
    writeFileSync(
      file,
      [
        'server: { port: -1 }',
        'notifiers:',
        '  - { id: s, use: slack, options: { token: x, channelNames: [], ratePerChannelPerSecond: 0 } }',
        'services:',
        '  - { id: w, use: watchlist, every: 1m, options: { source: nonsense }, routes: [ { notify: [s] } ] }',
      ].join('\n'),
    );
    let error: unknown;
    try {
      loadConfig(file, {});
    } catch (e) {
      error = await withPluginIssues(e);
    }
    const paths = (error as ConfigError).issues.map((i) => i.path);
    expect(paths).toContain('server.port');
    expect(paths).toContain('notifiers[0].options.ratePerChannelPerSecond');
    expect(paths).toContain('services[0].options.source');
  });
});
