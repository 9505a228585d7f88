import { type ActionAuditStore, isActionAuditStore, MemoryActionAudit, type Redactor } from '@tqalert/core';
import type { CommandContext } from '../../cli/command.js';

/** Where the CLI records case actions, and what to tell the user about it. */
export interface CliActionAudit {
  store: ActionAuditStore;
  /** Said once on stderr: why idempotency keys are remembered only for this run. */
  note: string | undefined;
  close(): Promise<void>;
}

/**
 * The config's store when a config is named (`--config` or `$TQALERT_CONFIG`) and keeps the audit trail, so a
 * retried `--idempotency-key` is caught across runs and `tqalert actions list` shows the action; otherwise an
 * in-memory trail for this run only.
 */
export async function actionAuditFrom(ctx: CommandContext, redactor: Redactor): Promise<CliActionAudit> {
  const named = (ctx.values.config as string | undefined) ?? ctx.env.TQALERT_CONFIG;
  const keyGiven = typeof ctx.values['idempotency-key'] === 'string';
  if (!named) {
    return {
      store: new MemoryActionAudit(),
      note: keyGiven
        ? 'without --config the idempotency key is remembered for this run only; give the worker config to record it in its store'
        : undefined,
      close: async () => undefined,
    };
  }
  // Loaded only here: the worker's config and store code is most of the CLI's start-up time, and an action
  // without a config never needs it.
  const { openStore } = await import('../../cli/worker-config.js');
  const store = await openStore(ctx, redactor);
  if (isActionAuditStore(store)) return { store, note: undefined, close: () => store.close() };
  await store.close();
  return {
    store: new MemoryActionAudit(),
    note: "the config's store keeps no action audit trail: the idempotency key is remembered for this run only",
    close: async () => undefined,
  };
}
