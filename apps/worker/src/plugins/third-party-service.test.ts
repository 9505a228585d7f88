import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, makeSandbox, PLUGINS } from '../test-support.js';

const require = createRequire(import.meta.url);
const corePackage = dirname(require.resolve('@tqalert/core/package.json'));
// The example lives beside core's sources, not in the published package (its `files` is `dist`).
const EXAMPLE = fileURLToPath(
  new URL('../../../../packages/core/examples/tqalert-service-json-feed/', import.meta.url),
);

/** Installs the example into `dir/node_modules` as an outside author's package, with its own core and zod. */
function installExample(dir: string): void {
  const modules = join(dir, 'node_modules');
  cpSync(EXAMPLE, join(modules, '@acme', 'tqalert-service-json-feed'), { recursive: true });
  for (const part of ['dist', 'package.json']) {
    cpSync(join(corePackage, part), join(modules, '@tqalert', 'core', part), { recursive: true });
  }
  symlinkSync(dirname(require.resolve('zod/package.json')), join(modules, 'zod'), 'dir');
}

describe('the third-party service example (packages/core/examples/tqalert-service-json-feed)', () => {
  it('loads by package name from the config folder and its new items reach the notifier, each once', () => {
    const sb = makeSandbox();
    installExample(sb.dir);
    mkdirSync(join(sb.dir, 'feeds'));
    const feed = [
      { id: '1', title: 'Advisory one', severity: 'high' },
      { id: '2', title: 'Advisory two', url: 'https://example.com/2' },
      { title: 'no id' },
    ];
    writeFileSync(join(sb.dir, 'feeds', 'feed.json'), JSON.stringify(feed));
    const config = sb.writeConfig({
      store: { use: 'memory' },
      server: { enabled: false },
      log: { level: 'error' },
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
          use: '@acme/tqalert-service-json-feed',
          every: '1h',
          options: { file: './feeds/feed.json' },
          routes: [{ notify: ['out'] }],
        },
      ],
    });
    const run = spawnSync(process.execPath, [BIN, '--config', config, '--once'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const ids = sb.delivered().flatMap((d) => d.ids);
    expect(ids.sort()).toEqual(['feed:1', 'feed:2']);
    expect(readFileSync(sb.outFile, 'utf8')).not.toContain('no id');
  });
});
