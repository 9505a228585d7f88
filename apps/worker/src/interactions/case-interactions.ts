/**
 * What a click does. `handle()` answers at once with what Slack's acknowledgement must carry (nothing, or a
 * dialog's inline `response_action: errors`) and the work to do after it: opening the dialog, checking who
 * clicked, running the action through `@tqalert/izoologic-actions`, and showing the outcome. The acknowledgement
 * never waits for Slack or iZoologic, so it is within Slack's 3 seconds.
 *
 * A click acts at most once: the idempotency key is the clicked message, the action and the button's attempt
 * number, so a double click, a second person's click on the same button, and a re-delivered envelope all get
 * the first outcome back instead of acting again.
 */
import { type ActionActor, type ActionAuditStore, describeError, type Logger } from '@tqalert/core';
import {
  CASE_ACTIONS_BLOCK_ID,
  type CaseButtonAction,
  type CaseButtonValue,
  caseActionOf,
  parseCaseButtonValue,
} from '@tqalert/formatter-slack';
import {
  CASE_ACTIONS,
  type CaseActionRequest,
  type CaseActionResult,
  type CaseActions,
  describeActor,
} from '@tqalert/izoologic-actions';
import { IZoologicInputError } from '@tqalert/izoologic-client';
import type { Metrics } from '../ops/metrics.js';
import type { AllowList } from './allow-list.js';
import {
  CASE_MODAL_CALLBACK,
  caseModal,
  type ModalContext,
  modalErrors,
  readModalContext,
  readModalOptions,
} from './case-modal.js';
import type { InteractionPayload as Payload } from './interaction-payload.js';
import { MessageStore } from './message-store.js';
import { updatedBlocks } from './outcome-message.js';
import { type InteractionsSlack, tellUser, type UpdateRetry, updateMessageWithRetry } from './slack-calls.js';
import { identify, type PayloadUser } from './slack-identity.js';

/** What Slack's acknowledgement carries, and the work that follows it. */
export interface Handled {
  /** The acknowledgement's payload; `undefined` for an empty one. */
  ack?: Record<string, unknown> | undefined;
  /** Runs after the acknowledgement; never throws. */
  after?: (() => Promise<void>) | undefined;
}

/** Outcomes counted in `tqalert_interactions_total`. */
export const INTERACTION_OUTCOMES = [
  'succeeded',
  'failed',
  'repeated',
  'refused',
  'denied',
  'error',
] as const;

/** What {@link CaseInteractions} works with. */
export interface CaseInteractionsDeps {
  slack: InteractionsSlack;
  actions: Pick<CaseActions, 'run' | 'validate' | 'accountKind'>;
  audit: ActionAuditStore;
  allow: AllowList;
  metrics: Metrics;
  logger: Logger;
  updateRetry: UpdateRetry;
  /** Scrubs secrets (config values) from what is shown in Slack. Default: nothing to scrub. */
  redact?: (text: string) => string;
  now?: () => Date;
}

const SEEN_LIMIT = 2_000;

/** The case interactions of one worker. */
export class CaseInteractions {
  readonly #messages = new MessageStore();
  readonly #seen = new Set<string>();
  readonly #now: () => Date;

  constructor(private readonly deps: CaseInteractionsDeps) {
    this.#now = deps.now ?? (() => new Date());
  }

  /** Handles one interaction payload (`block_actions`, `view_submission`); anything else is acknowledged and left. */
  handle(raw: unknown): Handled {
    const payload = (raw ?? {}) as Payload;
    try {
      if (payload?.type === 'block_actions') return this.#click(payload);
      if (payload?.type === 'view_submission' && payload.view?.callback_id === CASE_MODAL_CALLBACK) {
        return this.#submit(payload);
      }
    } catch (error) {
      this.deps.logger.error('could not read a Slack interaction', { error: describeError(error) });
    }
    return {};
  }

