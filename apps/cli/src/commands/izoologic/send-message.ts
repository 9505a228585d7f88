import { validateSendCaseMessage } from '@tqalert/izoologic-client';
import type { Command } from '../../cli/command.js';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  caseFrom,
  runCaseAction,
  THREATQ_OBJECT_HELP,
  THREATQ_OBJECT_OPTIONS,
} from './action-runner.js';

const command: Command = {
  path: ['izoologic', 'send-message'],
  summary:
    'send a message to the iZoologic team about a case (emailed to iZOOlabs support and logged in the case history)',
  usage: '--case <id> --subject <text> --message <text> [--client-code <code>]',
  help: [
    ['--case <id>', 'the case id, e.g. CASE123456'],
    ['--subject <text>', 'up to 120 characters'],
    ['--message <text>', 'required, up to 2,500 characters'],
    ['--client-code <code>', 'client identifier (or $IZOOLOGIC_CLIENT_CODE)'],
    ...THREATQ_OBJECT_HELP,
    ...CONNECTION_HELP,
  ],
  examples: [
    'tqalert izoologic send-message --case CASE123456 --subject "Urgent follow-up" --message "Please provide a status update"',
    'tqalert izoologic send-message --threatq-object events:42 --subject "Status?" --message "Any news?" --config tqalert.yaml',
  ],
  options: {
    case: { type: 'string' },
    subject: { type: 'string' },
    message: { type: 'string' },
    'client-code': { type: 'string' },
    ...THREATQ_OBJECT_OPTIONS,
    ...CONNECTION_OPTIONS,
  },
  run: (ctx) =>
    runCaseAction(ctx, {
      action: 'Send Case Message',
      validate: validateSendCaseMessage,
      input: (target, clientCode) => ({
        caseId: caseFrom(ctx, target),
        subject: ctx.values.subject as string | undefined,
        message: ctx.values.message as string,
        clientCode,
      }),
      call: (client, input) => client.sendCaseMessage(input),
      comment: (input, outcome) =>
        outcome.ok
          ? `iZoologic: message sent for case ${input.caseId}. Subject: ${input.subject ?? '(none)'}. Message: ${input.message}`
          : `iZoologic: sending a message for case ${input.caseId} FAILED: ${outcome.error}`,
    }),
};
export default command;
