/**
 * The V8 heap sizing the worker runs with. Left to its defaults on a machine with a few GB of RAM, V8 lets the
 * young generation grow to 2 × 64 MB under a steady stream of alerts (it grows once enough has survived
 * scavenges, whatever the live size) and gives it back only when allocation falls below about 1 MB/s, which
 * 10 alerts a second never does: a worker whose live heap is ~30 MB sat at 250–320 MB resident. A 1 MB
 * semi-space is what V8 itself picks for a heap of a few hundred MB; with it a 10-minute soak peaked at 145 MB
 * instead of 328 MB, for 0–20% more worker CPU time (README, "Memory").
 */

/**
 * Flags the worker adds when the operator sets none of {@link OPERATOR_HEAP_FLAGS}:
 * - a 1 MB semi-space (see above);
 * - old-space growth of 20% over what survived the last full collection, instead of V8's factor of up to 4 for a
 *   small heap: with the small semi-space, what a poll allocates is promoted sooner, and V8's default growth let the
 *   old space swing 25–85 MB above a 30 MB live heap and keep those pages. Measured with the soak bench (4 min,
 *   10 alerts/s): 137 MB peak instead of 190 MB, for about 7% more CPU. It is a growth factor, not a limit: a
 *   burst (a large first poll) still gets all the heap it needs.
 */
export const HEAP_DEFAULTS: readonly string[] = ['--max-semi-space-size=1', '--heap-growing-percent=20'];

/** Heap flags that mean the operator sizes the heap: then the worker adds none of its own. */
const OPERATOR_HEAP_FLAGS = new Set([
  'max-semi-space-size',
  'min-semi-space-size',
  'semi-space-growth-factor',
  'max-old-space-size',
  'initial-old-space-size',
  'max-heap-size',
  'initial-heap-size',
  'heap-growing-percent',
]);

/** `--max_semi_space_size=4` → `max-semi-space-size`: V8 accepts both spellings of a flag's name. */
function flagName(arg: string): string | undefined {
  const match = /^--([\w-]+)(?:=.*)?$/.exec(arg);
  return match?.[1]?.replaceAll('_', '-');
}

/**
 * The defaults to add: all of them, or none when `execArgv` or `nodeOptions` (the NODE_OPTIONS text) already
 * sets any heap size or growth flag (the operator's sizing is kept whole, not mixed with ours).
 */
export function missingHeapFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map(flagName);
  return given.some((name) => name !== undefined && OPERATOR_HEAP_FLAGS.has(name)) ? [] : [...HEAP_DEFAULTS];
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
