// `tqalert` and `tqalert-worker` as commands in `.tooling/bin` (beside the pinned pnpm), for a clone whose
// packages are not installed globally: each runs the built binary through run-bin.mjs, from the folder it is
// typed in. No dependencies, any Node from 18 up (the bootstrap imports it).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUN_BIN = join(dirname(fileURLToPath(import.meta.url)), 'run-bin.mjs');

/** The programs a clone provides. */
export const PROGRAMS = ['tqalert', 'tqalert-worker'];

/** Writes one `sh` shim per program into `binDir`, run by `node` (an absolute path). Returns their paths. */
export function writeProgramShims(binDir, node) {
  mkdirSync(binDir, { recursive: true });
  return PROGRAMS.map((name) => {
    const shim = join(binDir, name);
    writeFileSync(shim, `#!/bin/sh\nINIT_CWD="$PWD" exec "${node}" "${RUN_BIN}" ${name} "$@"\n`);
    chmodSync(shim, 0o755);
    return shim;
  });
}
