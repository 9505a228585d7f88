/** `CaseActions`: one iZoologic case action, run the same way from the CLI, the worker and Slack. */
import { randomUUID } from 'node:crypto';
import {
  type ActionActor,
  type ActionAuditEntry,
  type ActionAuditStore,
  type ActionStatus,
  describeError,
  type Logger,
  MemoryActionAudit,
  silentLogger,
} from '@tqalert/core';
import {
  type AccountKind,
  type AccountRules,
  describeCaseType,
  type InputIssue,
  type IZoologicClient,
  IZoologicError,
  IZoologicInputError,
} from '@tqalert/izoologic-client';
import type { ThreatQClient } from '@tqalert/threatq-client';
import { CASE_ACTIONS, type CaseActionName, isCaseActionName } from './action-names.js';
import { type CaseActionsOptions, resolveActionsOptions } from './actions-options.js';
import { allowedFromAnyType, lookUpCaseType, readCaseType } from './move-lookup.js';
import {
  type ObjectCase,
  type ObjectRef,
  objectKeyOf,
  parseObjectRef,
  readObjectCase,
} from './object-target.js';
import { outcomeComment } from './record-back.js';
import { type CaseActionOptions, checkRunOptions, clientInput } from './run-options.js';

/** The iZoologic client methods the actions use. */
export type ActionsIZoologic = Pick<
  IZoologicClient,
  'sendCaseMessage' | 'approveCaseTakedown' | 'markAsReviewed' | 'moveCase' | 'fetchIncidents'
> & { accountKind?: AccountKind };

/** The ThreatQ client methods the actions use. */
export type ActionsThreatQ = Pick<ThreatQClient, 'getObject' | 'addComment' | 'addAttribute'>;

/** One request to act. */
export interface CaseActionRequest {
  action: CaseActionName;
  /** Who asked: `{ via: 'cli', id: 'alice' }`, `{ via: 'slack', id: 'U123', name, email }`. */
  actor: ActionActor;
  /**
   * One key per intended action, the same on every retry or repeat of it (a Slack interaction's id, a CLI
   * `--idempotency-key`). A key seen before is never acted on again. See {@link newIdempotencyKey}.
   */
  idempotencyKey: string;
  /** The ThreatQ object to act on (`events:42`): its attributes name the case; the outcome is recorded on it. */
  object?: ObjectRef | string;
  /** The cases to act on, explicitly; they take precedence over the object's attribute. */
  caseIds?: readonly string[];
  options?: CaseActionOptions;
}

/** How an action went. Every field a surface needs to show it: cases, actor, iZoologic's words, the key. */
export interface CaseActionResult {
  ok: boolean;
  action: CaseActionName;
  /** As the guide names it: `Approve Case Takedown`. */
  label: string;
  /** Every case acted on. */
  caseIds: string[];
  actor: ActionActor;
  idempotencyKey: string;
  /** iZoologic's message on success; the error (with its hint) on failure. */
  message: string;
  /** True when the key was seen before: nothing was done now, and this is the first request's outcome. */
  repeated: boolean;
  status: ActionStatus;
  /** The error's code and whether the action may have taken effect anyway (a timeout, a 5xx). */
  error?: { code: string; maybeApplied: boolean };
  /** After a move: the case type the case now has. */
  toCaseType?: number;
  /** The ThreatQ object, when the action ran on one: what was recorded there, or why it could not be. */
  threatq?: { object: string; comment?: string; attribute?: { name: string; value: string }; error?: string };
  /** Things the user should know (a move the table could not be checked for, and why). */
  notes: string[];
}

