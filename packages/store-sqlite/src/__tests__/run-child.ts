import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HOOKS = fileURLToPath(new URL('./ts-hooks.mjs', import.meta.url));

/** Starts `node <script> ...args` on this package's TypeScript sources (see ts-hooks.mjs). */
export function startChild(script: string, args: string[]): ChildProcess {
  const file = fileURLToPath(new URL(script, import.meta.url));
  return spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '--import', HOOKS, file, ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}

/** Resolves with every stdout line once `until(line)` is true (or the child exits); rejects on a non-zero exit. */
export function readLines(
  child: ChildProcess,
  until: (line: string) => boolean = () => false,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.stdout?.on('data', (chunk) => {
      buffer += String(chunk);
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        if (until(line)) resolve(lines);
        newline = buffer.indexOf('\n');
      }
    });
    child.on('exit', (code, signal) => {
      if (code === 0 || signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`child exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

/** Waits for the child to be gone. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
