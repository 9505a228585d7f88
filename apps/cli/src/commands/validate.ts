import { closeRuntime } from '@tqalert/worker';
import type { Command } from '../cli/command.js';
import { openRuntime } from '../cli/worker-config.js';

const command: Command = {
  path: ['validate'],
  summary: 'check a worker config: the file, every plugin and every plugin’s options, all errors at once',
  usage: '--config <file>',
  help: [['-c, --config <file>', 'the worker config (YAML or JSON)']],
  examples: ['tqalert validate --config tqalert.yaml'],
  options: {},
  async run(ctx) {
    const redactor = ctx.redactor;
    const runtime = await openRuntime(ctx, redactor, false);
    const summary = {
      ok: true,
      file: runtime.loaded.file,
      services: [...runtime.services.keys()],
      notifiers: [...runtime.notifiers.keys()],
      store: runtime.loaded.config.store.use,
    };
    await closeRuntime(runtime).catch(() => undefined);
    ctx.out.result(summary);
    ctx.out.ok(
      `${summary.file} is valid: ${summary.services.length} service(s) [${summary.services.join(', ')}], ${summary.notifiers.length} notifier(s) [${summary.notifiers.join(', ')}], store ${summary.store}`,
    );
    return 0;
  },
};
export default command;
