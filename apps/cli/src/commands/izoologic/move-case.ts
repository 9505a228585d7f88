import { describeCaseType, parseCaseType, validateMoveCase } from '@tqalert/izoologic-client';
import type { Command } from '../../cli/command.js';
import { UsageError } from '../../cli/usage-error.js';
import { CASE_ACTION_OPTIONS, caseActionHelp, caseFrom, runCaseAction } from './action-runner.js';

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
      'the current type, when known: a move the guide does not allow is refused before any request',
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
    return runCaseAction(ctx, {
      action: 'Move Case',
      validate: validateMoveCase,
      input: (target, clientCode) => {
        // The current type: --from, else the ThreatQ object's case-type attribute.
        const from = (ctx.values.from as string | undefined) ?? target?.caseType;
        return {
          caseId: caseFrom(ctx, target),
          toCaseType: /^\d+$/.test(String(ctx.values.to)) ? Number(ctx.values.to) : ctx.values.to,
          ...(from !== undefined ? { fromCaseType: /^\d+$/.test(from) ? Number(from) : from } : {}),
          clientCode,
          comment: ctx.values.comment as string | undefined,
        };
      },
      call: (client, input) => client.moveCase(input) as never,
      comment: (input, outcome) => {
        const to = parseCaseType(input.toCaseType as string | number);
        const toText = to ? describeCaseType(to) : String(input.toCaseType);
        return outcome.ok
          ? `iZoologic: case ${input.caseId} moved to ${toText}: ${outcome.summary}.${input.comment ? ` Comment: ${input.comment}` : ''}`
          : `iZoologic: moving case ${input.caseId} to ${toText} FAILED: ${outcome.error}`;
      },
      after: async (target, result) => {
        const to = result.toCaseType as number;
        await target.threatq.addAttribute(target.collection, target.id, target.caseTypeAttribute, String(to));
      },
    });
  },
};
export default command;
