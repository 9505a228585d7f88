#!/usr/bin/env node
// `npm start`: the sandbox and the real worker together. Starts the stand-ins, writes the example config into the
// git-ignored demo folder, runs `tqalert-worker` on it, prints the inbox URL, and on Ctrl-C (or SIGTERM) stops
// the worker first, then the sandbox, and exits 0.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { demoBanner, describeStep } from './demo/banner.js';
import { firstIds } from './demo/cli-hints.js';
import { demoValues, writeDemoConfig } from './demo/demo-config.js';
import { demoCase, demoEnv, writeDemoEnv } from './demo/demo-env.js';
import { DEFAULT_DEMO_DIR, REPO_ROOT, TEMPLATE_FILE, workerBinPath } from './demo/demo-paths.js';
import { startDemoDatabase, useSharedStore } from './demo/replicas.js';
import { spawnWorker } from './demo/worker-process.js';
import { type Sandbox, startSandbox } from './sandbox.js';

const USAGE = `Usage: npm start [-- options]    (or: node apps/sandbox/dist/start-demo.js [options])

Starts local stand-ins for ThreatQ, Slack and SMTP, and the TQ Alert worker with the example config
(apps/sandbox/demo/tqalert.example.yaml), and prints the inbox page's URL. Ctrl-C stops both.

Options:
      --inbox-port <n>        serve the inbox on this port (default: $TQALERT_INBOX_PORT, else a free port)
      --activity-seconds <n>  seconds between scripted ThreatQ changes (default 5; 0 turns them off)
      --demo-dir <dir>        where the generated config and database go (default .tqalert/demo)
      --quiet                 do not print each scripted ThreatQ change
      --replicas <n>          run n workers (1-5, default 1); above 1 they share an embedded PostgreSQL store,
                              and each message in the inbox names the replica that sent it
  -h, --help                  this help
`;

const STOP_TIMEOUT_MS = 15_000;

function say(line: string): void {
  process.stderr.write(`[demo] ${line}\n`);
}

function numberOption(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new Error(`--${name} must be a number from 0 to ${max}, got "${raw}"`);
  }
  return value;
}

