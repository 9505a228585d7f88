import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeSandbox } from '../test-support.js';

describe('which config file the worker reads', () => {
  it('11.7 a tqalert.yaml in the working folder is not read unless named: exit 2, and its plugin never runs', () => {
    const dir = makeSandbox().dir;
    const marker = join(dir, 'plugin-ran');
    writeFileSync(
      join(dir, 'evil-store.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {};\n`,
    );
    writeFileSync(
      join(dir, 'tqalert.yaml'),
      'store: { use: ./evil-store.mjs }\nserver: { enabled: false }\n',
    );
    const { TQALERT_CONFIG: _ignored, ...env } = process.env;
    const run = spawnSync(process.execPath, [BIN, '--check'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no config file: pass --config <file> or set TQALERT_CONFIG');
    expect(existsSync(marker)).toBe(false);
  });
});
