import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// This package is the model for outside authors: it may use @tqalert/core's public API and nothing else of ours
// (tests may also use @tqalert/testkit). This test keeps it that way.
const root = new URL('..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the third-party boundary', () => {
  it('imports only @tqalert/core (and @tqalert/testkit in tests), never a deep path', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(join(root, 'src'))) {
      const isTest = file.endsWith('.test.ts') || file.includes('__tests__');
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/from '(@tqalert\/[^']+)'/g)) {
        const allowed = name === '@tqalert/core' || (isTest && name === '@tqalert/testkit');
        if (!allowed) offending.push(`${file.slice(root.length)}: ${name}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('declares @tqalert/core and zod as peers, and no other @tqalert package as a dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    expect(Object.keys(pkg.peerDependencies ?? {}).sort()).toEqual(['@tqalert/core', 'zod']);
    expect(Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith('@tqalert/'))).toEqual([]);
    expect(
      Object.keys(pkg.devDependencies ?? {})
        .filter((d) => d.startsWith('@tqalert/'))
        .sort(),
    ).toEqual(['@tqalert/core', '@tqalert/testkit']);
  });
});
