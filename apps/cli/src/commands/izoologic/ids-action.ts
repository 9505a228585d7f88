import type { CaseActionName } from '@tqalert/izoologic-actions';
import type { Command } from '../../cli/command.js';
import { CASE_ACTION_OPTIONS, caseActionHelp, runCaseAction } from './action-runner.js';

/** Approve Case Takedown and Mark As Reviewed share their shape: cases, client code, optional remark. */
export function idsActionCommand(spec: { name: string; action: CaseActionName; summary: string }): Command {
  return {
    path: ['izoologic', spec.name],
    summary: spec.summary,
    usage: '--case <id>[,<id>…] [--case <id>…] [--client-code <code>] [--remark <text>]',
    help: caseActionHelp('a case id, or several: repeat --case or separate them with commas', [
      ['--remark <text>', 'optional remark logged with the action'],
    ]),
    examples: [
      `tqalert izoologic ${spec.name} --case INC123456 --case INC123457 --client-code ABC --remark "Confirmed phishing"`,
      `tqalert izoologic ${spec.name} --threatq-object events:42 --config tqalert.yaml`,
    ],
    options: { ...CASE_ACTION_OPTIONS, remark: { type: 'string' } },
    run: (ctx) =>
      runCaseAction(ctx, spec.action, (clientCode) => ({
        clientCode,
        remark: ctx.values.remark as string | undefined,
      })),
  };
}
