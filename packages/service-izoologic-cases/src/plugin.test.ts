import { ConfigError, isPluginDefinition, Redactor, silentLogger } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { IZoologicCasesService } from './cases-service.js';
import definition from './index.js';

const context = (clients: Record<string, unknown>) => ({
  id: 'cases-abc',
  logger: silentLogger,
  configDir: '.',
  clients,
  redactor: new Redactor(),
});

describe('the plugin definition', () => {
  it('is a service plugin that builds the service on the worker’s iZoologic client, with the config id', async () => {
    expect(isPluginDefinition(definition)).toBe(true);
    expect(definition.kind).toBe('service');
    const izoologic = { fetchIncidents: async function* () {} };
    const service = await definition.create(
      { id: 'izoologic-cases', lookbackDays: 7, firstRun: 'baseline' },
      context({ izoologic }),
    );
    expect(service).toBeInstanceOf(IZoologicCasesService);
    expect(service.id).toBe('cases-abc');
  });

  it('asks for the izoologic: section when the worker has no iZoologic client', async () => {
    const error = await Promise.resolve()
      .then(() => definition.create({ id: 'x', lookbackDays: 7, firstRun: 'baseline' }, context({})))
      .catch((e: unknown) => e);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('izoologic: section');
  });
});