/** A fresh idempotency key, for a surface that has no natural one. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

const PLACEHOLDER_CASE = 'CASE-FROM-OBJECT';

function refuse(action: CaseActionName, issues: InputIssue[]): never {
  throw new IZoologicInputError(action, issues);
}

/** Explicit case ids, trimmed and without repeats; a comma inside one is refused (a list is a list). */
function explicitIds(action: CaseActionName, ids: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const [index, raw] of (ids ?? []).entries()) {
    const id = typeof raw === 'string' ? raw.trim() : '';
    if (id === '' || /[,;\s]/.test(id)) {
      refuse(action, [
        {
          field: 'caseIds',
          message: `caseIds[${index}] ("${String(raw)}") is not one case id: give each case as its own item.`,
        },
      ]);
    }
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * The four case actions for every surface. Each run validates the run options against the guide's limits
 * before any request, reads the case from the ThreatQ object, enforces the move table (looking the case up in
 * iZoologic when its type is unknown), records the action under its idempotency key so it never acts twice,
 * runs it, and records the outcome on the object as a comment (and, for a move, the new case type).
 *
 * @example
 * const actions = new CaseActions({ izoologic, threatq, audit: store });
 * const result = await actions.run({
 *   action: 'approveCaseTakedown',
 *   actor: { via: 'cli', id: 'alice' },
 *   idempotencyKey: newIdempotencyKey(),
 *   object: 'events:42',
 *   options: { clientCode: 'ABC', remark: 'Confirmed phishing' },
 * });
 * console.log(result.ok, result.caseIds, result.message);
 */
export class CaseActions {
  readonly #izoologic: ActionsIZoologic;
  readonly #threatq: ActionsThreatQ | undefined;
  readonly #audit: ActionAuditStore;
  readonly #settings: ReturnType<typeof resolveActionsOptions>;
  readonly #logger: Logger;

  /** @throws ConfigError naming each wrong option. */
  constructor(options: CaseActionsOptions) {
    this.#settings = resolveActionsOptions(options);
    this.#izoologic = options.izoologic;
    this.#threatq = options.threatq;
    this.#audit = options.audit ?? new MemoryActionAudit();
    this.#logger = options.logger ?? silentLogger;
  }

  /** The account kind the client-code rule is checked for. */
  get accountKind(): AccountKind {
    return this.#settings.accountKind ?? this.#izoologic.accountKind ?? 'partner';
  }

  /**
   * Every problem with a request's run options (limits, required fields, the account's client code, the move
   * table when the current type is given), without any request. For a form that checks before submitting.
   */
  validate(request: Pick<CaseActionRequest, 'action' | 'caseIds' | 'options'>): InputIssue[] {
    return validateCaseAction(request, { accountKind: this.accountKind });
  }

  /**
   * Runs one action. Resolves with the outcome, failures of iZoologic included (`ok: false`); a repeated key
   * resolves with the first request's outcome and `repeated: true`, and nothing is sent.
   * @throws IZoologicInputError (nothing sent) for bad run options, a missing or ambiguous case, a move the guide's
   *   table forbids, or a client account without a client code.
   */
  async run(request: CaseActionRequest): Promise<CaseActionResult> {
    const action = request.action;
    if (!isCaseActionName(action)) refuse(action, [unknownAction(action)]);
    const key = typeof request.idempotencyKey === 'string' ? request.idempotencyKey.trim() : '';
    if (key === '') {
      refuse(action, [
        { field: 'idempotencyKey', message: 'idempotencyKey is required: one key per intended action.' },
      ]);
    }
    const options = { ...(request.options ?? {}) };
    const explicit = explicitIds(action, request.caseIds);
    const before = explicit.length > 0 ? explicit : [PLACEHOLDER_CASE];
    const early = this.#check(action, before, explicit.length > 0 ? undefined : before, options);
    if (early.length > 0) refuse(action, early);

    const ref = request.object === undefined ? undefined : parseObjectRef(request.object, action);
    const fromObject = ref === undefined ? undefined : await this.#readObject(ref, action);
    const caseIds = explicit.length > 0 ? explicit : fromObject?.caseId ? [fromObject.caseId] : [];
    this.#checkCases(action, caseIds, ref);
    const notes: string[] = [];
    if (action === 'moveCase' && options.fromCaseType === undefined) {
      const sameCase = explicit.length === 0 || explicit[0] === fromObject?.caseId;
      const known = await this.#currentType(
        caseIds[0] as string,
        options,
        sameCase ? fromObject : undefined,
        ref,
        notes,
      );
      if (known !== undefined) options.fromCaseType = known;
    }
    const issues = this.#check(action, caseIds, undefined, options);
    if (issues.length > 0) refuse(action, issues);

    const recorded = await this.#audit.recordAction({
      idempotencyKey: key,
      action,
      caseIds,
      actor: request.actor,
      objectKey: ref === undefined ? undefined : objectKeyOf(ref),
      input: auditInput(options),
      startedAt: this.#settings.now().toISOString(),
    });
    if (!recorded.created) return repeatedResult(recorded.entry);

    const result = await this.#act(action, caseIds, options, request.actor, key, notes);
    await this.#finish(result);
    if (ref !== undefined) result.threatq = await this.#recordBack(ref, result, options);
    this.#logger.info('iZoologic case action', {
      action,
      cases: caseIds.join(','),
      ok: result.ok,
      actor: `${request.actor.via}:${request.actor.id}`,
      key,
    });
    return result;
  }

  #check(
    action: CaseActionName,
    caseIds: string[],
    placeholder: string[] | undefined,
    options: CaseActionOptions,
  ): InputIssue[] {
    return checkOptionsFor(action, caseIds, placeholder !== undefined, options, {
      accountKind: this.accountKind,
    });
  }

  async #readObject(ref: ObjectRef, action: CaseActionName): Promise<ObjectCase> {
    if (this.#threatq === undefined) {
      refuse(action, [
        {
          field: 'object',
          message: `acting on ThreatQ object ${objectKeyOf(ref)} needs a ThreatQ client: pass threatq to new CaseActions() (the worker config's threatq: section).`,
        },
      ]);
    }
    const object = await this.#threatq.getObject(ref.collection, ref.id);
    return readObjectCase(object, ref, this.#settings, action);
  }

  #checkCases(action: CaseActionName, caseIds: string[], ref: ObjectRef | undefined): void {
    if (caseIds.length === 0) {
      refuse(action, [
        {
          field: 'caseIds',
          message:
            ref === undefined
              ? 'caseIds is required: the iZoologic case id (e.g. INC123456), or a ThreatQ object that carries one.'
              : `${objectKeyOf(ref)} has no "${this.#settings.caseAttribute}" attribute: name the case explicitly, or set caseAttribute to the attribute that holds it.`,
        },
      ]);
    }
    if (!CASE_ACTIONS[action].multiCase && caseIds.length > 1) {
      refuse(action, [
        {
          field: 'caseIds',
          message: `${CASE_ACTIONS[action].label} acts on one case; ${caseIds.length} were given (${caseIds.join(', ')}): run it once per case.`,
        },
      ]);
    }
  }

  /** The case's current type: the object's attribute, else iZoologic's listing (unless the target is always allowed). */
  async #currentType(
    caseId: string,
    options: CaseActionOptions,
    fromObject: ObjectCase | undefined,
    ref: ObjectRef | undefined,
    notes: string[],
  ): Promise<number | undefined> {
    const onObject = readCaseType(fromObject?.caseType);
    if (onObject !== undefined) return onObject;
    if (fromObject?.caseType !== undefined && ref !== undefined) {
      notes.push(
        `${objectKeyOf(ref)}'s "${this.#settings.caseTypeAttribute}" is "${fromObject.caseType}", which is not a case type; looked the case up in iZoologic instead.`,
      );
    }
    const to = readCaseType(options.toCaseType);
    if (to === undefined || allowedFromAnyType(to)) return undefined;
    const found = await lookUpCaseType(this.#izoologic, caseId, {
      days: this.#settings.lookupDays,
      now: this.#settings.now(),
    });
    if (found.note !== undefined) notes.push(found.note);
    if (found.caseType !== undefined) {
      notes.push(`case ${caseId} is ${describeCaseType(found.caseType)} (looked up in iZoologic).`);
    }
    return found.caseType;
  }

  async #act(
    action: CaseActionName,
    caseIds: string[],
    options: CaseActionOptions,
    actor: ActionActor,
    key: string,
    notes: string[],
  ): Promise<CaseActionResult> {
    const base = { action, label: CASE_ACTIONS[action].label, caseIds, actor, idempotencyKey: key, notes };
    const input = clientInput(action, caseIds, options) as never;
    try {
      const answer = await this.#izoologic[action](input);
      const moved = 'toCaseType' in answer ? { toCaseType: answer.toCaseType as number } : {};
      return { ...base, ok: true, status: 'succeeded', repeated: false, message: answer.message, ...moved };
    } catch (error) {
      const code = IZoologicError.isInstance(error) ? error.code : (error as { code?: string }).code;
      return {
        ...base,
        ok: false,
        status: 'failed',
        repeated: false,
        message: describeError(error),
        error: {
          code: typeof code === 'string' ? code : 'UNEXPECTED',
          maybeApplied: IZoologicError.isInstance(error) ? error.maybeApplied : true,
        },
      };
    }
  }

  async #finish(result: CaseActionResult): Promise<void> {
    try {
      await this.#audit.finishAction(result.idempotencyKey, {
        status: result.ok ? 'succeeded' : 'failed',
        message: result.message,
        result: {
          ...(result.toCaseType !== undefined ? { toCaseType: result.toCaseType } : {}),
          ...(result.error ? { error: result.error } : {}),
        },
        finishedAt: this.#settings.now().toISOString(),
      });
    } catch (error) {
      // The action ran; failing the caller now would invite a retry. The key is recorded, so none will act.
      this.#logger.error('could not record the outcome of an iZoologic action in the audit trail', {
        key: result.idempotencyKey,
        error: describeError(error),
      });
    }
  }

  async #recordBack(
    ref: ObjectRef,
    result: CaseActionResult,
    options: CaseActionOptions,
  ): Promise<NonNullable<CaseActionResult['threatq']>> {
    const object = objectKeyOf(ref);
    const threatq = this.#threatq as ActionsThreatQ;
    const comment = outcomeComment({ ...result, options, message: result.message });
    try {
      await threatq.addComment(ref.collection, ref.id, comment);
      if (!result.ok || result.toCaseType === undefined) return { object, comment };
      const attribute = { name: this.#settings.caseTypeAttribute, value: String(result.toCaseType) };
      await threatq.addAttribute(ref.collection, ref.id, attribute.name, attribute.value);
      return { object, comment, attribute };
    } catch (error) {
      return { object, comment, error: describeError(error) };
    }
  }
}

