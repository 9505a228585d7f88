import { isActionAuditStore, Redactor } from '@tqalert/core';
import type { Command } from '../cli/command.js';
import { UsageError } from '../cli/usage-error.js';
import { openStore } from '../cli/worker-config.js';

const ACTIONS = ['sendCaseMessage', 'approveCaseTakedown', 'markAsReviewed', 'moveCase'];
const STATUSES = ['started', 'succeeded', 'failed'] as const;

const command: Command = {
  path: ['actions'],
  summary: 'the audit trail of iZoologic case actions (CLI and Slack): who did what to which case',
  usage: 'list --config <file> [--case <id>] [--action <name>] [--status <status>] [--limit <n>]',
  help: [
    ['list', 'recorded actions, newest first: time, actor, action, cases, outcome, idempotency key'],
    ['--case <id>', 'only actions on this case'],
    ['--action <name>', `only this action: ${ACTIONS.join(', ')}`],
    ['--status <status>', `only ${STATUSES.join(', ')} (started: running, or interrupted)`],
    ['--limit <n>', 'list at most n (default 50)'],
  ],
  examples: [
    'tqalert actions list --config tqalert.yaml',
    'tqalert actions list --case INC123456 --config tqalert.yaml --json',
  ],
  options: {
    case: { type: 'string' },
    action: { type: 'string' },
    status: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(ctx) {
    const limit = Number(ctx.values.limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit takes a positive whole number (got "${ctx.values.limit}")`);
    const action = ctx.values.action as string | undefined;
    if (action !== undefined && !ACTIONS.includes(action))
      throw new UsageError(`--action takes one of ${ACTIONS.join(', ')} (got "${action}")`);
    const status = ctx.values.status as (typeof STATUSES)[number] | undefined;
    if (status !== undefined && !STATUSES.includes(status))
      throw new UsageError(`--status takes one of ${STATUSES.join(', ')} (got "${status}")`);
    const store = await openStore(ctx, new Redactor());
    try {
      if (!isActionAuditStore(store)) {
        throw new UsageError(
          "the config's store keeps no action audit trail (recordAction/listActions): use the sqlite store",
        );
      }
      const entries = await store.listActions({
        limit,
        ...(action ? { action } : {}),
        ...(status ? { status } : {}),
        ...(typeof ctx.values.case === 'string' ? { caseId: ctx.values.case.trim() } : {}),
      });
      ctx.out.result({ ok: true, actions: entries });
      if (entries.length === 0) ctx.out.line('no actions recorded');
      for (const e of entries) {
        const who = `${e.actor.name ?? e.actor.id} via ${e.actor.via}`;
        const on = e.objectKey ? ` on ${e.objectKey}` : '';
        ctx.out.line(
          `${e.startedAt}\t${who}\t${e.action}\t${e.caseIds.join(',')}${on}\t${e.status}${e.message ? `: ${e.message}` : ''}\tkey ${e.idempotencyKey}`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
export default command;
