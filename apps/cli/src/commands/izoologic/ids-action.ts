import type { CaseIdsInput, InputIssue, IZoologicClient } from '@tqalert/izoologic-client';
import type { Command } from '../../cli/command.js';
import { parseIdList } from '../../cli/flags.js';
import { CASE_ACTION_OPTIONS, caseActionHelp, caseFrom, runCaseAction } from './action-runner.js';

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
    help: caseActionHelp('one case id or several separated by commas', [
      ['--remark <text>', 'optional remark logged with the action'],
    ]),
    examples: [
      `tqalert izoologic ${spec.name} --case INC123456,INC123457 --client-code ABC --remark "Confirmed phishing"`,
      `tqalert izoologic ${spec.name} --threatq-object events:42 --config tqalert.yaml`,
    ],
    options: { ...CASE_ACTION_OPTIONS, remark: { type: 'string' } },
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
