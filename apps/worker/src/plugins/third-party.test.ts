import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alert, BIN, makeSandbox, PLUGINS } from '../test-support.js';

const require = createRequire(import.meta.url);

/**
 * A notifier package as an outside author ships it: installed next to the config (not in this workspace), written
 * against @tqalert/core alone, and carrying its OWN copy of core, so the worker must recognise it by brand.
 */
function installThirdPartyNotifier(dir: string): void {
  const modules = join(dir, 'node_modules');
  const pkg = join(modules, '@acme', 'tqalert-notifier-pager');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: '@acme/tqalert-notifier-pager',
      version: '1.0.0',
      type: 'module',
      exports: './index.js',
    }),
  );
  writeFileSync(
    join(pkg, 'index.js'),
    `import { appendFileSync } from 'node:fs';
import { BaseFormatter, BaseNotifier, defineNotifier } from '@tqalert/core';
import { z } from 'zod';
class Titles extends BaseFormatter { format(alerts) { return alerts.map((a) => a.title); } }
class Pager extends BaseNotifier {
  constructor(o) { super('pager'); this.o = o; this.setFormatter(new Titles('ANY')); }
  async sendAlert(titles) {
    appendFileSync(this.o.file, titles.join('\\n') + '\\n');
    return [{ notifier: this.name, destination: 'default', parts: [{ destination: 'default', part: 0, ref: {} }], sentAt: new Date().toISOString() }];
  }
}
export default defineNotifier({ name: '@acme/tqalert-notifier-pager', options: z.object({ file: z.string() }), create: (o) => new Pager(o) });
`,
  );
  // Its own copy of @tqalert/core (a second module instance), and zod beside it.
  const corePkg = dirname(require.resolve('@tqalert/core/package.json'));
  const coreCopy = join(modules, '@tqalert', 'core');
  mkdirSync(coreCopy, { recursive: true });
  cpSync(join(corePkg, 'dist'), join(coreCopy, 'dist'), { recursive: true });
  cpSync(join(corePkg, 'package.json'), join(coreCopy, 'package.json'));
  symlinkSync(dirname(require.resolve('zod/package.json')), join(modules, 'zod'), 'dir');
}

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
