import {
  isPluginDefinition,
  type PluginContext,
  Redactor,
  silentLogger,
  validateWithSchema,
} from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { SlackFormatter } from './slack-formatter.js';

const context: PluginContext = {
  id: 'slack-fmt',
  logger: silentLogger,
  configDir: '.',
  clients: {},
  redactor: new Redactor(),
};

describe('default export', () => {
  it('is a formatter plugin named @tqalert/formatter-slack', () => {
    expect(isPluginDefinition(plugin)).toBe(true);
    expect(plugin).toMatchObject({ kind: 'formatter', name: '@tqalert/formatter-slack', apiVersion: 1 });
  });

  it('validates options with defaults and creates a SlackFormatter', async () => {
    const parsed = await validateWithSchema(plugin.options, { type: 'DATA_COLLECTION', defang: false });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const formatter = await plugin.create(parsed.value, context);
    expect(formatter).toBeInstanceOf(SlackFormatter);
    expect((formatter as SlackFormatter).options).toEqual({
      type: 'DATA_COLLECTION',
      defang: false,
      maxBlocks: 50,
      maxBlockChars: 12_000,
      linkStyle: 'button',
      caseActions: [],
    });
  });

  it('reports bad options with their paths', async () => {
    const parsed = await validateWithSchema(
      plugin.options,
      { type: 'WATCHLIST', linkStyle: 'emoji', maxBlockChars: 50_000 },
      'formatters[0].options',
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues.map((i) => i.path).sort()).toEqual([
        'formatters[0].options.linkStyle',
        'formatters[0].options.maxBlockChars',
      ]);
  });
});
