import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { buildRuntime, closeRuntime } from '../runtime/build-runtime.js';
import { BIN, configErrorOf, makeSandbox } from '../test-support.js';
import { loadConfig } from './load-config.js';

/** `${NAME}` as the config file spells it (not a template literal). */
const ref = (name: string) => `\${${name}}`;

/** A config whose `every` and `realert` got a secret by mistake: from the environment and from a file. */
function misplacedSecrets() {
  const sb = makeSandbox();
  writeFileSync(join(sb.dir, 'token.txt'), 'xoxb-file-secret-9\n');
  const file = sb.writeConfig({
    store: { use: 'memory' },
    notifiers: [{ id: 'n', use: 'slack' }],
    services: [{ id: 's', use: 'watchlist', every: ref('TQ_EVERY'), routes: [{ notify: ['n'] }] }],
    pipeline: { realert: ref('file:token.txt') },
  });
  return { file, env: { TQ_EVERY: 'csecret-heldout' } };
}

describe('interpolated values in config errors', () => {
  it('11.5 a config error never prints a value that came from an env or file reference', () => {
    const { file, env } = misplacedSecrets();
    const error = configErrorOf(() => loadConfig(file, env));
    expect(error.message).toContain('services[0].every: "[REDACTED]" is not a duration');
    expect(error.message).toContain('pipeline.realert: "[REDACTED]" is not a duration');
    const printed = `${error.message}\n${JSON.stringify(error.issues)}`;
    expect(printed).not.toContain('csecret-heldout');
    expect(printed).not.toContain('xoxb-file-secret-9');
  });

  it('11.5 tqalert-worker --check prints the redaction, not the secret', () => {
    const { file, env } = misplacedSecrets();
    const run = spawnSync(process.execPath, [BIN, '--config', file, '--check'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('services[0].every: "[REDACTED]" is not a duration');
    expect(run.stderr).not.toContain('csecret-heldout');
    expect(run.stderr).not.toContain('xoxb-file-secret-9');
  });
});

describe('numbers and booleans from references', () => {
  it('11.17 an all-digits or true/false secret stays a string; a number or boolean only where the schema wants one', () => {
    const sb = makeSandbox();
    const file = sb.writeConfig({
      store: { use: 'memory' },
      izoologic: { host: 'api.izoologic.example', apiKey: ref('IZ_KEY'), secretKey: ref('IZ_SECRET') },
      server: { port: ref('OPS_PORT'), enabled: ref('OPS_ON') },
      pipeline: { realert: ref('REALERT_MS') },
    });
    const loaded = loadConfig(file, {
      IZ_KEY: '0071234',
      IZ_SECRET: 'true',
      OPS_PORT: '9999',
      OPS_ON: 'false',
      REALERT_MS: '60000',
    });
    expect(loaded.config.izoologic).toMatchObject({ apiKey: '0071234', secretKey: 'true' });
    expect(loaded.config.server).toMatchObject({ port: 9999, enabled: false });
    expect(loaded.config.pipeline.realert).toBe(60_000);
    // The secrets stay redacted; a port the schema took as a number does not.
    expect(loaded.secrets).toEqual(expect.arrayContaining(['0071234', 'true']));
    expect(loaded.secrets).not.toContain('9999');
  });

  it('11.17 a plugin option is a number only where the plugin’s own schema wants one', async () => {
    const sb = makeSandbox();
    const file = sb.writeConfig({
      store: { use: 'sqlite', options: { path: ref('DB_FILE'), busyTimeoutMs: ref('BUSY_MS') } },
    });
    const loaded = loadConfig(file, { DB_FILE: '0042', BUSY_MS: '2500' });
    const runtime = await buildRuntime(loaded, { logger: silentLogger });
    await closeRuntime(runtime);
    // The path kept its leading zeros (a number would have been refused by the store's schema).
    expect(existsSync(join(sb.dir, '0042'))).toBe(true);
  });
});
