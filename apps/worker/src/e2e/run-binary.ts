// Runs the real worker binary for end-to-end tests: once (`--once`, `--check`) or long-running with its ops
// server, against fakes served on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from '../test-support.js';

export interface BinaryRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tqalert-worker args…` to its end. */
export function runWorker(args: string[], timeoutMs = 120_000): Promise<BinaryRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tqalert-worker ${args.join(' ')} did not end within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running worker; `opsUrl` once its ops server listens (JSON logs on stderr). */
export interface RunningWorker {
  child: ChildProcess;
  opsUrl: string;
  log(): string;
  stop(): Promise<number | null>;
}

/** Starts `tqalert-worker --config file` and waits for its ops server. */
export async function startWorker(file: string): Promise<RunningWorker> {
  const child = spawn(process.execPath, [BIN, '--config', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const opsUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start:\n${log}`)), 30_000);
    child.stderr?.on('data', (c: Buffer) => {
      log += c.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', () => reject(new Error(`the worker exited at start:\n${log}`)));
  });
  return {
    child,
    opsUrl,
    log: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `check` every 100 ms until it is true or `timeoutMs` passes; returns whether it became true. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}
