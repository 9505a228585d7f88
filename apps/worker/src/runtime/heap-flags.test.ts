import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../test-support.js';
import { HEAP_DEFAULTS, missingHeapFlags } from './heap-flags.js';

// Prints, from inside every process that runs the binary, its pid and V8 flags (before and after a re-exec).
// No quotes, backslashes or spaces: NODE_OPTIONS would parse them.
const REPORT =
  '--import=data:text/javascript,process.stderr.write(JSON.stringify({pid:process.pid,execArgv:process.execArgv})+String.fromCharCode(10))';

function versionRun(nodeOptions: string) {
  const result = spawnSync(process.execPath, [BIN, '--version'], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
    timeout: 30_000,
  });
  const starts = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { pid: number; execArgv: string[] });
  return { code: result.status, stdout: result.stdout, starts };
}

describe('heap defaults', () => {
  it('adds its heap flags unless the operator sized the heap, in either spelling or in NODE_OPTIONS', () => {
    expect(HEAP_DEFAULTS).toEqual(['--max-semi-space-size=1', '--heap-growing-percent=20']);
    expect(missingHeapFlags([], undefined)).toEqual([...HEAP_DEFAULTS]);
    expect(missingHeapFlags(['--enable-source-maps'], '--trace-warnings')).toEqual([...HEAP_DEFAULTS]);
    expect(missingHeapFlags(['--max-semi-space-size=16'], undefined)).toEqual([]);
    expect(missingHeapFlags(['--max_semi_space_size=16'], undefined)).toEqual([]);
    expect(missingHeapFlags(['--heap-growing-percent=50'], undefined)).toEqual([]);
    expect(missingHeapFlags([], '--enable-source-maps  --max-semi-space-size=32')).toEqual([]);
    // An old-space limit alone is the operator's sizing too: ours is not mixed in.
    expect(missingHeapFlags(['--enable-source-maps'], '--max-old-space-size=512')).toEqual([]);
  });

  it('the binary runs with its heap flags, in the same process (pid kept), and still does its job', () => {
    const { code, stdout, starts } = versionRun(REPORT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(starts.at(-1)?.execArgv).toEqual(expect.arrayContaining([...HEAP_DEFAULTS]));
    expect(new Set(starts.map((s) => s.pid)).size).toBe(1);
  });

  it("keeps the operator's own setting and then starts only once", () => {
    const { code, starts } = versionRun(`${REPORT} --max-semi-space-size=16`);
    expect(code).toBe(0);
    expect(starts).toHaveLength(1);
    expect(starts[0]?.execArgv).not.toEqual(expect.arrayContaining([...HEAP_DEFAULTS]));
  });
});
