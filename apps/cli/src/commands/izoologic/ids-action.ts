import type { CaseIdsInput, InputIssue, IZoologicClient } from '@tqalert/izoologic-client';
import type { Command } from '../../cli/command.js';
import { parseIdList } from '../../cli/flags.js';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  caseFrom,
  runCaseAction,
  THREATQ_OBJECT_HELP,
  THREATQ_OBJECT_OPTIONS,
} from './action-runner.js';

/** Approve Case Takedown and Mark As Reviewed share their shape: ids, client code, optional remark. */
export function idsActionCommand(spec: {
  name: string;
  action: string;
  summary: string;
  verb: string;
  validate: (input: CaseIdsInput) => InputIssue[];
  call: (client: IZoologicClient, input: CaseIdsInput) => Promise<{ message: string; caseIds: string[] }>;
}): Command {
  return {
    path: ['izoologic', spec.name],
    summary: spec.summary,
    usage: '--case <id>[,<id>…] [--client-code <code>] [--remark <text>]',
    help: [
      ['--case <ids>', 'one case id or several separated by commas'],
      ['--client-code <code>', 'client identifier (or $IZOOLOGIC_CLIENT_CODE)'],
      ['--remark <text>', 'optional remark logged with the action'],
      ...THREATQ_OBJECT_HELP,
      ...CONNECTION_HELP,
    ],
    examples: [
      `tqalert izoologic ${spec.name} --case INC123456,INC123457 --client-code ABC --remark "Confirmed phishing"`,
      `tqalert izoologic ${spec.name} --threatq-object events:42 --config tqalert.yaml`,
    ],
    options: {
      case: { type: 'string' },
      'client-code': { type: 'string' },
      remark: { type: 'string' },
      ...THREATQ_OBJECT_OPTIONS,
      ...CONNECTION_OPTIONS,
    },
    run: (ctx) =>
      runCaseAction(ctx, {
        action: spec.action,
        validate: spec.validate as (input: never) => InputIssue[],
        input: (target, clientCode) => ({
          ids: parseIdList(caseFrom(ctx, target), '--case'),
          clientCode,
          remark: ctx.values.remark as string | undefined,
        }),
        call: (client, input) => spec.call(client, input) as never,
        comment: (input, outcome) => {
          const ids = (input.ids as string[]).join(', ');
          const remark = input.remark ? ` Remark: ${input.remark}` : '';
          return outcome.ok
            ? `iZoologic: ${spec.verb} case ${ids}: ${outcome.summary}.${remark}`
            : `iZoologic: ${spec.action} for case ${ids} FAILED: ${outcome.error}`;
        },
      }),
  };
}
