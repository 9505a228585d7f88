import { closeRuntime, Dispatcher, Metrics, pollService } from '@tqalert/worker';
import type { Command } from '../cli/command.js';
import { parseSince, requireFlag } from '../cli/flags.js';
import { UsageError } from '../cli/usage-error.js';
import { openRuntime } from '../cli/worker-config.js';

const command: Command = {
  path: ['backfill'],
  summary:
    'find and deliver a service’s alerts over a past period (dedup keeps repeats out); the cursor stays put',
  usage: '--config <file> --service <id> --since <duration|date> [--dry-run]',
  help: [
    ['--service <id>', 'the service id from the config'],
    ['--since <when>', '7d, 12h, or a date like 2026-11-01'],
    ['--dry-run', 'only count what would be delivered'],
    ['-c, --config <file>', 'the worker config'],
  ],
  examples: ['tqalert backfill --config tqalert.yaml --service high-risk --since 7d'],
  options: { service: { type: 'string' }, since: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run(ctx) {
    const serviceId = requireFlag(ctx.values, 'service', 'the service id from the config');
    const since = parseSince(requireFlag(ctx.values, 'since', 'how far back, e.g. --since 7d'), new Date());
    const runtime = await openRuntime(ctx, ctx.redactor);
    try {
      const entry = runtime.services.get(serviceId);
      if (!entry)
        throw new UsageError(
          `--service "${serviceId}" is not in the config; services: ${[...runtime.services.keys()].join(', ')}`,
        );
      const metrics = new Metrics({ defaultMetrics: false });
      ctx.out.note(`backfilling ${serviceId} since ${since.toISOString()}`);
      const report = await pollService(runtime, entry, {
        now: () => new Date(),
        metrics,
        destinationCache: new Map(),
        since,
        dryRun: Boolean(ctx.values['dry-run']),
      });
      if (!report.ok) {
        ctx.out.error(`backfill of ${serviceId} failed: ${report.error}`);
        return 1;
      }
      const total = report.enqueued;
      let sent = 0;
      let dead = 0;
      if (!ctx.values['dry-run'] && total > 0) {
        const bar = ctx.out.progress('delivering', total);
        const dispatcher = new Dispatcher(runtime, { now: () => new Date(), metrics });
        for (let idle = 0; idle < 50 && sent + dead < total; ) {
          await dispatcher.tick({ flushDigests: true });
          await dispatcher.idle();
          const done = dispatcher.summary;
          const progress = done.sent + done.dead - (sent + dead);
          sent = done.sent;
          dead = done.dead;
          bar.tick(progress);
          idle = progress === 0 ? idle + 1 : 0;
          if (progress === 0) await new Promise((r) => setTimeout(r, 200));
        }
        bar.done();
        await dispatcher.stop();
      }
      const summary = {
        ok: dead === 0 && sent === total,
        service: serviceId,
        since: since.toISOString(),
        found: report.fetched,
        enqueued: total,
        duplicates: report.duplicates,
        suppressed: report.suppressed,
        sent,
        dead,
        dryRun: Boolean(ctx.values['dry-run']),
      };
      ctx.out.result(summary);
      ctx.out.line(
        `${serviceId}: found ${report.fetched}, ${ctx.values['dry-run'] ? 'would deliver' : 'enqueued'} ${total}, delivered ${sent}, dead-lettered ${dead}`,
      );
      return ctx.values['dry-run'] || summary.ok ? 0 : 1;
    } finally {
      await closeRuntime(runtime).catch(() => undefined);
    }
  },
};
export default command;
