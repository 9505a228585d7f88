import {
  assertPluginDefinition,
  ConfigError,
  type PluginContext,
  Redactor,
  silentLogger,
  validateWithSchema,
} from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { clientFor, useThreatQ } from './test-threatq.js';
import { WatchlistService } from './watchlist-service.js';

const fake = useThreatQ();

function context(clients: Record<string, unknown>): PluginContext {
  return {
    id: 'watched-iocs',
    logger: silentLogger,
    configDir: '/etc/tqalert',
    clients,
    redactor: new Redactor(),
  };
}

describe('the @tqalert/service-watchlist plugin', () => {
  it('is a service plugin the worker accepts by name', () => {
    const definition = assertPluginDefinition({ default: plugin }, 'service', {
      path: 'services[0].use',
      packageName: '@tqalert/service-watchlist',
    });
    expect(definition.name).toBe('@tqalert/service-watchlist');
  });

  it('creates a WatchlistService with the config id and the shared ThreatQ client', async () => {
    const checked = await validateWithSchema(plugin.options, { fields: ['score'] }, 'services[0].options');
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const service = await plugin.create(checked.value, context({ threatq: clientFor(fake) }));
    expect(service).toBeInstanceOf(WatchlistService);
    expect(service.id).toBe('watched-iocs');
    expect((service as WatchlistService).config.fields).toEqual(['score']);
  });

  it('names the config path of a bad option', async () => {
    const checked = await validateWithSchema(plugin.options, { maxObjects: 0 }, 'services[0].options');
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0]?.path).toBe('services[0].options.maxObjects');
  });

  it('says the config needs a threatq: section when there is none', async () => {
    const checked = await validateWithSchema(plugin.options, {}, 'services[0].options');
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    let thrown: unknown;
    try {
      await plugin.create(checked.value, context({}));
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as ConfigError).issues).toEqual([
      { path: 'threatq', message: expect.stringContaining('the worker config needs a threatq: section') },
    ]);
  });
});
