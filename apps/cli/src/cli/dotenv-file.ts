import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { UsageError } from './usage-error.js';

/**
 * The environment with the variables of a dotenv file (`--dotenv`, else `$TQALERT_ENV_FILE`) added. Variables
 * already set win, as with Node's own `--env-file` (a name the CLI cannot
 * take: Node reads that flag even after the script's name): the file fills in, it never overrides the shell.
 */
export function withDotenvFile(
  file: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): NodeJS.ProcessEnv {
  if (file === undefined || file === '') return env;
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--dotenv: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); for the demo, run npm start first: it writes .tqalert/demo/.env`,
    );
  }
  return { ...parseEnv(text), ...env };
}
