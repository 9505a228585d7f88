import { type Redactor, ValidationError } from '@tqalert/core';
import type { InputIssue, IZoologicClient } from '@tqalert/izoologic-client';
import type { ThreatQClient, ThreatQObject } from '@tqalert/threatq-client';
import type { CommandContext, OptionSpec } from '../../cli/command.js';
import {
  clientCodeFrom,
  IZOOLOGIC_CONNECTION_HELP,
  IZOOLOGIC_CONNECTION_OPTIONS,
  izoologicFrom,
  threatqFrom,
} from '../../cli/connections.js';
import { UsageError } from '../../cli/usage-error.js';

/** Input fields of the client's actions → the CLI flags a user typed. */
const FLAG_OF: Record<string, string> = {
  caseId: '--case',
  ids: '--case',
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
    'run on a ThreatQ event or identity (events:123): read the case from its attributes, record the outcome as a comment',
  ],
  ['--case-attribute <name>', 'attribute holding the case id (default "iZoologic Case ID")'],
  ['--case-type-attribute <name>', 'attribute holding the case type (default "iZoologic Case Type")'],
];

/** Flags every case action takes: the case, the client code, the ThreatQ object, the connection. */
export const CASE_ACTION_OPTIONS: OptionSpec = {
  case: { type: 'string' },
  'client-code': { type: 'string' },
  ...THREATQ_OBJECT_OPTIONS,
  ...IZOOLOGIC_CONNECTION_OPTIONS,
};

/** Help lines of a case action: its case flag, its own flags, then the shared ones. */
export function caseActionHelp(caseHelp: string, own: Array<[string, string]>): Array<[string, string]> {
  return [
    ['--case <id>', caseHelp],
    ...own,
    ['--client-code <code>', 'client identifier (or $IZOOLOGIC_CLIENT_CODE)'],
    ...THREATQ_OBJECT_HELP,
    ...IZOOLOGIC_CONNECTION_HELP,
  ];
}

/** Turns the client's input issues into one usage error that names each flag and its limit. */
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

export interface ObjectTarget {
  threatq: ThreatQClient;
  collection: string;
  id: number;
  object: ThreatQObject;
  caseId: string | undefined;
  caseType: string | undefined;
  caseTypeAttribute: string;
}

function parseObjectRef(text: string): { collection: string; id: number } {
  const match = /^([a-z_]+):(\d+)$/i.exec(text.trim());
  if (!match)
    throw new UsageError(
      `--threatq-object takes <collection>:<id>, e.g. events:123 or identity:7 (got "${text}")`,
    );
  const collection = (match[1] as string).toLowerCase();
  if (!['events', 'event', 'identity', 'identities'].includes(collection)) {
    throw new UsageError(
      `--threatq-object: the iZoologic operation runs on events and identities, not "${collection}"`,
    );
  }
  return {
    collection: collection === 'event' ? 'events' : collection === 'identities' ? 'identity' : collection,
    id: Number(match[2]),
  };
}

/** Reads the ThreatQ object named by --threatq-object, with its case id and type attributes. */
export async function readObjectTarget(
  ctx: CommandContext,
  redactor: Redactor,
): Promise<ObjectTarget | undefined> {
  const ref = ctx.values['threatq-object'];
  if (typeof ref !== 'string') return undefined;
  const { collection, id } = parseObjectRef(ref);
  const threatq = await threatqFrom(ctx, redactor);
  const object = await threatq.getObject(collection, id);
  const caseAttribute = (ctx.values['case-attribute'] as string | undefined) ?? 'iZoologic Case ID';
  const caseTypeAttribute =
    (ctx.values['case-type-attribute'] as string | undefined) ?? 'iZoologic Case Type';
  // The newest value wins when an attribute was recorded several times.
  const last = (name: string) =>
    object.attributes.filter((a) => a.name.toLowerCase() === name.toLowerCase()).at(-1)?.value;
  return {
    threatq,
    collection,
    id,
    object,
    caseId: last(caseAttribute),
    caseType: last(caseTypeAttribute),
    caseTypeAttribute,
  };
}

/** The case id(s): --case, else the ThreatQ object's attribute; a clear error when neither is there. */
export function caseFrom(ctx: CommandContext, target: ObjectTarget | undefined): string {
  const flag = ctx.values.case;
  if (typeof flag === 'string' && flag.trim() !== '') return flag.trim();
  if (target?.caseId) return target.caseId;
  if (target) {
    throw new UsageError(
      `--threatq-object ${target.collection}:${target.id} has no "${(ctx.values['case-attribute'] as string | undefined) ?? 'iZoologic Case ID'}" attribute: pass --case <id> or --case-attribute <name>`,
    );
  }
  throw new UsageError(
    '--case is required: the iZoologic case id (e.g. INC123456), or use --threatq-object events:<id>',
  );
}

export interface ActionOutcome {
  ok: boolean;
  summary: string;
  result?: unknown;
  error?: string;
}

/**
 * Runs one case action: validates first (exit 2, nothing sent), then calls iZoologic, prints the outcome, and with
 * --threatq-object records it on the object as a comment (success or failure), so ThreatQ keeps the history.
 */
export async function runCaseAction(
  ctx: CommandContext,
  spec: {
    action: string;
    validate: (input: never) => readonly InputIssue[];
    input: (target: ObjectTarget | undefined, clientCode: string | undefined) => Record<string, unknown>;
    call: (client: IZoologicClient, input: never) => Promise<{ message: string; caseIds: string[] }>;
    comment: (input: Record<string, unknown>, outcome: ActionOutcome) => string;
    after?: (target: ObjectTarget, result: Record<string, unknown>) => Promise<void>;
  },
): Promise<number> {
  const redactor = ctx.redactor;
  const target = await readObjectTarget(ctx, redactor);
  const input = spec.input(target, await clientCodeFrom(ctx, redactor));
  const issues = spec.validate(input as never);
  if (issues.length > 0) throw issuesToUsageError(issues);
  const client = await izoologicFrom(ctx, redactor);
  let outcome: ActionOutcome;
  let code: number;
  try {
    const result = await spec.call(client, input as never);
    outcome = { ok: true, summary: result.message, result };
    code = 0;
  } catch (error) {
    if (ValidationError.isInstance(error) && 'inputIssues' in error) {
      throw issuesToUsageError((error as unknown as { inputIssues: InputIssue[] }).inputIssues);
    }
    outcome = { ok: false, summary: `${spec.action} failed`, error: redactor.text((error as Error).message) };
    code = 1;
  } finally {
    await (client as { close?: () => Promise<void> }).close?.();
  }
  let recorded: { comment?: string; error?: string } | undefined;
  if (target) {
    try {
      const comment = spec.comment(input, outcome);
      await target.threatq.addComment(target.collection, target.id, comment);
      if (outcome.ok && spec.after) await spec.after(target, outcome.result as Record<string, unknown>);
      recorded = { comment };
    } catch (error) {
      recorded = { error: redactor.text((error as Error).message) };
      code = 1;
    }
  }
  ctx.out.result({
    ...outcome,
    ok: code === 0,
    action: spec.action,
    input: redactInput(input),
    threatq: recorded,
  });
  if (outcome.ok) ctx.out.ok(`${spec.action}: ${outcome.summary}`);
  else ctx.out.error(`${spec.action} failed: ${outcome.error}`);
  if (recorded?.comment) ctx.out.line(`recorded on ThreatQ ${target?.collection}:${target?.id} as a comment`);
  if (recorded?.error) ctx.out.error(`could not record the outcome on ThreatQ: ${recorded.error}`);
  return code;
}

function redactInput(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}
