import type { Command } from '../../cli/command.js';
import { UsageError } from '../../cli/usage-error.js';
import { CASE_ACTION_OPTIONS, caseActionHelp, runCaseAction } from './action-runner.js';

const command: Command = {
  path: ['izoologic', 'move-case'],
  summary: 'move a case to another case type (monitoring → 8, 10, 6; incident → 1-5, 8, 10)',
  usage: '--case <id> --to <type> [--from <type>] [--client-code <code>] [--comment <text>]',
  help: caseActionHelp('the case id', [
    [
      '--to <type>',
      'target: an id or a name: 1 domain, 2 brand-abuse, 3 mobile-app, 4 social-media, 5 executive, 6 incident, 8 authorised-list, 10 whitelist',
    ],
    [
      '--from <type>',
      'the current type; else read from --threatq-object, else looked up in iZoologic: a move the guide does not allow is refused before the move is sent',
    ],
    ['--comment <text>', 'optional comment logged with the move'],
  ]),
  examples: [
    'tqalert izoologic move-case --case CASE123456 --to incident --comment "Escalating"',
    'tqalert izoologic move-case --threatq-object events:42 --to whitelist --config tqalert.yaml',
  ],
  options: {
    ...CASE_ACTION_OPTIONS,
    to: { type: 'string' },
    from: { type: 'string' },
    comment: { type: 'string' },
  },
  run: (ctx) => {
    if (typeof ctx.values.to !== 'string')
      throw new UsageError('--to is required: the target case type, e.g. --to incident or --to 6');
    const numeric = (text: string) => (/^\d+$/.test(text) ? Number(text) : text);
    const from = ctx.values.from as string | undefined;
    return runCaseAction(ctx, 'moveCase', (clientCode) => ({
      toCaseType: numeric(String(ctx.values.to)),
      // Without --from the current type comes from the ThreatQ object, else from iZoologic's listing.
      ...(from !== undefined ? { fromCaseType: numeric(from) } : {}),
      clientCode,
      comment: ctx.values.comment as string | undefined,
    }));
  },
};
export default command;
