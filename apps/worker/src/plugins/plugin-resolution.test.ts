import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeSandbox } from '../test-support.js';
import { impostorDataUrl, installImpostor, installThirdPartyNotifier } from './test-packages.js';

/** A config two folders below `root` (root/team/worker/tqalert.json), as on a shared host. */
function nestedConfig(root: string, config: Record<string, unknown>): { dir: string; file: string } {
  const dir = join(root, 'team', 'worker');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'tqalert.json');
  writeFileSync(file, JSON.stringify({ server: { enabled: false }, log: { level: 'error' }, ...config }));
  return { dir, file };
}

function check(file: string) {
  const run = spawnSync(process.execPath, [BIN, '--config', file, '--check'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const pager = '@acme/tqalert-notifier-pager';

describe('plugin resolution', () => {
  it('11.1 a fake @tqalert/store-sqlite in a parent folder, or beside the config, never runs: the default store is the worker’s own', () => {
    const root = makeSandbox().dir;
    const marker = join(root, 'impostor-ran');
    installImpostor(root, '@tqalert/store-sqlite', marker);
    const { dir, file } = nestedConfig(root, {});
    installImpostor(dir, '@tqalert/store-sqlite', marker);
    const byDefault = check(file);
    expect(byDefault.stderr).toBe('');
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toContain('config ok');
    expect(existsSync(marker)).toBe(false);
    // The full package name is a built-in too.
    const full = nestedConfig(root, { store: { use: '@tqalert/store-sqlite' } });
    expect(check(full.file).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('11.1 a third-party package in a parent folder is not found, and the error says where the worker looked', () => {
    const root = makeSandbox().dir;
    installThirdPartyNotifier(root);
    const { dir, file } = nestedConfig(root, {
      store: { use: 'memory' },
      notifiers: [{ id: 'pager', use: pager, options: { file: join(root, 'out.txt') } }],
    });
    const run = check(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('notifiers[0].use');
    expect(run.stderr).toContain(`looked in ${join(dir, 'node_modules', pager)}`);
    expect(run.stderr).toContain('packages in parent folders are not used');
    expect(run.stderr).toContain(`npm install ${pager}`);
  });

  it('11.1 a folder listed in plugins.paths is searched for third-party packages', () => {
    const root = makeSandbox().dir;
    installThirdPartyNotifier(root);
    const { file } = nestedConfig(root, {
      store: { use: 'memory' },
      plugins: { paths: ['../..'] },
      notifiers: [{ id: 'pager', use: pager, options: { file: join(root, 'out.txt') } }],
    });
    const run = check(file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('11.1 data:, http: and node: URLs are refused before anything is imported', () => {
    const root = makeSandbox().dir;
    const marker = join(root, 'data-url-ran');
    const { file } = nestedConfig(root, {
      store: { use: 'memory' },
      notifiers: [
        { id: 'a', use: impostorDataUrl(marker) },
        { id: 'b', use: 'http://plugins.example/notifier.js' },
        { id: 'c', use: 'node:fs' },
      ],
    });
    const run = check(file);
    expect(run.code).toBe(2);
    expect(existsSync(marker)).toBe(false);
    expect(run.stderr).toContain('notifiers[0].use: notifier plugin "data:…" is a data: URL');
    expect(run.stderr).toContain('notifiers[1].use: notifier plugin "http:…" is a http: URL');
    expect(run.stderr).toContain('notifiers[2].use: notifier plugin "node:…" is a node: URL');
    expect(run.stderr).toContain('plugins load only from files');
  });

  it('11.1 logs at start the file each plugin was loaded from', () => {
    const root = makeSandbox().dir;
    const { file } = nestedConfig(root, { log: { level: 'info', format: 'json' } });
    const run = check(file);
    expect(run.code).toBe(0);
    const lines = run.stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const own = realpathSync(createRequire(import.meta.url).resolve('@tqalert/store-sqlite'));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'plugin resolved',
        kind: 'store',
        use: 'sqlite',
        file: own,
        from: 'worker',
      }),
    );
  });
});
