// Start-up bench for `tqalert`: the median wall time of `tqalert --version` and of one iZoologic action
// (send-message) against the iZoologic fake served on loopback. Prints numbers; asserts nothing.
// Targets from the issue: --version < 150 ms, one action < 300 ms.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { IZOOLOGIC_CREDENTIALS } from '@tqalert/fixtures';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(args, env = {}) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`tqalert ${args.join(' ')} failed: ${result.stderr}`);
    samples.push(ms);
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

// spawnSync blocks this process's event loop, so the fake is served from a separate process.
const { fork } = await import('node:child_process');
const server = fork(fileURLToPath(new URL('./serve-izoologic.mjs', import.meta.url)), {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const url = await new Promise((resolve) => server.once('message', resolve));
try {
  const version = time(['--version']);
  const action = time(
    [
      'izoologic',
      'send-message',
      '--case',
      'CASE123456',
      '--subject',
      'bench',
      '--message',
      'bench message',
      '--client-code',
      'ABC',
    ],
    {
      IZOOLOGIC_HOST: url,
      IZOOLOGIC_API_KEY: IZOOLOGIC_CREDENTIALS.apikey,
      IZOOLOGIC_SECRET_KEY: IZOOLOGIC_CREDENTIALS.secretkey,
    },
  );
  const fmt = (r) => `median ${r.median.toFixed(0)} ms (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)})`;
  console.log(`node ${process.version}, ${RUNS} runs each`);
  console.log(`tqalert --version                 ${fmt(version)}   target < 150 ms`);
  console.log(`tqalert izoologic send-message    ${fmt(action)}   target < 300 ms`);
  // One line for the root bench runner (tooling/bench/run-all.mjs).
  console.log(
    JSON.stringify({
      bench: 'cli-startup',
      versionMedianMs: Math.round(version.median),
      actionMedianMs: Math.round(action.median),
      runs: RUNS,
    }),
  );
} finally {
  server.kill();
}
