import { closeRuntime, verifyNotifiers } from '@tqalert/worker';
import type { Command } from '../cli/command.js';
import { openRuntime } from '../cli/worker-config.js';

const command: Command = {
  path: ['validate'],
  summary: 'check a worker config: the file, every plugin and every plugin’s options, all errors at once',
  usage: '--config <file> [--online]',
  help: [
    ['-c, --config <file>', 'the worker config (YAML or JSON)'],
    [
      '--online',
      'also ask each notifier whether it can deliver: every Slack channel and user resolves, the SMTP login works (sends nothing)',
    ],
  ],
  examples: ['tqalert validate --config tqalert.yaml', 'tqalert validate --online --config tqalert.yaml'],
  options: { online: { type: 'boolean' } },
  async run(ctx) {
    const redactor = ctx.redactor;
    const runtime = await openRuntime(ctx, redactor, false);
    try {
      if (ctx.values.online) await verifyNotifiers(runtime);
    } finally {
      await closeRuntime(runtime).catch(() => undefined);
    }
    const summary = {
      ok: true,
      file: runtime.loaded.file,
      services: [...runtime.services.keys()],
      notifiers: [...runtime.notifiers.keys()],
      store: runtime.loaded.config.store.use,
      online: Boolean(ctx.values.online),
    };
    ctx.out.result(summary);
    ctx.out.ok(
      `${summary.file} is valid${summary.online ? ' and every notifier can deliver' : ''}: ${summary.services.length} service(s) [${summary.services.join(', ')}], ${summary.notifiers.length} notifier(s) [${summary.notifiers.join(', ')}], store ${summary.store}`,
    );
    return 0;
  },
};
export default command;
