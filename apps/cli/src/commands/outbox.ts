import { CONFIG_HELP, type Command } from '../cli/command.js';
import { parseIdList } from '../cli/flags.js';
import { UsageError } from '../cli/usage-error.js';
import { openStore } from '../cli/worker-config.js';

const command: Command = {
  path: ['outbox'],
  summary: 'inspect and manage deliveries waiting in the outbox',
  usage: 'list|retry|purge --config <file> [--id <id,…>] [--all]',
  help: [
    [
      'list',
      'pending deliveries per lane (notifier → destination: count, oldest, why it waits), then each delivery',
    ],
    ['retry [--id <ids> | --all]', 'make pending deliveries due now'],
    ['purge (--id <ids> | --all)', 'delete deliveries (they will NOT be sent)'],
    ['--limit <n>', 'list at most n (default 50)'],
    CONFIG_HELP,
  ],
  examples: ['tqalert outbox list --config tqalert.yaml', 'tqalert outbox retry --all --config tqalert.yaml'],
  options: { id: { type: 'string' }, all: { type: 'boolean' }, limit: { type: 'string' } },
  async run(ctx) {
    const action = String(ctx.values.__command).split(' ')[1];
    const ids = typeof ctx.values.id === 'string' ? parseIdList(ctx.values.id, '--id') : undefined;
    if (action === 'purge' && !ids && !ctx.values.all)
      throw new UsageError('outbox purge needs --id <ids> or --all');
    const limit = Number(ctx.values.limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit takes a positive whole number (got "${ctx.values.limit}")`);
    const store = await openStore(ctx, ctx.redactor);
    try {
      if (action === 'list') {
        const pending = await store.listDeliveries({ status: 'pending', limit });
        const lanes = await store.laneStats(new Date());
        ctx.out.result({ ok: true, lanes, deliveries: pending });
        if (pending.length === 0) ctx.out.line('outbox is empty');
        // One line per lane first: a lane held by a typo or a refused login shows its reason once.
        for (const lane of lanes) {
          ctx.out.line(
            `lane ${lane.notifier} → ${lane.destination}	pending ${lane.pending}	due ${lane.due}	oldest ${lane.oldestPendingAt ?? '-'}${lane.lastError ? `	waiting: ${lane.lastError}` : ''}`,
          );
        }
        for (const d of pending) {
          ctx.out.line(
            `${d.id}\t${d.notifier} → ${d.destination}\tattempts ${d.attempts}\tnext ${d.nextAttemptAt}\t${d.alert.title}${d.lastError ? `\tlast error: ${d.lastError}` : ''}`,
          );
        }
        return 0;
      }
      if (action === 'retry') {
        const count = await store.retryDeliveries({ ...(ids ? { ids } : {}), now: new Date() });
        ctx.out.result({ ok: true, retried: count });
        ctx.out.ok(
          `${count} deliver${count === 1 ? 'y is' : 'ies are'} due now; a running worker sends them on its next pass`,
        );
        return 0;
      }
      const count = await store.purgeDeliveries(ids ? { ids } : { status: 'pending' });
      ctx.out.result({ ok: true, purged: count });
      ctx.out.ok(`purged ${count} deliver${count === 1 ? 'y' : 'ies'}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
export default command;
