import { DeliveryError, NotificationTypes } from '@tqalert/core';
import { closeRuntime } from '@tqalert/worker';
import type { Command } from '../cli/command.js';
import { requireFlag } from '../cli/flags.js';
import { sendPatiently } from '../cli/patient-send.js';
import { sampleAlert } from '../cli/sample-alert.js';
import { UsageError } from '../cli/usage-error.js';
import { openRuntime } from '../cli/worker-config.js';

const command: Command = {
  path: ['test-send'],
  summary: 'send one sample alert (marked [TEST]) through a notifier of a worker config',
  usage: '--config <file> --notifier <id> [--type WATCHLIST|DATA_COLLECTION|FREE_FORM]',
  help: [
    ['--notifier <id>', 'the notifier id from the config'],
    ['--type <type>', 'the sample alert’s notification type (default WATCHLIST)'],
    ['-c, --config <file>', 'the worker config'],
  ],
  examples: ['tqalert test-send --config tqalert.yaml --notifier soc-slack'],
  options: { notifier: { type: 'string' }, type: { type: 'string' } },
  async run(ctx) {
    const id = requireFlag(
      ctx.values,
      'notifier',
      'the notifier id from the config, e.g. --notifier soc-slack',
    );
    const type = (ctx.values.type as string | undefined) ?? NotificationTypes.WATCHLIST;
    if (!Object.values(NotificationTypes).includes(type as never)) {
      throw new UsageError(
        `--type takes one of ${Object.values(NotificationTypes).join(', ')} (got "${type}")`,
      );
    }
    const redactor = ctx.redactor;
    const runtime = await openRuntime(ctx, redactor, false);
    try {
      const notifier = runtime.notifiers.get(id);
      if (!notifier) {
        throw new UsageError(
          `--notifier "${id}" is not in the config; notifiers: ${[...runtime.notifiers.keys()].join(', ') || 'none'}`,
        );
      }
      const alert = sampleAlert(type, 'tqalert-test-send');
      try {
        const records = await sendPatiently(notifier, notifier.formatAlert([alert], type), {
          onWait: (seconds) =>
            ctx.out.note(
              `${id} is rate-limited (a running worker may be sending to the same place); trying again in ${seconds.toFixed(1)} s`,
            ),
        });
        ctx.out.result({ ok: true, notifier: id, records });
        for (const r of records)
          ctx.out.ok(`sent to ${r.destination} (${r.parts.length} part${r.parts.length === 1 ? '' : 's'})`);
        return 0;
      } catch (error) {
        if (DeliveryError.isInstance(error)) {
          ctx.out.error(`${id} could not deliver: ${error.message}`, { retryable: error.retryable });
          return 1;
        }
        throw error;
      }
    } finally {
      await closeRuntime(runtime).catch(() => undefined);
    }
  },
};
export default command;
