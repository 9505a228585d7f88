#!/usr/bin/env node
// `npm run bench`: builds what the benches import, runs every bench in turn (one at a time: the numbers are
// ratios measured in this one run on this machine), prints ONE table with the targets, and writes
// bench-results.json (git-ignored) with every bench's JSON line, exit code, time and last output lines.
// Nothing here runs in `npm test`.
//
// Env: BENCH_ONLY=pipeline,latency (a subset by name), BENCH_QUICK=1 (shorter latency run),
// BENCH_SOAK_MINUTES=60 (the full soak; default 2).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHES } from './benches.mjs';
import { renderTable } from './table.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const selected = BENCHES.filter((b) => !only || only.includes(b.name));
const say = (line) => process.stderr.write(`${line}\n`);

function build() {
  const turbo = join(ROOT, 'node_modules', '.bin', 'turbo');
  if (!existsSync(turbo)) {
    say('bench: dependencies are not installed; run `npm run setup` (or `pnpm install`) first.');
    process.exit(2);
  }
  say('bench: building the packages the benches import (turbo, cached when up to date)…');
  const filters = [...new Set(selected.map((b) => b.dir))].flatMap((dir) => ['--filter', `./${dir}...`]);
  const result = spawnSync(
    turbo,
    ['run', 'build', '--concurrency=1', '--output-logs=errors-only', ...filters],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
  if (result.status !== 0) {
    say('bench: the build failed (see above); fix it, then run `npm run bench` again.');
    process.exit(result.status ?? 1);
  }
}

/** Runs one bench; resolves with its JSON lines by name, exit code, seconds and last output lines. */
function run(bench) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bench.script], {
      cwd: join(ROOT, bench.dir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk) => {
      out += chunk;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => {
      const lines = out.split('\n').filter((l) => l.trim() !== '');
      const results = {};
      for (const line of lines) {
        if (!line.startsWith('{"bench":')) continue;
        try {
          const parsed = JSON.parse(line);
          results[parsed.bench] = parsed;
        } catch {
          // Not a result line after all; it stays in the output.
        }
      }
      resolve({
        code,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        results,
        tail: lines.slice(-30),
      });
    });
  });
}

build();
const load = () => loadavg().map((l) => Math.round(l * 10) / 10);
const report = {
  startedAt: new Date().toISOString(),
  commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim(),
  node: process.version,
  cores: availableParallelism(),
  loadAverageAtStart: load(),
  benches: {},
  table: [],
};
for (const bench of selected) {
  say(`bench: running ${bench.name} (${bench.dir}/${bench.script})…`);
  const outcome = await run(bench);
  report.benches[bench.name] = outcome;
  let rows = [];
  try {
    rows = outcome.code === 0 ? bench.rows(outcome.results) : [];
  } catch {
    rows = [];
  }
  if (rows.length === 0) {
    rows = [
      {
        measure: bench.name,
        value: `FAILED (exit ${outcome.code}): ${outcome.tail.at(-1) ?? 'no output'}`.slice(0, 160),
        target: '',
        met: false,
      },
    ];
  }
  report.table.push(...rows);
  say(`bench: ${bench.name} done in ${outcome.seconds} s`);
}
report.loadAverageAtEnd = load();
report.finishedAt = new Date().toISOString();
writeFileSync(join(ROOT, 'bench-results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(renderTable(report));
console.log('\nFull results: bench-results.json');
