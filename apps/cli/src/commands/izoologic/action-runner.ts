import { userInfo } from 'node:os';
import { ValidationError } from '@tqalert/core';
import type { CaseActionName, CaseActionOptions, CaseActionResult } from '@tqalert/izoologic-actions';
import type { InputIssue } from '@tqalert/izoologic-client';
import type { CommandContext, OptionSpec } from '../../cli/command.js';
import {
  accountKindFrom,
  clientCodeFrom,
  IZOOLOGIC_CONNECTION_HELP,
  IZOOLOGIC_CONNECTION_OPTIONS,
  izoologicFrom,
  threatqFrom,
} from '../../cli/connections.js';
import { parseIdList } from '../../cli/flags.js';
import { UsageError } from '../../cli/usage-error.js';
import { actionAuditFrom } from './action-audit.js';

/** Input fields of the actions → the CLI flags a user typed. */
const FLAG_OF: Record<string, string> = {
  caseId: '--case',
  caseIds: '--case',
  ids: '--case',
  object: '--threatq-object',
  idempotencyKey: '--idempotency-key',
  subject: '--subject',
  message: '--message',
  clientCode: '--client-code',
  remark: '--remark',
  toCaseType: '--to',
  fromCaseType: '--from',
  comment: '--comment',
};

export const THREATQ_OBJECT_OPTIONS: OptionSpec = {
  'threatq-object': { type: 'string' },
  'case-attribute': { type: 'string' },
  'case-type-attribute': { type: 'string' },
};

export const THREATQ_OBJECT_HELP: Array<[string, string]> = [
  [
    '--threatq-object <ref>',
    'run on a ThreatQ event, identity or incident (events:123): read the case from its attributes (one case per object), record the outcome as a comment',
  ],
  ['--case-attribute <name>', 'attribute holding the case id (default "iZoologic Case ID")'],
  ['--case-type-attribute <name>', 'attribute holding the case type (default "iZoologic Case Type")'],
];

/** Flags every case action takes: the case, the client code, the ThreatQ object, idempotency, the connection. */
export const CASE_ACTION_OPTIONS: OptionSpec = {
  case: { type: 'string', multiple: true },
  'client-code': { type: 'string' },
  'account-kind': { type: 'string' },
  'idempotency-key': { type: 'string' },
  ...THREATQ_OBJECT_OPTIONS,
  ...IZOOLOGIC_CONNECTION_OPTIONS,
};

/** Help lines of a case action: its case flag, its own flags, then the shared ones. */
export function caseActionHelp(caseHelp: string, own: Array<[string, string]>): Array<[string, string]> {
  return [
    ['--case <id>', caseHelp],
    ...own,
    ['--client-code <code>', 'client identifier (or $IZOOLOGIC_CLIENT_CODE)'],
    [
      '--account-kind <kind>',
      'client or partner (or $IZOOLOGIC_ACCOUNT_KIND, or izoologic.accountKind); client: --client-code is required',
    ],
    [
      '--idempotency-key <key>',
      'reuse to retry this same request safely: a key already recorded is never acted on again (default: a new key)',
    ],
    ...THREATQ_OBJECT_HELP,
    ...IZOOLOGIC_CONNECTION_HELP,
  ];
}

/** Turns input issues into one usage error that names each flag and its limit. */
export function issuesToUsageError(issues: readonly InputIssue[]): UsageError {
  const lines = issues.map((i) => {
    const field = i.field.replace(/\[\d+\]$/, '');
    const flag = FLAG_OF[field] ?? `--${field}`;
    const limit = i.limit !== undefined && !i.message.includes(String(i.limit)) ? ` (limit ${i.limit})` : '';
    return `${flag}: ${i.message}${limit}`;
  });
  return new UsageError(
    lines.length === 1 ? (lines[0] as string) : `invalid input:\n  ${lines.join('\n  ')}`,
  );
}

/** Every `--case` given (repeatable, each a case id or a comma-separated list). */
export function casesFrom(ctx: CommandContext): string[] {
  const given = ctx.values.case;
  const flags = Array.isArray(given) ? given : typeof given === 'string' ? [given] : [];
  return flags.filter((flag) => flag.trim() !== '').flatMap((flag) => parseIdList(flag, '--case'));
}

/** A usage error when neither --case nor --threatq-object says which case. */
export function requireCase(ctx: CommandContext): void {
  if (casesFrom(ctx).length > 0 || typeof ctx.values['threatq-object'] === 'string') return;
  throw new UsageError(
    '--case is required: the iZoologic case id (e.g. INC123456), or use --threatq-object events:<id>',
  );
}

