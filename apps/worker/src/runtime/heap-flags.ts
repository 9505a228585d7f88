/**
 * The V8 heap sizing the worker runs with. Left to its defaults on a machine with a few GB of RAM, V8 lets the
 * young generation grow to 2 × 64 MB under a steady stream of alerts (it grows once enough has survived
 * scavenges, whatever the live size) and gives it back only when allocation falls below about 1 MB/s, which
 * 10 alerts a second never does: a worker whose live heap is ~30 MB sat at 250–320 MB resident. A 1 MB
 * semi-space is what V8 itself picks for a heap of a few hundred MB; with it a 10-minute soak peaked at 145 MB
 * instead of 328 MB, for 0–20% more worker CPU time (README, "Memory").
 */

/** Flags the worker adds unless the operator already set the same V8 flag (in the command or NODE_OPTIONS). */
export const HEAP_DEFAULTS: readonly string[] = ['--max-semi-space-size=1'];

/** `--max_semi_space_size=4` → `max-semi-space-size`: V8 accepts both spellings of a flag's name. */
function flagName(arg: string): string | undefined {
  const match = /^--([\w-]+)(?:=.*)?$/.exec(arg);
  return match?.[1]?.replaceAll('_', '-');
}

/** The defaults whose flag neither `execArgv` nor `nodeOptions` (the NODE_OPTIONS text) sets. */
export function missingHeapFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = new Set(
    [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map(flagName).filter((n) => n !== undefined),
  );
  return HEAP_DEFAULTS.filter((flag) => !given.has(flagName(flag) as string));
}

/**
 * Runs this process again, same pid, stdio and environment, with the missing heap defaults. V8 reads these
 * flags only when the heap is created, so they cannot be set from inside a running process. Returns (and the
 * worker runs with V8's defaults) where the runtime cannot replace its process: Node before 22.15, Windows.
 */
export function applyHeapDefaults(): void {
  const missing = missingHeapFlags(process.execArgv, process.env.NODE_OPTIONS);
  const script = process.argv[1];
  if (missing.length === 0 || script === undefined || typeof process.execve !== 'function') return;
  try {
    process.execve(
      process.execPath,
      [process.execPath, ...missing, ...process.execArgv, script, ...process.argv.slice(2)],
      process.env,
    );
  } catch {
    // Refused by the system (a seccomp profile, say): go on with V8's defaults rather than not start.
  }
}
