import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import {
  assertPluginDefinition,
  defineFormatter,
  defineNotifier,
  defineService,
  defineStore,
  isPluginDefinition,
  PLUGIN_API_VERSION,
} from './plugin.js';
import { InboxNotifier, thrownBy } from './test-parts.js';

const teams = defineNotifier({
  name: '@acme/tqalert-notifier-teams',
  options: z.object({ webhook: z.string() }),
  create: (options, context) => new InboxNotifier(context.id, [options.webhook]),
});

/** A definition as a second copy of core would build it: a plain object carrying the `Symbol.for` brand. */
function handBuilt(overrides: Record<string, unknown> = {}): Record<string | symbol, unknown> {
  return {
    [Symbol.for('tqalert.plugin')]: true,
    apiVersion: 1,
    kind: 'notifier',
    name: '@acme/other-copy',
    options: z.object({}),
    create: () => new InboxNotifier('x'),
    ...overrides,
  };
}

const where = { path: 'notifiers[2].use', packageName: '@acme/tqalert-notifier-teams' };

function configErrorOf(run: () => unknown): ConfigError {
  return thrownBy(run, (e) => ConfigError.isInstance(e));
}

describe('define*', () => {
  it('brands a frozen definition with the kind and the API version', () => {
    expect(isPluginDefinition(teams)).toBe(true);
    expect(teams.kind).toBe('notifier');
    expect(teams.apiVersion).toBe(PLUGIN_API_VERSION);
    expect(Object.isFrozen(teams)).toBe(true);
    const make = { name: 'p', options: z.object({}), create: () => ({}) as never };
    expect(defineFormatter(make).kind).toBe('formatter');
    expect(defineService(make).kind).toBe('service');
    expect(defineStore(make).kind).toBe('store');
  });
});

describe('isPluginDefinition', () => {
  it('recognises a definition built by another copy of core', () => {
    expect(isPluginDefinition(handBuilt())).toBe(true);
  });

  it('says no to lookalikes', () => {
    expect(isPluginDefinition(null)).toBe(false);
    expect(isPluginDefinition({ kind: 'notifier', apiVersion: 1, name: 'x' })).toBe(false);
    expect(isPluginDefinition(handBuilt({ [Symbol.for('tqalert.plugin')]: 'true' }))).toBe(false);
    expect(isPluginDefinition(() => teams)).toBe(false);
  });
});

describe('assertPluginDefinition', () => {
  it('accepts the definition itself and a module namespace with it as default', () => {
    expect(assertPluginDefinition(teams, 'notifier', where)).toBe(teams);
    expect(assertPluginDefinition({ default: teams, helper: 1 }, 'notifier', where)).toBe(teams);
  });

  it('unwraps a CommonJS default inside an ESM namespace, and a single named definition', () => {
    expect(assertPluginDefinition({ default: { default: teams } }, 'notifier', where)).toBe(teams);
    expect(assertPluginDefinition({ teamsNotifier: teams, VERSION: '1.0.0' }, 'notifier', where)).toBe(teams);
  });

  it('accepts a hand-built definition from another copy of core', () => {
    const other = handBuilt();
    expect(assertPluginDefinition({ default: other }, 'notifier', where)).toBe(other);
  });

  it('refuses a module that exports no plugin, naming the package, the path and the fix', () => {
    const error = configErrorOf(() => assertPluginDefinition({ default: { send() {} } }, 'notifier', where));
    expect(error.issues).toEqual([
      {
        path: 'notifiers[2].use',
        message:
          'package "@acme/tqalert-notifier-teams" does not export a TQ Alert plugin: its default export must come from defineNotifier() of @tqalert/core',
      },
    ]);
    expect(error.message).toContain('notifiers[2].use: package "@acme/tqalert-notifier-teams"');
  });

  it('refuses another plugin API version and says which to install', () => {
    const error = configErrorOf(() =>
      assertPluginDefinition(handBuilt({ apiVersion: 2 }), 'notifier', where),
    );
    expect(error.issues[0]?.path).toBe('notifiers[2].use');
    expect(error.issues[0]?.message).toContain('speaks plugin apiVersion 2, this worker speaks 1');
    expect(error.issues[0]?.message).toContain('@acme/tqalert-notifier-teams');
  });

  it('refuses a plugin of the wrong kind', () => {
    const formatter = defineFormatter({ name: 'f', options: z.object({}), create: () => ({}) as never });
    const error = configErrorOf(() => assertPluginDefinition({ default: formatter }, 'notifier', where));
    expect(error.issues[0]?.message).toMatch(
      /^package "@acme\/tqalert-notifier-teams" is a formatter plugin, but a notifier is expected here/,
    );
  });

  it('says so when a module exports several definitions by name and none as default', () => {
    const other = defineNotifier({
      name: 'second',
      options: z.object({}),
      create: () => new InboxNotifier('y'),
    });
    const error = configErrorOf(() => assertPluginDefinition({ a: teams, b: other }, 'notifier', where));
    expect(error.issues[0]?.message).toContain('exports 2 plugin definitions by name');
    expect(error.issues[0]?.message).toContain('make the notifier the default export');
  });

  it('refuses a non-object export', () => {
    const error = configErrorOf(() => assertPluginDefinition(undefined, 'store', where));
    expect(error.issues[0]?.message).toContain('defineStore()');
  });
});
