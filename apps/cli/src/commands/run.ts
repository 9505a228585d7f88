import {
  closeRuntime,
  DEFAULT_ONCE_MAX_WAIT_MS,
  Metrics,
  parseDuration,
  pollService,
  Worker,
} from '@tqalert/worker';
import type { Command } from '../cli/command.js';
import { UsageError } from '../cli/usage-error.js';
import { cliLogger, loadWorkerConfig, openRuntime } from '../cli/worker-config.js';

const command: Command = {
  path: ['run'],
  summary: 'run every service once and deliver what it finds, then exit (non-zero if anything failed)',
  usage: '--once --config <file> [--dry-run] [--max-wait <duration>]',
  help: [
    ['--once', 'run each service once (required: the long-running mode is tqalert-worker)'],
    [
      '--max-wait <duration>',
      'how long to wait for the outbox to drain, e.g. 90s or 10m (default 10m); what is left is listed per lane',
    ],
    ['--dry-run', 'fetch and route, print what would be sent; send nothing, store nothing'],
    ['-c, --config <file>', 'the worker config'],
  ],
  examples: [
    'tqalert run --once --config tqalert.yaml',
    'tqalert run --once --dry-run --config tqalert.yaml --json',
  ],
  options: { once: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'max-wait': { type: 'string' } },
  async run(ctx) {
    if (!ctx.values.once)
      throw new UsageError(
        '--once is required: tqalert run only runs once; use tqalert-worker to keep running',
      );
    const rawWait = ctx.values['max-wait'];
    const maxWaitMs = typeof rawWait === 'string' ? parseDuration(rawWait) : DEFAULT_ONCE_MAX_WAIT_MS;
    if (maxWaitMs === undefined)
      throw new UsageError(`--max-wait "${String(rawWait)}" is not a duration: write e.g. 90s, 10m or 1h`);
    const redactor = ctx.redactor;
    if (ctx.values['dry-run']) {
      const runtime = await openRuntime(ctx, redactor);
      try {
        const reports = [];
        for (const entry of runtime.services.values()) {
          reports.push(
            await pollService(runtime, entry, {
              now: () => new Date(),
              metrics: new Metrics({ defaultMetrics: false }),
              destinationCache: new Map(),
              dryRun: true,
            }),
          );
        }
        ctx.out.result({ ok: reports.every((r) => r.ok), dryRun: true, services: reports });
        for (const r of reports) {
          ctx.out.line(
            `${r.ok ? 'ok  ' : 'FAIL'} ${r.service}: would send ${r.deliveries.length} deliveries${r.error ? ` (error: ${r.error})` : ''}`,
          );
          for (const d of r.deliveries)
            ctx.out.line(`     → ${d.notifier} ${d.destination}: ${d.alert.title}`);
        }
        return reports.every((r) => r.ok) ? 0 : 1;
      } finally {
        await closeRuntime(runtime).catch(() => undefined);
      }
    }
    const loaded = loadWorkerConfig(ctx, redactor);
    const worker = new Worker(loaded, { logger: cliLogger(ctx, redactor), redactor });
    try {
      const summary = await worker.runOnce({ maxWaitMs });
      ctx.out.result(summary);
      for (const p of summary.polls) {
        ctx.out.line(
          `${p.ok ? 'ok  ' : 'FAIL'} ${p.service}: fetched ${p.fetched}, enqueued ${p.enqueued}, rejected ${p.rejected}${p.error ? `, error: ${p.error}` : ''}`,
        );
      }
      ctx.out.line(
        `delivered ${summary.dispatch.sent}, retries ${summary.dispatch.retried}, dead-lettered ${summary.dead}, still pending ${summary.pending}`,
      );
      for (const lane of summary.lanes)
        ctx.out.line(
          `pending ${lane.pending} on ${lane.notifier} → ${lane.destination}${lane.reason ? `: ${lane.reason}` : ''}`,
        );
      return summary.ok ? 0 : 1;
    } finally {
      await worker.stop();
    }
  },
};
export default command;
