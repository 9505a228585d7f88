/**
 * # The action audit trail
 *
 * Actions a person starts from TQ Alert (an iZoologic case action from the CLI or a Slack button) are not
 * idempotent upstream: a retried or doubled request must never act twice. Each action is recorded under an
 * idempotency key BEFORE it runs; a second request with the same key gets the first one's entry back instead of
 * acting. The finished entry keeps who asked, on which cases, and what came back, for `tqalert actions list`.
 *
 * A Store may implement these methods (they are optional on {@link Store}); {@link MemoryActionAudit} is the
 * in-memory implementation for tests, library use and a CLI run without a config.
 */
import { ValidationError } from './errors.js';
import type { Store } from './store.js';

/** Who asked for an action. */
export interface ActionActor {
  /** Where the request came from: `cli`, `slack`, or another surface's name. */
  via: string;
  /** The surface's id for the person: an OS user name, a Slack user id (`U123`). */
  id: string;
  name?: string | undefined;
  email?: string | undefined;
}

/** Where an action stands: started (and maybe still running), done, or failed. */
export type ActionStatus = 'started' | 'succeeded' | 'failed';

/** One recorded action. Times are ISO 8601 in UTC. */
export interface ActionAuditEntry {
  /** The key that makes a retried or doubled request act once. */
  idempotencyKey: string;
  /** The action's name, e.g. `approveCaseTakedown`. */
  action: string;
  /** Every case the action was (or is being) sent for. */
  caseIds: string[];
  actor: ActionActor;
  /** The ThreatQ object the action ran on, when it ran on one: `events:42`. */
  objectKey?: string | undefined;
  /** The action's run options as given (never secrets). */
  input: Record<string, unknown>;
  status: ActionStatus;
  /** iZoologic's message on success; the error (with its hint) on failure. */
  message?: string | undefined;
  /** Anything else the outcome carries (the case type after a move, whether it may have been applied). */
  result?: Record<string, unknown> | undefined;
  startedAt: string;
  finishedAt?: string | undefined;
}

/** What {@link ActionAuditStore.recordAction} takes. */
export type NewActionAuditEntry = Omit<ActionAuditEntry, 'status' | 'message' | 'result' | 'finishedAt'>;

/** What {@link ActionAuditStore.finishAction} takes. */
export interface ActionOutcomeInput {
  status: Exclude<ActionStatus, 'started'>;
  message: string;
  result?: Record<string, unknown> | undefined;
  finishedAt: string;
}

/** Filters of {@link ActionAuditStore.listActions}; newest first. */
export interface ActionAuditFilter {
  limit?: number;
  action?: string;
  caseId?: string;
  status?: ActionStatus;
}

/** The audit trail's methods; a Store that has them keeps the trail durably. */
export interface ActionAuditStore {
  /**
   * Records an action as `started` under its idempotency key, unless the key was seen: then nothing is written
   * and the existing entry comes back with `created: false`, and the caller must not act.
   */
  recordAction(entry: NewActionAuditEntry): Promise<{ entry: ActionAuditEntry; created: boolean }>;
  /** Records how the action ended. */
  finishAction(idempotencyKey: string, outcome: ActionOutcomeInput): Promise<ActionAuditEntry>;
  /** Recorded actions, newest first. */
  listActions(filter?: ActionAuditFilter): Promise<ActionAuditEntry[]>;
}

declare module './store.js' {
  // Optional on every Store: a store without them simply keeps no audit trail (see isActionAuditStore).
  interface Store {
    recordAction?(entry: NewActionAuditEntry): Promise<{ entry: ActionAuditEntry; created: boolean }>;
    finishAction?(idempotencyKey: string, outcome: ActionOutcomeInput): Promise<ActionAuditEntry>;
    listActions?(filter?: ActionAuditFilter): Promise<ActionAuditEntry[]>;
  }
}

/** True when `store` keeps the action audit trail. */
export function isActionAuditStore(store: Store | object | undefined): store is ActionAuditStore {
  const candidate = store as Partial<ActionAuditStore> | undefined;
  return (
    typeof candidate?.recordAction === 'function' &&
    typeof candidate.finishAction === 'function' &&
    typeof candidate.listActions === 'function'
  );
}

/** Checks a new entry's key; an empty key would make every request the same one. */
export function checkNewActionEntry(entry: NewActionAuditEntry): void {
  if (typeof entry.idempotencyKey !== 'string' || entry.idempotencyKey.trim() === '') {
    throw new ValidationError(
      'recordAction: idempotencyKey must be non-empty text (one key per intended action, reused on retries)',
      [{ path: 'idempotencyKey', message: 'required' }],
    );
  }
}

/** True when `entry` passes `filter`. */
export function matchesActionFilter(entry: ActionAuditEntry, filter: ActionAuditFilter): boolean {
  return (
    (filter.action === undefined || entry.action === filter.action) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.caseId === undefined || entry.caseIds.includes(filter.caseId))
  );
}

/** The "no such key" error of {@link ActionAuditStore.finishAction}. */
export function unknownActionKey(idempotencyKey: string): ValidationError {
  return new ValidationError(
    `finishAction: no action was recorded under idempotency key "${idempotencyKey}": call recordAction first`,
    [{ path: 'idempotencyKey', message: 'unknown' }],
  );
}

/** The audit trail in memory. **Not durable**: gone when the process exits. */
export class MemoryActionAudit implements ActionAuditStore {
  private readonly entries = new Map<string, ActionAuditEntry>();

  async recordAction(entry: NewActionAuditEntry): Promise<{ entry: ActionAuditEntry; created: boolean }> {
    checkNewActionEntry(entry);
    const existing = this.entries.get(entry.idempotencyKey);
    if (existing) return { entry: structuredClone(existing), created: false };
    const created: ActionAuditEntry = { ...structuredClone(entry), status: 'started' };
    this.entries.set(entry.idempotencyKey, created);
    return { entry: structuredClone(created), created: true };
  }

  async finishAction(idempotencyKey: string, outcome: ActionOutcomeInput): Promise<ActionAuditEntry> {
    const entry = this.entries.get(idempotencyKey);
    if (!entry) throw unknownActionKey(idempotencyKey);
    Object.assign(entry, structuredClone(outcome));
    return structuredClone(entry);
  }

  async listActions(filter: ActionAuditFilter = {}): Promise<ActionAuditEntry[]> {
    // Newest first; among equal start times, the later recorded first (sort is stable).
    const all = [...this.entries.values()].reverse().filter((entry) => matchesActionFilter(entry, filter));
    all.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    return structuredClone(all.slice(0, filter.limit ?? 50));
  }
}
