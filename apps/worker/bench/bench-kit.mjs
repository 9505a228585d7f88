// Shared pieces of the worker benches: the built binary, temp sandboxes with a config, running the binary,
// sampling a process's resident memory, and the one JSON line the root bench runner reads.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SLACK_TOKEN } from '@tqalert/fixtures';

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
export const LIST_SOURCE = fileURLToPath(new URL('../test/plugins/list-source.mjs', import.meta.url));

/** A temp folder for one run; `remove()` deletes it. */
export function sandbox(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `tqalert-bench-${prefix}-`));
  return {
    dir,
    write: (name, value) => {
      const file = join(dir, name);
      writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Node flags for the worker under test, from `BENCH_WORKER_NODE_FLAGS` (space-separated): to compare heap settings. */
const WORKER_NODE_FLAGS = (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/** Runs the worker binary to its end; resolves with its exit code, output and wall time. */
export function runWorker(args, timeoutMs = 600_000) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tqalert-worker did not end within ${timeoutMs} ms\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Starts a long-running worker; `stop()` sends SIGTERM and resolves with the exit code. */
export function startWorker(configFile) {
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, BIN, '--config', configFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (c) => {
    log = (log + c).slice(-20_000);
  });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    pid: child.pid,
    log: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resident memory of process `pid` in MB (Linux /proc), or undefined once it is gone. */
export function rssMb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) process `pid` has used so far (Linux /proc), or undefined once it is gone. */
export function cpuSeconds(pid) {
  try {
    // Fields after the command name (which may hold spaces), from its closing parenthesis: utime is the 12th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks; 100 a second on Linux
  } catch {
    return undefined;
  }
}

/** Resolves once `check()` is true, polling every `everyMs`; rejects after `timeoutMs`. */
export async function until(check, timeoutMs, what, everyMs = 20) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The p-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Rounds to `digits` decimals. */
export const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Prints the final line the root runner reads: `{"bench":name,...}`. */
export function report(name, result) {
  console.log(JSON.stringify({ bench: name, ...result }));
}

/** The `threatq:` section for a served ThreatQ fake (password grant). */
export function threatqSection(served) {
  const { email, password, clientId } = served.fake.credentials;
  return { url: served.url, auth: { type: 'password', email, password, clientId } };
}

/** A Slack notifier entry (`id: slack`) for a served Slack fake. */
export function slackNotifier(served, options) {
  return {
    id: 'slack',
    use: 'slack',
    options: { token: SLACK_TOKEN, slackApiUrl: `${served.url}/api/`, ...options },
  };
}

/** A worker config in `box` with a SQLite store, quiet JSON logs and no ops server, plus `parts`. */
export function writeConfig(box, parts, storeOptions = {}) {
  return box.write('tqalert.json', {
    store: { use: 'sqlite', options: { path: `${box.dir}/state.db`, ...storeOptions } },
    server: { enabled: false },
    log: { level: 'error', format: 'json' },
    ...parts,
  });
}
