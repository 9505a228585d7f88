import { join } from 'node:path';
import {
  assertPluginDefinition,
  type PluginContext,
  Redactor,
  silentLogger,
  validateWithSchema,
} from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import type { PostgresStore } from './postgres-store.js';

const PASSWORD = 's3cret-Pass';

function context(redactor = new Redactor()): PluginContext {
  return { id: 'store', logger: silentLogger, configDir: '/etc/tqalert', clients: {}, redactor };
}

async function create(options: unknown, redactor?: Redactor): Promise<PostgresStore> {
  const checked = await validateWithSchema(plugin.options, options, 'store.options');
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return (await plugin.create(checked.value, context(redactor))) as PostgresStore;
}

describe('the @tqalert/store-postgres plugin definition', () => {
  it('is what the worker finds when it imports the package: a store plugin named after it', async () => {
    const where = { path: 'store', packageName: '@tqalert/store-postgres' };
    expect(assertPluginDefinition(await import('./index.js'), 'store', where)).toBe(plugin);
    expect(plugin.name).toBe(where.packageName);
  });

  it('applies the defaults and registers the password with the redactor, so no log line shows it', async () => {
    const redactor = new Redactor();
    const store = await create({ url: `postgres://tq:${PASSWORD}@db.example.com/alerts` }, redactor);
    expect([store.schema, store.target.sslMode, store.timings]).toEqual([
      'tqalert',
      'verify-full',
      { ttlMs: 15_000, claimMs: 60_000 },
    ]);
    expect(store.target.display).toBe('postgres://tq@db.example.com:5432/alerts');
    expect(redactor.text(`connecting with ${PASSWORD}`)).not.toContain(PASSWORD);
  });

  it('resolves a relative ssl.caFile against the config folder', async () => {
    const store = await create({
      url: 'postgres://tq@db.example.com/alerts',
      ssl: { mode: 'verify-full', caFile: 'certs/ca.pem' },
    });
    expect(store.target.caFile).toBe(join('/etc/tqalert', 'certs', 'ca.pem'));
  });

  it('names the option path of each bad option, including unknown ones', async () => {
    await expect(
      create({ url: 'mysql://x', schema: 'Bad-Name', ssl: { mode: 'prefer' }, poolsize: 3 }),
    ).rejects.toThrow(
      /store\.options\.url: must be a URL such as postgres:[\s\S]*store\.options\.schema[\s\S]*store\.options\.ssl\.mode[\s\S]*poolsize/,
    );
  });
});
