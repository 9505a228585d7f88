import type { Command } from '../../cli/command.js';
import { CASE_ACTION_OPTIONS, caseActionHelp, runCaseAction } from './action-runner.js';

const command: Command = {
  path: ['izoologic', 'send-message'],
  summary:
    'send a message to the iZoologic team about a case (emailed to iZOOlabs support and logged in the case history)',
  usage: '--case <id> --message <text> [--subject <text>] [--client-code <code>]',
  help: caseActionHelp('the case id, e.g. CASE123456', [
    ['--subject <text>', 'optional, up to 120 characters'],
    ['--message <text>', 'required, up to 2,500 characters'],
  ]),
  examples: [
    'tqalert izoologic send-message --case CASE123456 --subject "Urgent follow-up" --message "Please provide a status update"',
    'tqalert izoologic send-message --threatq-object events:42 --subject "Status?" --message "Any news?" --config tqalert.yaml',
  ],
  options: { ...CASE_ACTION_OPTIONS, subject: { type: 'string' }, message: { type: 'string' } },
  run: (ctx) =>
    runCaseAction(ctx, 'sendCaseMessage', (clientCode) => ({
      subject: ctx.values.subject as string | undefined,
      message: ctx.values.message as string | undefined,
      clientCode,
    })),
};
export default command;