  /** True the first time `key` is seen: a re-delivered envelope does its work once. */
  #first(key: string): boolean {
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value as string);
    return true;
  }

  #click(payload: Payload): Handled {
    const click = payload.actions?.[0];
    const action = caseActionOf(click?.action_id);
    const target = parseCaseButtonValue(click?.value);
    const channel = payload.container?.channel_id ?? payload.channel?.id;
    const messageTs = payload.container?.message_ts ?? payload.message?.ts;
    if (!action || !target || typeof channel !== 'string' || typeof messageTs !== 'string') return {};
    if (!this.#first(`click|${payload.user?.id}|${click?.action_ts}|${click?.action_id}`)) return {};
    if (Array.isArray(payload.message?.blocks)) {
      this.#messages.remember(channel, messageTs, {
        text: String(payload.message.text ?? ''),
        blocks: payload.message.blocks,
      });
    }
    const context: ModalContext = {
      action,
      channel,
      messageTs,
      blockId: click?.block_id ?? CASE_ACTIONS_BLOCK_ID,
      team: payload.team?.id ?? payload.user?.team_id,
      value: String(click?.value),
    };
    return {
      after: () =>
        this.#guard(action, async () => {
          const user = payload.user as PayloadUser;
          const actor = await this.#actorFor(action, user);
          if (!(await this.deps.allow.permits(action, actor))) {
            await this.#deny(action, target, actor, channel, `${click?.action_ts}`);
            return;
          }
          const clientCodeRequired = this.deps.actions.accountKind === 'client';
          try {
            await this.deps.slack.views.open({
              trigger_id: String(payload.trigger_id),
              view: caseModal(context, target, clientCodeRequired) as never,
            });
          } catch (error) {
            // Slack's trigger lasts 3 seconds; a slow Slack or a slow allow-list lookup can outlive it.
            await this.#tell(
              { channel, user: actor.id },
              `:warning: The ${CASE_ACTIONS[action].label} dialog could not be opened (${describeError(error)}): nothing was done; click the button again.`,
            );
            throw error;
          }
        }),
    };
  }

  #submit(payload: Payload): Handled {
    const context = readModalContext(payload.view?.private_metadata);
    const target = context ? parseCaseButtonValue(context.value) : undefined;
    if (!context || !target) return {};
    const { action } = context;
    const options = readModalOptions(action, payload.view?.state?.values);
    const issues = this.deps.actions.validate({ action, caseIds: [target.caseId], options });
    if (issues.length > 0) {
      this.deps.metrics.inc('tqalert_interactions_total', { action, outcome: 'refused' });
      return { ack: modalErrors(action, issues) };
    }
    if (!this.#first(`submit|${payload.view?.id}|${payload.view?.hash}`)) return {};
    return {
      after: () =>
        this.#guard(action, async () => {
          const actor = await identify(this.deps.slack, payload.user as PayloadUser);
          if (!(await this.deps.allow.permits(action, actor))) {
            await this.#deny(action, target, actor, context.channel, `${payload.view?.id}`);
            return;
          }
          await this.#run(context, target, actor, options);
        }),
    };
  }

  /** An ephemeral reply to the clicker, with any secret scrubbed (an upstream error may quote a config value). */
  #tell(where: { channel: string; user: string }, text: string): Promise<void> {
    return tellUser(this.deps.slack, where, this.deps.redact?.(text) ?? text, this.deps.logger);
  }

  /** Runs `work` so that no failure escapes into the receiver: an unexpected one is counted and logged. */
  async #guard(action: CaseButtonAction, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.metrics.inc('tqalert_interactions_total', { action, outcome: 'error' });
      this.deps.logger.error('a Slack case action could not be handled', {
        action,
        error: describeError(error),
      });
    }
  }

  /** The clicker; their email is asked for only when an allow-list names emails. */
  async #actorFor(action: CaseButtonAction, user: PayloadUser): Promise<ActionActor> {
    if (this.deps.allow.needsEmail(action)) return identify(this.deps.slack, user);
    return {
      via: 'slack',
      id: user.id,
      ...(user.name || user.username ? { name: user.name ?? user.username } : {}),
    };
  }

  async #deny(
    action: CaseButtonAction,
    target: CaseButtonValue,
    actor: ActionActor,
    channel: string,
    attempt: string,
  ): Promise<void> {
    const label = CASE_ACTIONS[action].label;
    this.deps.metrics.inc('tqalert_interactions_total', { action, outcome: 'denied' });
    this.deps.logger.warn('a Slack user not in interactions.allow tried a case action', {
      action,
      case: target.caseId,
      user: actor.id,
    });
    const key = `slack-denied:${actor.id}:${attempt}`;
    const now = this.#now().toISOString();
    const recorded = await this.deps.audit.recordAction({
      idempotencyKey: key,
      action,
      caseIds: [target.caseId],
      actor,
      objectKey: target.object,
      input: {},
      startedAt: now,
    });
    if (!recorded.created) return;
    await this.deps.audit.finishAction(key, {
      status: 'failed',
      message: `not allowed: ${describeActor(actor)} is not in interactions.allow.${action}; nothing was sent`,
      result: { denied: true },
      finishedAt: now,
    });
    await this.#tell(
      { channel, user: actor.id },
      `:no_entry: You are not allowed to run *${label}* from Slack, so nothing was done on case ${target.caseId}. ` +
        `An admin can add your Slack user id (${actor.id}), your email or one of your user groups to interactions.allow.${action} in the worker config.`,
    );
  }

  async #run(
    context: ModalContext,
    target: CaseButtonValue,
    actor: ActionActor,
    options: CaseActionRequest['options'],
  ): Promise<void> {
    const { action, channel } = context;
    const where = { channel, user: actor.id };
    const request: CaseActionRequest = {
      action,
      actor,
      idempotencyKey: idempotencyKeyOf(context, target),
      // The ThreatQ object is the freshest word on the case; without one the button's case id is acted on.
      ...(target.object ? { object: target.object } : { caseIds: [target.caseId] }),
      options: {
        ...options,
        ...(action === 'moveCase' && !target.object && target.caseType !== undefined
          ? { fromCaseType: target.caseType }
          : {}),
      },
    };
    let result: CaseActionResult;
    try {
      result = await this.deps.actions.run(request);
    } catch (error) {
      const refused = IZoologicInputError.isInstance(error);
      this.deps.metrics.inc('tqalert_interactions_total', { action, outcome: refused ? 'refused' : 'error' });
      const what = refused ? 'was refused before anything was sent' : 'could not be run';
      await this.#tell(
        where,
        `:warning: ${CASE_ACTIONS[action].label} on case ${target.caseId} ${what}: ${describeError(error)}`,
      );
      return;
    }
    if (result.repeated) {
      this.deps.metrics.inc('tqalert_interactions_total', { action, outcome: 'repeated' });
      await this.#tell(where, repeatedText(result));
      // The first request's message update may have failed for good: showing its outcome again is harmless.
      if (result.ok) await this.#show(context, target, result);
      return;
    }
    this.deps.metrics.inc('tqalert_interactions_total', {
      action,
      outcome: result.ok ? 'succeeded' : 'failed',
    });
    if (!result.ok) {
      const recorded = result.threatq?.comment && !result.threatq.error ? ' It is recorded in ThreatQ.' : '';
      await this.#tell(
        where,
        `:x: ${result.label} on case ${result.caseIds.join(', ')} failed: ${result.message}${recorded} You can try again from the message.`,
      );
    }
    await this.#show(context, target, result);
  }

  /** Updates the clicked message with the outcome (retried while Slack is down), or says it in its thread. */
  async #show(context: ModalContext, target: CaseButtonValue, result: CaseActionResult): Promise<void> {
    const { channel, messageTs } = context;
    const message = this.#messages.get(channel, messageTs);
    const blocks =
      message && updatedBlocks(message.blocks, { result, target, blockId: context.blockId, at: this.#now() });
    if (message && blocks) {
      const ok = await updateMessageWithRetry(
        this.deps.slack,
        { channel, ts: messageTs, text: message.text, blocks },
        this.deps.updateRetry,
        this.deps.logger,
      );
      if (ok) this.#messages.remember(channel, messageTs, { text: message.text, blocks });
      else this.deps.metrics.inc('tqalert_interaction_update_failures_total', { action: result.action });
      return;
    }
    if (!result.ok) return;
    const line = updatedBlocks([], { result, target, blockId: context.blockId, at: this.#now() })?.[0];
    try {
      await this.deps.slack.chat.postMessage({
        channel,
        thread_ts: messageTs,
        text: `${result.label}: ${result.message}`,
        blocks: line ? ([line] as never) : undefined,
      });
    } catch (error) {
      this.deps.metrics.inc('tqalert_interaction_update_failures_total', { action: result.action });
      this.deps.logger.warn('could not post a case action outcome in Slack', { error: describeError(error) });
    }
  }
}

/** One key per button as shown: the message, the action, the case and the button's attempt number. */
export function idempotencyKeyOf(context: ModalContext, target: CaseButtonValue): string {
  return [
    'slack',
    context.team ?? '-',
    context.channel,
    context.messageTs,
    context.action,
    target.caseId,
    target.attempt,
  ].join(':');
}

function repeatedText(result: CaseActionResult): string {
  const by = describeActor(result.actor);
  if (result.status === 'started') {
    return `:hourglass: ${result.label} on case ${result.caseIds.join(', ')} was already asked for by ${by} and is still running: it is not run again.`;
  }
  const how = result.ok ? 'done' : 'tried, and failed';
  return `:information_source: ${result.label} on case ${result.caseIds.join(', ')} was already ${how} by ${by}: ${result.message} Nothing was sent again.`;
}
