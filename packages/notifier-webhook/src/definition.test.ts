import {
  assertPluginDefinition,
  type PluginContext,
  Redactor,
  silentLogger,
  validateWithSchema,
} from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { WebhookFormatter } from './webhook-formatter.js';
import { WebhookNotifier } from './webhook-notifier.js';

function context(redactor: Redactor): PluginContext {
  return { id: 'teams-soc', logger: silentLogger, configDir: '/etc/tqalert', clients: {}, redactor };
}

describe('the @tqalert/notifier-webhook plugin definition', () => {
  it('is a notifier plugin the worker accepts by name', () => {
    const definition = assertPluginDefinition({ default: plugin }, 'notifier', {
      path: 'notifiers[0]',
      packageName: '@tqalert/notifier-webhook',
    });
    expect(definition.name).toBe('@tqalert/notifier-webhook');
  });

  it('creates a notifier named by the config id and registers its secrets with the host', async () => {
    const options = {
      url: 'https://prod-01.example.logic.azure.com/workflows/7/invoke?sig=TEAMS-SIG-SECRET',
      format: { style: 'teams' },
      secretHeader: { secret: 'a-signing-secret-of-32-characters' },
    };
    const checked = await validateWithSchema(plugin.options, options, 'notifiers[0].options');
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const redactor = new Redactor();
    const notifier = await plugin.create(checked.value, context(redactor));
    expect(notifier).toBeInstanceOf(WebhookNotifier);
    expect(notifier.name).toBe('teams-soc');
    const formatter = notifier.getFormatter();
    expect(formatter).toBeInstanceOf(WebhookFormatter);
    expect((formatter as WebhookFormatter).style).toBe('teams');
    expect(redactor.text(`posting to ${options.url} signed with a-signing-secret-of-32-characters`)).toBe(
      'posting to [REDACTED] signed with [REDACTED]',
    );
  });

  it('reports bad options with the config path', async () => {
    const checked = await validateWithSchema(
      plugin.options,
      { url: 'http://example.com/x' },
      'notifiers[0].options',
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0]?.path).toBe('notifiers[0].options.url');
  });
});
