// The "meaning" column of a plugin package's README options table, by option name: the schemas say what an
// option takes, the package's README says what it is for.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const ROW = /^\|\s*`([A-Za-z][\w.]*)`\s*\|(.*)\|\s*$/;

/** Option name → the last cell of its first row in `markdown`'s tables (`| \`name\` | … | meaning |`). */
export function meaningsFromTables(markdown: string): Map<string, string> {
  const meanings = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const match = ROW.exec(line);
    if (!match) continue;
    const name = match[1] as string;
    const meaning =
      (match[2] as string)
        .split(/(?<!\\)\|/)
        .at(-1)
        ?.trim() ?? '';
    if (!meanings.has(name) && meaning) meanings.set(name, meaning);
  }
  return meanings;
}

/** The meanings from the README of `packageName` as the worker resolves it; empty when it has none. */
export function readmeMeanings(packageName: string): Map<string, string> {
  try {
    const manifest = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
    const readme = join(dirname(manifest), 'README.md');
    return existsSync(readme) ? meaningsFromTables(readFileSync(readme, 'utf8')) : new Map();
  } catch {
    return new Map();
  }
}
