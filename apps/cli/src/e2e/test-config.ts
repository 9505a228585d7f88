import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `dir/tqalert.yaml` for a CLI test: a SQLite store in `dir`, no ops server, quiet logs, then `lines`
 * (the notifiers and services). Returns the file's path.
 */
export function writeTestConfig(dir: string, lines: readonly string[]): string {
  const config = join(dir, 'tqalert.yaml');
  writeFileSync(
    config,
    [
      'store: { use: sqlite, options: { path: ./state.db } }',
      'server: { enabled: false }',
      'log: { level: error }',
      ...lines,
    ].join('\n'),
  );
  return config;
}