/** The run options' issues; with the case still to be read from an object, only the options are judged. */
function checkOptionsFor(
  action: CaseActionName,
  caseIds: string[],
  caseStillUnknown: boolean,
  options: CaseActionOptions,
  rules: AccountRules,
): InputIssue[] {
  const issues = checkRunOptions(action, caseIds, options, rules);
  return caseStillUnknown ? issues.filter((issue) => !/^(caseId|ids)\b/.test(issue.field)) : issues;
}

/**
 * Every problem with a request's run options (limits, required fields, the account's client code, the move table
 * when the current type is given), without any request and without any client: a CLI or a form checks with it
 * before connecting.
 */
export function validateCaseAction(
  request: Pick<CaseActionRequest, 'action' | 'caseIds' | 'options'>,
  rules: AccountRules = {},
): InputIssue[] {
  if (!isCaseActionName(request.action)) return [unknownAction(request.action)];
  const known = request.caseIds?.length ? [...request.caseIds] : undefined;
  return checkOptionsFor(
    request.action,
    known ?? [PLACEHOLDER_CASE],
    known === undefined,
    request.options ?? {},
    rules,
  );
}

function unknownAction(action: unknown): InputIssue {
  return {
    field: 'action',
    message: `action ${JSON.stringify(action)} is not a case action: use one of ${Object.keys(CASE_ACTIONS).join(', ')}.`,
  };
}

/** The run options worth keeping in the audit trail (all of them: none is secret). */
function auditInput(options: CaseActionOptions): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** A repeat of a key: the first request's outcome, and nothing done now. */
function repeatedResult(entry: ActionAuditEntry): CaseActionResult {
  const action = entry.action as CaseActionName;
  const running =
    `this request (idempotency key ${entry.idempotencyKey}) was already received at ${entry.startedAt} ` +
    'and has not finished (it is still running, or was interrupted): it is not run again. Check the case in iZoologic.';
  const toCaseType = entry.result?.toCaseType;
  const error = entry.result?.error as CaseActionResult['error'] | undefined;
  return {
    ok: entry.status === 'succeeded',
    action,
    label: CASE_ACTIONS[action]?.label ?? entry.action,
    caseIds: entry.caseIds,
    actor: entry.actor,
    idempotencyKey: entry.idempotencyKey,
    message: entry.message ?? running,
    repeated: true,
    status: entry.status,
    notes: [],
    ...(typeof toCaseType === 'number' ? { toCaseType } : {}),
    ...(error ? { error } : {}),
    ...(entry.objectKey ? { threatq: { object: entry.objectKey } } : {}),
  };
}