async function main(argv: string[]): Promise<number> {
  // A terminal closed under us (EIO, EPIPE) must not stop the shutdown from finishing.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  let options: { inboxPort: number; activity: number; demoDir: string; quiet: boolean; replicas: number };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        'inbox-port': { type: 'string' },
        'activity-seconds': { type: 'string' },
        'demo-dir': { type: 'string' },
        quiet: { type: 'boolean' },
        replicas: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const inboxPort = numberOption(
      'inbox-port',
      values['inbox-port'] ?? process.env.TQALERT_INBOX_PORT,
      0,
      65_535,
    );
    if (!Number.isInteger(inboxPort))
      throw new Error(`--inbox-port must be a whole number, got ${inboxPort}`);
    options = {
      inboxPort,
      activity: numberOption('activity-seconds', values['activity-seconds'], 5, 3_600),
      demoDir: resolve(values['demo-dir'] ?? process.env.TQALERT_DEMO_DIR ?? DEFAULT_DEMO_DIR),
      quiet: values.quiet === true,
      replicas: numberOption('replicas', values.replicas, 1, 5),
    };
    if (!Number.isInteger(options.replicas) || options.replicas < 1)
      throw new Error(`--replicas must be a whole number from 1 to 5, got "${values.replicas}"`);
  } catch (error) {
    process.stderr.write(`start-demo: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      activityEverySeconds: options.activity > 0 ? options.activity : false,
      ports: { inbox: options.inboxPort },
      ...(options.quiet ? {} : { onActivity: (step) => say(`ThreatQ ${describeStep(step)}`) }),
      onActivityError: (error) => say(`scripted ThreatQ change failed: ${(error as Error).message}`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE' ? ' (the port is taken: choose another with --inbox-port, or 0 for any)' : '';
    process.stderr.write(`start-demo: cannot start the sandbox: ${(error as Error).message}${hint}\n`);
    return 1;
  }

  let config: string;
  let envFile: string;
  let bin: string;
  const values = demoValues(sandbox);
  // Credentials reach the worker as environment, as they would in production; addresses are in the file.
  const env: NodeJS.ProcessEnv = { ...process.env, ...values.secrets };
  let database: { url: string; stop(): Promise<void> } | undefined;
  if (options.replicas > 1) {
    try {
      database = await startDemoDatabase();
    } catch (error) {
      process.stderr.write(`start-demo: cannot start the embedded PostgreSQL: ${(error as Error).message}\n`);
      await sandbox.stop();
      return 1;
    }
    env.TQALERT_DEMO_DATABASE_URL = database.url;
  }
  try {
    bin = workerBinPath();
    config = writeDemoConfig({
      template: TEMPLATE_FILE,
      dir: options.demoDir,
      addresses: values.addresses,
      env,
      root: REPO_ROOT,
    });
    if (database) useSharedStore(config);
    // The CLI's way in: the same secrets the worker gets, and the iZoologic and ThreatQ stand-ins.
    envFile = writeDemoEnv(options.demoDir, demoEnv(sandbox, values.secrets));
  } catch (error) {
    process.stderr.write(`start-demo: ${(error as Error).message}\n`);
    await sandbox.stop();
    await database?.stop();
    return 2;
  }

  // Each replica names itself (TQALERT_REPLICA), and its notifiers tell Slack and SMTP which replica sent.
  const workers = Array.from({ length: options.replicas }, (_, i) =>
    spawnWorker({
      bin,
      config,
      env: options.replicas > 1 ? { ...env, TQALERT_REPLICA: `replica-${i + 1}` } : env,
    }),
  );
  const worker = workers[0] as (typeof workers)[number];
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  process.stdout.write(
    demoBanner(sandbox, {
      config,
      template: TEMPLATE_FILE,
      root: REPO_ROOT,
      envFile,
      activityEverySeconds: options.activity > 0 ? options.activity : false,
      color,
      ids: firstIds(readFileSync(config, 'utf8')),
      demoCase: demoCase(sandbox),
    }),
  );

  const signalled = new Promise<NodeJS.Signals>((resolveSignal) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (!received) {
        received = true;
        resolveSignal(signal);
        return;
      }
      // The terminal closing while we stop (its SIGHUP) is no reason to cut the stop short.
      if (signal === 'SIGHUP') return;
      // A second Ctrl-C while stopping: stop waiting (the exit handler kills the worker).
      say(`${signal} again: exiting now`);
      process.exit(130);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  });

  if (workers.length > 1) {
    say(
      `${workers.length} worker replicas share one PostgreSQL store; kill one (kill ${workers.map((w) => w.child.pid).join(' or ')}) and the others take over its work within seconds`,
    );
  }
  // With replicas, one replica dying is the point of the demo, not a reason to stop: wait for the last one.
  const allExited = Promise.all(workers.map((w) => w.exited)).then(
    (all) => all.at(-1) ?? { code: 1, signal: null },
  );
  const first = await Promise.race([
    signalled.then((signal) => ({ kind: 'signal' as const, signal })),
    (workers.length > 1 ? allExited : worker.exited).then((status) => ({ kind: 'worker' as const, status })),
  ]);

  if (first.kind === 'worker') {
    const { code, signal } = first.status;
    say(
      `the worker exited on its own (${signal ? `signal ${signal}` : `exit code ${code}`}); ` +
        (code === 2 ? 'its config has a problem, listed above. ' : 'see its log above. ') +
        'Stopping the sandbox.',
    );
    await sandbox.stop();
    await database?.stop();
    return code === 0 ? 1 : (code ?? 1);
  }

  // No new ThreatQ changes while the worker finishes what it has.
  sandbox.activity.stop();
  say(`${first.signal}: stopping the worker (up to ${STOP_TIMEOUT_MS / 1000}s), then the sandbox`);
  for (const stopped of await Promise.all(workers.map((w) => w.stop(STOP_TIMEOUT_MS)))) {
    if (stopped.killed) say('a worker did not stop in time and was killed');
    else if (stopped.code !== 0 && workers.length === 1)
      say(`the worker exited with ${stopped.signal ?? `code ${stopped.code}`} while stopping`);
  }
  await sandbox.stop();
  await database?.stop();
  say('stopped');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`start-demo: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
