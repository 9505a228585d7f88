import { closeRuntime, Metrics, pollService, Worker } from '@tqalert/worker';
import type { Command } from '../cli/command.js';
import { UsageError } from '../cli/usage-error.js';
import { cliLogger, loadWorkerConfig, openRuntime } from '../cli/worker-config.js';

const command: Command = {
  path: ['run'],
  summary: 'run every service once and deliver what it finds, then exit (non-zero if anything failed)',
  usage: '--once --config <file> [--dry-run]',
  help: [
    ['--once', 'run each service once (required: the long-running mode is tqalert-worker)'],
    ['--dry-run', 'fetch and route, print what would be sent; send nothing, store nothing'],
    ['-c, --config <file>', 'the worker config'],
  ],
  examples: [
    'tqalert run --once --config tqalert.yaml',
    'tqalert run --once --dry-run --config tqalert.yaml --json',
  ],
  options: { once: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  async run(ctx) {
    if (!ctx.values.once)
      throw new UsageError(
        '--once is required: tqalert run only runs once; use tqalert-worker to keep running',
      );
    const redactor = ctx.redactor;
    if (ctx.values['dry-run']) {
      const runtime = await openRuntime(ctx, redactor);
      try {
        const reports = [];
        for (const entry of runtime.services.values()) {
          reports.push(
            await pollService(runtime, entry, {
              now: () => new Date(),
              metrics: new Metrics(),
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
      const summary = await worker.runOnce();
      ctx.out.result(summary);
      for (const p of summary.polls) {
        ctx.out.line(
          `${p.ok ? 'ok  ' : 'FAIL'} ${p.service}: fetched ${p.fetched}, enqueued ${p.enqueued}, rejected ${p.rejected}${p.error ? `, error: ${p.error}` : ''}`,
        );
      }
      ctx.out.line(
        `delivered ${summary.dispatch.sent}, retries ${summary.dispatch.retried}, dead-lettered ${summary.dead}, still pending ${summary.pending}`,
      );
      return summary.ok ? 0 : 1;
    } finally {
      await worker.stop();
    }
  },
};
export default command;
