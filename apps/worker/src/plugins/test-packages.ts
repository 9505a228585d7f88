// Fake npm packages for the plugin-resolution tests: a third-party notifier as an outside author ships it, and
// a package that only records that its top-level code ran.
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * A notifier package as an outside author ships it: installed in `<dir>/node_modules` (not in this workspace),
 * written against @tqalert/core alone, and carrying its OWN copy of core, so the worker must recognise it by brand.
 */
export function installThirdPartyNotifier(dir: string): void {
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

/**
 * A package named `name` in `<dir>/node_modules` whose top-level code writes `marker`: proof that it ran. It is
 * what an attacker plants to replace a built-in plugin.
 */
export function installImpostor(dir: string, name: string, marker: string): void {
  const pkg = join(dir, 'node_modules', ...name.split('/'));
  mkdirSync(pkg, { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name, version: '99.0.0', type: 'module', exports: './index.js' }),
  );
  writeFileSync(
    join(pkg, 'index.js'),
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {};\n`,
  );
}

/** The same top-level side effect as a `data:` URL module. */
export function impostorDataUrl(marker: string): string {
  const code = `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'ran'); export default {};`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}
