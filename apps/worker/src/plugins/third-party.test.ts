import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alert, BIN, makeSandbox, PLUGINS } from '../test-support.js';
import { installThirdPartyNotifier } from './test-packages.js';

describe('a third-party notifier package', () => {
  it('loads by package name from the config folder, with its own copy of core, and delivers', () => {
    const sb = makeSandbox();
    installThirdPartyNotifier(sb.dir);
    sb.writeAlerts([alert(1), alert(2)]);
    const out = join(sb.dir, 'pager.txt');
    const config = sb.writeConfig({
      store: { use: 'memory' },
      server: { enabled: false },
      log: { level: 'error' },
      notifiers: [{ id: 'pager', use: '@acme/tqalert-notifier-pager', options: { file: out } }],
      services: [
        {
          id: 'feed',
          use: join(PLUGINS, 'list-source.mjs'),
          every: '1h',
          options: { file: sb.alertsFile },
          routes: [{ notify: ['pager'] }],
        },
      ],
    });
    const run = spawnSync(process.execPath, [BIN, '--config', config, '--once'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual(['Indicator 1', 'Indicator 2']);
  });

  it('names the package and how to install it when it is missing', () => {
    const sb = makeSandbox();
    const config = sb.writeConfig({
      notifiers: [{ id: 'pager', use: '@acme/not-installed', options: {} }],
      store: { use: 'memory' },
    });
    const run = spawnSync(process.execPath, [BIN, '--config', config, '--check'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('notifiers[0].use');
    expect(run.stderr).toContain('npm install @acme/not-installed');
  });
});