/** The person running the CLI, for the comment and the audit trail. */
function cliActor(ctx: CommandContext) {
  let id = ctx.env.USER ?? ctx.env.LOGNAME ?? ctx.env.USERNAME;
  if (!id) {
    try {
      id = userInfo().username;
    } catch {
      id = 'unknown';
    }
  }
  return { via: 'cli', id };
}

/** The outcome line: the guide's action name, iZoologic's words, and every case acted on. */
function outcomeLine(result: CaseActionResult): string {
  const cases = `${result.caseIds.length === 1 ? 'case' : 'cases'} ${result.caseIds.join(', ')}`;
  const again = result.repeated
    ? ` (already done under idempotency key ${result.idempotencyKey}; not sent again)`
    : '';
  return result.ok
    ? `${result.label}: ${result.message} (${cases})${again}`
    : `${result.label} failed for ${cases}: ${result.message}${again}`;
}

/**
 * Runs one case action through `@tqalert/izoologic-actions`: run options checked first (exit 2, nothing sent),
 * then the action, the outcome printed with every case id, and with --threatq-object recorded on the object.
 */
export async function runCaseAction(
  ctx: CommandContext,
  action: CaseActionName,
  options: (clientCode: string | undefined) => CaseActionOptions,
): Promise<number> {
  requireCase(ctx);
  const redactor = ctx.redactor;
  const caseIds = casesFrom(ctx);
  const object = ctx.values['threatq-object'] as string | undefined;
  const runOptions = options(await clientCodeFrom(ctx, redactor));
  const accountKind = await accountKindFrom(ctx, redactor);
  const { CaseActions, newIdempotencyKey, validateCaseAction } = await import('@tqalert/izoologic-actions');
  // The run options first: a mistake is answered before any connection is set up.
  const issues = validateCaseAction({ action, caseIds, options: runOptions }, { accountKind });
  if (issues.length > 0) throw issuesToUsageError(issues);
  const threatq = object === undefined ? undefined : await threatqFrom(ctx, redactor);
  const izoologic = await izoologicFrom(ctx, redactor);
  const audit = await actionAuditFrom(ctx, redactor);
  let result: CaseActionResult;
  try {
    const actions = new CaseActions({
      izoologic,
      threatq,
      audit: audit.store,
      accountKind,
      ...(ctx.values['case-attribute'] ? { caseAttribute: String(ctx.values['case-attribute']) } : {}),
      ...(ctx.values['case-type-attribute']
        ? { caseTypeAttribute: String(ctx.values['case-type-attribute']) }
        : {}),
    });
    result = await actions.run({
      action,
      actor: cliActor(ctx),
      idempotencyKey: (ctx.values['idempotency-key'] as string | undefined) ?? newIdempotencyKey(),
      ...(object !== undefined ? { object } : {}),
      ...(caseIds.length > 0 ? { caseIds } : {}),
      options: runOptions,
    });
  } catch (error) {
    if (ValidationError.isInstance(error) && 'inputIssues' in error) {
      throw issuesToUsageError((error as unknown as { inputIssues: InputIssue[] }).inputIssues);
    }
    throw error;
  } finally {
    await izoologic.close();
    await audit.close();
  }
  const recorded = result.threatq;
  const code = result.ok && !recorded?.error ? 0 : 1;
  ctx.out.result({
    ok: code === 0,
    action: result.label,
    summary: result.ok ? result.message : `${result.label} failed`,
    ...(result.ok ? {} : { error: redactor.text(result.message) }),
    caseIds: result.caseIds,
    actor: result.actor,
    idempotencyKey: result.idempotencyKey,
    repeated: result.repeated,
    result: { message: result.message, caseIds: result.caseIds, toCaseType: result.toCaseType },
    input: runOptionsShown(runOptions),
    notes: result.notes,
    threatq: recorded,
  });
  for (const note of result.notes) ctx.out.note(`note: ${note}`);
  if (audit.note) ctx.out.note(`note: ${audit.note}`);
  if (result.ok) ctx.out.ok(outcomeLine(result));
  else ctx.out.error(outcomeLine(result));
  if (recorded?.comment && !recorded.error)
    ctx.out.line(`recorded on ThreatQ ${recorded.object} as a comment`);
  if (recorded?.error) ctx.out.error(`could not record the outcome on ThreatQ: ${recorded.error}`);
  return code;
}

function runOptionsShown(options: CaseActionOptions): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
