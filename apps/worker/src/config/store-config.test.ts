import { describe, expect, it } from 'vitest';
import { configErrorOf, makeSandbox } from '../test-support.js';
import { loadConfig } from './load-config.js';
import { loadStoreConfig } from './load-store-config.js';

/** `${NAME}`, written so that it is plainly not a mistaken template literal. */
const ph = (name: string) => `\${${name}}`;

const issuesOf = (fn: () => unknown) => [...configErrorOf(fn).issues];

const SQLITE = { use: 'sqlite', options: { path: './state.db' } };

/** A full config whose ThreatQ and Slack secrets come from the environment. */
function writeConfig(store: Record<string, unknown> = SQLITE): string {
  return makeSandbox().writeConfig({
    threatq: {
      url: 'https://threatq.example.com',
      auth: { type: 'client_credentials', clientId: 'tqalert', clientSecret: ph('TQ_CLIENT_SECRET') },
    },
    store,
    notifiers: [
      { id: 'soc', use: 'slack', options: { token: ph('SLACK_BOT_TOKEN'), channelNames: ['#tq-alerts'] } },
    ],
  });
}

describe('config errors', () => {
  it('reports an unset environment variable once, without a second "Too small" line for the same key', () => {
    const issues = issuesOf(() => loadConfig(writeConfig(), { SLACK_BOT_TOKEN: 'xoxb-1' }));
    expect(issues).toEqual([
      {
        path: 'threatq.auth.clientSecret',
        message: 'environment variable TQ_CLIENT_SECRET is not set: export it or write the value in the file',
      },
    ]);
  });
});

describe('loadStoreConfig (the outbox, dead-letter and silence tools)', () => {
  it('reads the store without needing the ThreatQ or Slack secrets', () => {
    const file = writeConfig();
    const loaded = loadStoreConfig(file, {});
    expect(loaded.config.store).toEqual({
      use: 'sqlite',
      options: { path: './state.db' },
      retention: 14 * 86_400_000,
    });
    expect(loaded.file).toBe(file);
  });

  it('still reports what is wrong in the store section, once per key', () => {
    const file = writeConfig({ use: ph('STORE_PLUGIN'), options: { path: ph('file:./missing') } });
    expect(issuesOf(() => loadStoreConfig(file, {}))).toEqual([
      {
        path: 'store.use',
        message: 'environment variable STORE_PLUGIN is not set: export it or write the value in the file',
      },
      {
        path: 'store.options.path',
        message: expect.stringMatching(/^cannot read \$\{file:\.\/missing\} \(ENOENT\)/),
      },
    ]);
  });

  it('keeps secrets of the store section for scrubbing', () => {
    const file = writeConfig({ use: 'sqlite', options: { path: './state.db', key: ph('STORE_KEY') } });
    expect(loadStoreConfig(file, { STORE_KEY: 'hush-1234' }).secrets).toEqual(['hush-1234']);
  });
});
