import { join } from 'node:path';
import {
  assertPluginDefinition,
  type PluginContext,
  Redactor,
  silentLogger,
  validateWithSchema,
} from '@tqalert/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from './__tests__/sample-data.js';
import plugin from './index.js';
import type { SqliteStore } from './sqlite-store.js';

const folder = tempFolder();
afterAll(() => folder.cleanup());

function context(configDir: string): PluginContext {
  return { id: 'store', logger: silentLogger, configDir, clients: {}, redactor: new Redactor() };
}

async function create(options: unknown, configDir = folder.dir): Promise<SqliteStore> {
  const checked = await validateWithSchema(plugin.options, options, 'store.options');
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return (await plugin.create(checked.value, context(configDir))) as SqliteStore;
}

describe('the @tqalert/store-sqlite plugin definition', () => {
  it('is what the worker finds when it imports the package: a store plugin named after it', async () => {
    const where = { path: 'store', packageName: '@tqalert/store-sqlite' };
    expect(assertPluginDefinition(await import('./index.js'), 'store', where)).toBe(plugin);
    expect(plugin.name).toBe(where.packageName);
  });

  it('resolves the default path against the config folder, not the working directory', async () => {
    const store = await create({});
    expect(store.path).toBe(join(folder.dir, 'tqalert.db'));
    await store.init();
    await store.close();
  });

  it('resolves a relative path against the config folder and keeps an absolute one and :memory:', async () => {
    expect((await create({ path: 'data/x.db' })).path).toBe(join(folder.dir, 'data', 'x.db'));
    expect((await create({ path: '/var/lib/tqalert/x.db' })).path).toBe('/var/lib/tqalert/x.db');
    const memory = await create({ path: ':memory:' });
    expect(memory.durable).toBe(false);
  });

  it('names the option path of each bad option, including unknown ones', async () => {
    await expect(create({ path: '', busyTimeoutMs: 1.5, pth: 'typo.db' })).rejects.toThrow(
      /store\.options\.path: must be a file path[\s\S]*store\.options\.busyTimeoutMs[\s\S]*pth/,
    );
  });
});
