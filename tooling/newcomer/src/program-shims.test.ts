// 15.1: the `.tooling/bin` commands the bootstrap writes (and prints how to put on PATH) run the built CLI and
// worker from any folder, with relative paths meaning the folder they were typed in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeProgramShims } from '../../bootstrap/program-shims.mjs';
import { runProcess } from './run-process.js';

describe('the tqalert and tqalert-worker shims', () => {
  it('15.1 run the CLI and the worker from another folder, resolving --config there', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'tqalert-shims-'));
    const [tqalert, worker] = writeProgramShims(bin, process.execPath) as [string, string];
    const work = mkdtempSync(join(tmpdir(), 'tqalert-work-'));
    writeFileSync(join(work, 'mine.yaml'), 'store: { use: sqlite, options: { path: ./state.db } }\n');
    const validate = await runProcess(tqalert, ['validate', '--config', './mine.yaml'], { cwd: work });
    expect(validate.stderr.trim()).toBe(`using config ${join(work, 'mine.yaml')}`);
    expect(validate.stdout).toContain(`${join(work, 'mine.yaml')} is valid`);
    expect(validate.code).toBe(0);
    const check = await runProcess(worker, ['--check', '--config', 'mine.yaml'], { cwd: work });
    expect(check.stdout).toContain(`config ok: ${join(work, 'mine.yaml')}`);
    expect(check.code, check.stderr).toBe(0);
  });
});
