// 15.10: what a user of the packages gets: a LICENSE in every tarball, and no usage reports from the project's
// turbo runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './markdown-blocks.js';
import { runProcess } from './run-process.js';

interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  scripts?: Record<string, string>;
}

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Every package folder that publishes a tarball. */
function publishedPackages(): string[] {
  return ['packages', 'apps']
    .flatMap((group) => readdirSync(join(REPO_ROOT, group)).map((name) => join(REPO_ROOT, group, name)))
    .filter((dir) => {
      try {
        return !manifest(dir).private;
      } catch {
        return false;
      }
    });
}

describe('packaging', () => {
  it('15.10 every package tarball contains the repository LICENSE, and package.json says MIT', async () => {
    const dirs = publishedPackages();
    expect(dirs.length).toBeGreaterThanOrEqual(15);
    const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n/);
    const packed = await runProcess('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', ...dirs], {
      cwd: REPO_ROOT,
      timeoutMs: 60_000,
    });
    expect(packed.code, packed.stderr).toBe(0);
    const tarballs = JSON.parse(packed.stdout) as Array<{ name: string; files: Array<{ path: string }> }>;
    const withoutLicense = tarballs
      .filter((t) => !t.files.some((f) => f.path === 'LICENSE'))
      .map((t) => t.name);
    expect(withoutLicense, 'copy the root LICENSE into these packages').toEqual([]);
    for (const dir of dirs) {
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8'), dir).toBe(license);
      expect(manifest(dir).license, dir).toBe('MIT');
    }
  }, 90_000);

  it("15.10 the project's scripts run turbo with its telemetry off", () => {
    const scripts = manifest(REPO_ROOT).scripts ?? {};
    const turbo = Object.entries(scripts).filter(([, command]) => /\bturbo\b/.test(command));
    expect(turbo.length).toBeGreaterThan(0);
    for (const [name, command] of turbo)
      expect(command, `npm run ${name}`).toMatch(/^TURBO_TELEMETRY_DISABLED=1 /);
    const bootstrap = readFileSync(join(REPO_ROOT, 'tooling/bootstrap/bootstrap.mjs'), 'utf8');
    expect(bootstrap).toContain("process.env.TURBO_TELEMETRY_DISABLED = '1';");
  });
});
