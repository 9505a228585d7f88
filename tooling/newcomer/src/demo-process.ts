// `npm start`'s demo as a child process: the real start-demo script (sandbox stand-ins on free loopback ports
// and the real worker), with its output collected and its banner awaited.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './markdown-blocks.js';

const START_DEMO = fileURLToPath(new URL('../../../apps/sandbox/dist/start-demo.js', import.meta.url));

/** A running demo. */
export interface Demo {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** The banner's line that starts with `label`, e.g. `Inbox:`, without the label. */
  banner(label: string): string | undefined;
  /** The banner's lines under "Use the CLI on the demo", trimmed. */
  cliLines(): string[];
  /** SIGINT (Ctrl-C) and the exit code, or 'timeout'. */
  stop(timeoutMs?: number): Promise<number | null | 'timeout'>;
}

/** Starts the demo with its files in `demoDir` and waits (bounded) for the banner. */
export async function startDemo(demoDir: string, timeoutMs = 30_000): Promise<Demo> {
  const child = spawn(process.execPath, [START_DEMO, '--demo-dir', demoDir, '--quiet'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', TQALERT_INBOX_PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: string) => {
    output += chunk;
  };
  child.stdout?.setEncoding('utf8').on('data', collect);
  child.stderr?.setEncoding('utf8').on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const demo: Demo = {
    child,
    output: () => output,
    banner: (label) => new RegExp(`^ {2}${label}\\s+(.+)$`, 'm').exec(output)?.[1]?.trim(),
    cliLines() {
      const lines = output.split('\n');
      const start = lines.findIndex((line) => line.startsWith('Use the CLI on the demo'));
      if (start < 0) return [];
      const after = lines.slice(start + 1);
      const end = after.findIndex((line) => line.trim() === '');
      return (end < 0 ? after : after.slice(0, end)).map((line) => line.trim());
    },
    async stop(stopTimeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGINT');
      return Promise.race([
        exited,
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), stopTimeoutMs)),
      ]);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the demo exited (${child.exitCode ?? child.signalCode}) before its banner:\n${output}`,
      );
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`no demo banner within ${timeoutMs / 1000}s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return demo;
}
