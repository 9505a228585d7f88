import {
  assertPluginDefinition,
  ConfigError,
  type PluginContext,
  Redactor,
  silentLogger,
  validateWithSchema,
} from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { DataCollectionService } from './data-collection-service.js';
import plugin from './index.js';
import { clientFor, useThreatQ } from './test-threatq.js';

const { fake } = useThreatQ();

function context(clients: Record<string, unknown>): PluginContext {
  return {
    id: 'high-risk',
    logger: silentLogger,
    configDir: '/etc/tqalert',
    clients,
    redactor: new Redactor(),
  };
}

async function validOptions(options: unknown) {
  const checked = await validateWithSchema(plugin.options, options, 'services[1].options');
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.value;
}

describe('the @tqalert/service-data-collection plugin', () => {
  it('is a service plugin the worker accepts by name', () => {
    const definition = assertPluginDefinition({ default: plugin }, 'service', {
      path: 'services[1].use',
      packageName: '@tqalert/service-data-collection',
    });
    expect(definition.name).toBe('@tqalert/service-data-collection');
  });

  it('creates a DataCollectionService with the config id and the shared ThreatQ client', async () => {
    const options = await validOptions({ hash: 'abc', overlap: '2m' });
    const service = await plugin.create(options, context({ threatq: clientFor(fake) }));
    expect(service).toBeInstanceOf(DataCollectionService);
    expect(service.id).toBe('high-risk');
    expect((service as DataCollectionService).config.overlap).toBe(120_000);
  });

  it('names the config path of a bad option', async () => {
    const checked = await validateWithSchema(
      plugin.options,
      { hash: 'abc', overlap: 'soon' },
      'services[1].options',
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0]?.path).toBe('services[1].options.overlap');
  });

  it('says the config needs a threatq: section when there is none', async () => {
    const options = await validOptions({ hash: 'abc' });
    let thrown: unknown;
    try {
      await plugin.create(options, context({}));
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as ConfigError).issues).toEqual([
      { path: 'threatq', message: expect.stringContaining('the worker config needs a threatq: section') },
    ]);
  });
});
