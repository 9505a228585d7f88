// The worker as a child process: spawned with the demo config, its logs passed straight through, stopped with
// one SIGTERM and a bounded wait.
import { type ChildProcess, spawn } from 'node:child_process';

/** How a child process ended. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running worker process. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the process has exited, however that happened. */
  exited: Promise<ExitStatus>;
  /** SIGTERM, then SIGKILL if it has not exited after `timeoutMs`. Resolves with how it ended. */
  stop(timeoutMs?: number): Promise<ExitStatus & { killed: boolean }>;
}

/** Writes to our own stdout or stderr, ignoring a terminal that has gone away (EIO, EPIPE). */
function forward(stream: NodeJS.ReadableStream | null, to: NodeJS.WriteStream): void {
  stream?.on('data', (chunk: Buffer) => {
    if (!to.destroyed) to.write(chunk);
  });
}

/**
 * Starts `node <bin> --config <config>`. The worker gets its own process group, so a Ctrl-C in the terminal
 * reaches only the demo, which then stops the worker exactly once, in order, before the sandbox goes away. Its
 * output is passed through this process rather than inherited, so a closed terminal cannot break its shutdown.
 */
export function spawnWorker(options: { bin: string; config: string; env: NodeJS.ProcessEnv }): WorkerProcess {
  const child = spawn(process.execPath, [options.bin, '--config', options.config], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  // If the demo itself dies unexpectedly, do not leave a worker polling a sandbox that is gone.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  let stopping: Promise<ExitStatus & { killed: boolean }> | undefined;
  return {
    child,
    exited,
    stop(timeoutMs = 15_000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return { ...(await exited), killed: false };
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        const first = await Promise.race([exited, timedOut]);
        clearTimeout(timer);
        if (first !== 'timeout') return { ...first, killed: false };
        child.kill('SIGKILL');
        return { ...(await exited), killed: true };
      })();
      return stopping;
    },
  };
}
