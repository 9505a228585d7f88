import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configErrorOf as errorOf, makeSandbox } from '../test-support.js';
import { parseDuration } from './duration.js';
import { loadConfig } from './load-config.js';
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
    const error = errorOf(() => loadConfig(file, {}));
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
    const error = errorOf(() => loadConfig(file, { CHANNEL: 'soc' }));
    expect(error.issues).toEqual([
      { path: 'notifiers[0].options.other', message: expect.stringContaining('MISSING_VAR is not set') },
    ]);
    const ok = loadConfig(file, { CHANNEL: 'soc', MISSING_VAR: 'x' });
    expect(ok.config.notifiers[0]?.options).toEqual({ token: 'xoxb-from-file', other: 'x', channel: 'soc' });
    expect(ok.secrets).toContain('xoxb-from-file');
  });

  it('turns a whole numeric or boolean reference into a number or boolean; only secret keys are redacted', () => {
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
    expect(loaded.secrets).toEqual(['hunter22']);
  });

  it('explains a missing file and a YAML syntax error', () => {
    expect(errorOf(() => loadConfig('/nonexistent/tqalert.yaml', {})).message).toContain('no such file');
    const sb = makeSandbox();
    const file = join(sb.dir, 'broken.yaml');
    writeFileSync(file, 'services:\n  - id: [unclosed\n');
    expect(errorOf(() => loadConfig(file, {})).message).toMatch(/YAML syntax/);
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
    const error = errorOf(() => loadConfig(file, {}));
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
