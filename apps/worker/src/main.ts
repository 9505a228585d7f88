import { parseArgs } from 'node:util';
import { ConfigError, describeError, Redactor } from '@tqalert/core';
import { parseDuration } from './config/duration.js';
import { loadConfig } from './config/load-config.js';
import { withPluginIssues } from './config/plugin-option-issues.js';
import { configJsonSchema } from './config/schema.js';
import { createLogger } from './log/logger.js';
import { DEFAULT_ONCE_MAX_WAIT_MS, Worker } from './worker.js';

const USAGE = `Usage: tqalert-worker --config <file> [--once [--max-wait <duration>]] [--check]

Polls ThreatQ and delivers alerts to Slack, email and other notifiers, as the config file says.

Options:
  -c, --config <file>   YAML or JSON config (or $TQALERT_CONFIG; required: ./tqalert.yaml is not read unless named)
      --once            run every service once, deliver, print a summary and exit (non-zero if anything failed)
      --max-wait <d>    with --once: how long to wait for the outbox to drain, e.g. 90s, 10m (default 10m);
                        what is still pending is then listed per lane, and the exit code is 1
      --check           validate the config, load every plugin, open the store, and resolve every Slack
                        channel and user and the SMTP login; sends nothing
      --print-schema    print the config's JSON Schema and exit
  -h, --help            this help
  -v, --version         the version

Example:
  tqalert-worker --config ./tqalert.yaml
`;

/** Runs the worker CLI; resolves with the exit code (0 ok, 1 failure, 2 usage or config error). */
export async function main(argv: string[], version: string): Promise<number> {
  let args: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        once: { type: 'boolean' },
        'max-wait': { type: 'string' },
        check: { type: 'boolean' },
        'print-schema': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    });
  }
  try {
    args = parse();
  } catch (error) {
    process.stderr.write(`tqalert-worker: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.values.version) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (args.values['print-schema']) {
    process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return 0;
  }
  // Never a tqalert.yaml found in the working directory: only the file the operator named (README "Security").
  const file = args.values.config || process.env.TQALERT_CONFIG || missingConfig();
  if (!file) return 2;
  const redactor = new Redactor();
  let worker: Worker;
  let logger = createLogger({ redactor });
  try {
    const loaded = loadConfig(file);
    redactor.add(...loaded.secrets);
    logger = createLogger({ redactor, level: loaded.config.log.level, format: loaded.config.log.format });
    logger.info('config loaded', { file: loaded.file });
    worker = new Worker(loaded, { logger, redactor });
    if (args.values.check) {
      await worker.check();
      process.stdout.write(`config ok: ${loaded.file}\n`);
      await worker.stop();
      return 0;
    }
  } catch (error) {
    return reportFailure(await withPluginIssues(error), redactor);
  }
  if (args.values.once) {
    let maxWaitMs = DEFAULT_ONCE_MAX_WAIT_MS;
    if (args.values['max-wait'] !== undefined) {
      const parsed = parseDuration(args.values['max-wait']);
      if (parsed === undefined) {
        process.stderr.write(
          `tqalert-worker: --max-wait "${args.values['max-wait']}" is not a duration: write e.g. 90s, 10m or 1h\n`,
        );
        await worker.stop();
        return 2;
      }
      maxWaitMs = parsed;
    }
    try {
      const summary = await worker.runOnce({ maxWaitMs });
      for (const p of summary.polls) {
        const suppressed =
          Object.entries(p.suppressed)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none';
        process.stdout.write(
          `${p.ok ? 'ok  ' : 'FAIL'} ${p.service}: fetched ${p.fetched}, enqueued ${p.enqueued}, suppressed ${suppressed}, rejected ${p.rejected}${p.error ? `, error: ${p.error}` : ''}\n`,
        );
      }
      process.stdout.write(
        `delivered ${summary.dispatch.sent}, retries ${summary.dispatch.retried}, dead-lettered ${summary.dead}, still pending ${summary.pending}\n`,
      );
      for (const lane of summary.lanes) {
        process.stdout.write(
          `pending ${lane.pending} on ${lane.notifier} → ${lane.destination}${lane.reason ? `: ${redactor.text(lane.reason)}` : ''}\n`,
        );
      }
      return summary.ok ? 0 : 1;
    } catch (error) {
      return reportFailure(error, redactor);
    } finally {
      await worker.stop();
    }
  }
  return runForever(worker, logger, file, redactor);
}

/** Says that a config must be named; the worker never picks one up from the working directory. */
function missingConfig(): undefined {
  process.stderr.write(
    'tqalert-worker: no config file: pass --config <file> or set TQALERT_CONFIG (a tqalert.yaml in the current folder is not read unless named)\n',
  );
  return undefined;
}

/** Prints a failure without secrets; exit code 2 for config errors, 1 otherwise. */
function reportFailure(error: unknown, redactor: Redactor): number {
  const message = ConfigError.isInstance(error) ? error.message : describeError(error);
  process.stderr.write(`tqalert-worker: ${redactor.text(message)}\n`);
  return ConfigError.isInstance(error) ? 2 : 1;
}

async function runForever(
  first: Worker,
  logger: ReturnType<typeof createLogger>,
  file: string,
  redactor: Redactor,
): Promise<number> {
  let worker = first;
  // Signals are handled from the first moment: a SIGTERM during start-up waits for start, then stops cleanly.
  let pending: Promise<unknown> = worker.start();
  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('stopping', { signal });
      pending
        .catch(() => undefined)
        .then(() => worker.stop())
        .then(
          () => resolve(0),
          (error) => {
            logger.error('stop failed', { error: describeError(error) });
            resolve(1);
          },
        );
    };
    // SIGHUP reloads the config: the new one is validated first; if it is wrong, the running worker goes on.
    const reload = () => {
      if (stopping) return;
      pending = pending.then(async () => {
        let loaded: ReturnType<typeof loadConfig>;
        try {
          loaded = loadConfig(file);
        } catch (error) {
          logger.error('config reload refused; still running the previous config', {
            error: describeError(error),
          });
          return;
        }
        redactor.add(...loaded.secrets);
        await worker.stop();
        worker = new Worker(loaded, { logger, redactor });
        await worker.start();
        logger.info('config reloaded', { file });
      });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGHUP', reload);
    pending.catch(async (error) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`tqalert-worker: ${redactor.text(describeError(error))}\n`);
      await worker.stop().catch(() => undefined);
      resolve(ConfigError.isInstance(error) ? 2 : 1);
    });
  });
}
