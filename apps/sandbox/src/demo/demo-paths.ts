// Where `npm start` finds things: the config template in this package, the worker's binary, and the git-ignored
// folder at the repository root where the generated config and the SQLite database live.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder (`apps/sandbox`), from `src/demo` or `dist/demo` alike. */
export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The repository root (two levels above the package). */
export const REPO_ROOT = resolve(PACKAGE_DIR, '../..');

/** The commented example config that `npm start` runs. */
export const TEMPLATE_FILE = join(PACKAGE_DIR, 'demo', 'tqalert.example.yaml');

/** Default folder for the generated config and the store: git-ignored (`.tqalert/`). */
export const DEFAULT_DEMO_DIR = join(REPO_ROOT, '.tqalert', 'demo');

/** The worker's executable script (`tqalert-worker`), resolved through its package. */
export function workerBinPath(): string {
  const require = createRequire(import.meta.url);
  let manifestPath: string;
  try {
    manifestPath = require.resolve('@tqalert/worker/package.json');
  } catch {
    throw new Error(
      'cannot find @tqalert/worker: run `npm start` (or `pnpm install`) from the repository root first',
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin?: Record<string, string> | string;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['tqalert-worker'];
  if (!bin) throw new Error(`@tqalert/worker's package.json (${manifestPath}) names no "tqalert-worker" bin`);
  return join(dirname(manifestPath), bin);
}
