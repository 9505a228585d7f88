import { CONFIG_HELP, type Command } from '../cli/command.js';
import { parseIdList } from '../cli/flags.js';
import { UsageError } from '../cli/usage-error.js';
import { openStore } from '../cli/worker-config.js';

const command: Command = {
  path: ['dead-letters'],
  summary: 'list dead letters with their reasons, or replay them into the outbox',
  usage: 'list|replay --config <file> [--id <id,…> | --all]',
  help: [
    ['list', 'dead deliveries and rejected upstream records, with the reason'],
    ['replay (--id <ids> | --all)', 'put dead deliveries back in the outbox (attempts reset)'],
    ['--limit <n>', 'list at most n (default 50)'],
    CONFIG_HELP,
  ],
  examples: [
    'tqalert dead-letters list --config tqalert.yaml',
    'tqalert dead-letters replay --id 12,13 --config tqalert.yaml',
  ],
  options: { id: { type: 'string' }, all: { type: 'boolean' }, limit: { type: 'string' } },
  async run(ctx) {
    const action = String(ctx.values.__command).split(' ')[1];
    const ids = typeof ctx.values.id === 'string' ? parseIdList(ctx.values.id, '--id') : undefined;
    if (action === 'replay' && !ids && !ctx.values.all)
      throw new UsageError('dead-letters replay needs --id <ids> or --all');
    const store = await openStore(ctx, ctx.redactor);
    try {
      if (action === 'list') {
        const letters = await store.listDeadLetters({ limit: Number(ctx.values.limit ?? 50) });
        ctx.out.result({ ok: true, deadLetters: letters });
        if (letters.length === 0) ctx.out.line('no dead letters');
        for (const l of letters) {
          const target = l.kind === 'delivery' ? `${l.notifier} → ${l.destination}` : 'upstream record';
          ctx.out.line(
            `${l.id}\t${l.kind}\t${l.service}\t${target}\tattempts ${l.attempts}\t${l.deadAt}\treason: ${l.reason}`,
          );
        }
        return 0;
      }
      const count = await store.replayDeadLetters({ ...(ids ? { ids } : {}), now: new Date() });
      ctx.out.result({ ok: true, replayed: count });
      ctx.out.ok(`${count} dead deliver${count === 1 ? 'y is' : 'ies are'} back in the outbox`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
export default command;
