// Helpers for the worker's own tests: temp folders with a config, the scripted test plugins, reading what the
// file notifier delivered.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AlertInput, ConfigError } from '@tqalert/core';

export const PLUGINS = fileURLToPath(new URL('../test/plugins/', import.meta.url));
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export interface Sandbox {
  dir: string;
  alertsFile: string;
  outFile: string;
  controlFile: string;
  failFile: string;
  writeAlerts(alerts: unknown[]): void;
  writeConfig(config: Record<string, unknown>): string;
  delivered(): Array<{ destination: string; ids: string[]; thread: string | null }>;
  script(control: { fail: number; retryable: boolean; retryAfter?: number; message?: string }): void;
}

export function makeSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'tqalert-worker-'));
  const alertsFile = join(dir, 'alerts.json');
  const outFile = join(dir, 'delivered.jsonl');
  const controlFile = join(dir, 'control.json');
  const failFile = join(dir, 'fail.txt');
  writeFileSync(alertsFile, '[]');
  return {
    dir,
    alertsFile,
    outFile,
    controlFile,
    failFile,
    writeAlerts: (alerts) => writeFileSync(alertsFile, JSON.stringify(alerts)),
    writeConfig: (config) => {
      const file = join(dir, 'tqalert.json');
      writeFileSync(file, JSON.stringify(config, null, 2));
      return file;
    },
    delivered: () =>
      existsSync(outFile)
        ? readFileSync(outFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [],
    script: (control) => writeFileSync(controlFile, JSON.stringify(control)),
  };
}

/** A worker config using the test plugins: one list-source service routed to one file notifier. */
export function baseConfig(sb: Sandbox, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    store: { use: 'memory' },
    server: { enabled: false },
    log: { level: 'error', format: 'json' },
    notifiers: [
      {
        id: 'out',
        use: join(PLUGINS, 'file-notifier.mjs'),
        options: { file: sb.outFile, control: sb.controlFile },
      },
    ],
    services: [
      {
        id: 'feed',
        use: join(PLUGINS, 'list-source.mjs'),
        every: '1h',
        options: { file: sb.alertsFile, failFile: sb.failFile },
        routes: [{ notify: ['out'] }],
      },
    ],
    pipeline: { dispatch: { baseDelay: '10ms', maxDelay: '50ms', interval: '20ms' } },
    ...overrides,
  };
}

/** A valid alert candidate. */
export function alert(n: number, extra: Partial<AlertInput> = {}): AlertInput {
  return {
    id: `a${n}`,
    type: 'DATA_COLLECTION',
    service: 'feed',
    title: `Indicator ${n}`,
    object: { collection: 'indicators', id: n, value: `198.51.100.${n % 255}` },
    occurredAt: '2026-11-23T10:00:00Z',
    score: 5,
    ...extra,
  };
}

function entryOf(
  config: Record<string, unknown>,
  key: 'services' | 'notifiers',
  index: number,
): Record<string, unknown> {
  const list = config[key] as Array<Record<string, unknown>> | undefined;
  const entry = list?.[index];
  if (!entry) throw new Error(`the test config has no ${key}[${index}]`);
  return entry;
}

/** The i-th service entry of a test config, to adjust it in place. */
export const serviceOf = (config: Record<string, unknown>, index = 0) => entryOf(config, 'services', index);
/** The i-th notifier entry of a test config, to adjust it in place. */
export const notifierOf = (config: Record<string, unknown>, index = 0) => entryOf(config, 'notifiers', index);

/** The ConfigError `fn` throws; anything else (or nothing) fails the test. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
