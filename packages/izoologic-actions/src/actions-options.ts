/** The options of `new CaseActions()`, checked, with their defaults. */
import { type ActionAuditStore, ConfigError, type ConfigIssue, type Logger } from '@tqalert/core';
import type { AccountKind } from '@tqalert/izoologic-client';
import type { ActionsIZoologic, ActionsThreatQ } from './case-actions.js';

/** Options of `new CaseActions()`. */
export interface CaseActionsOptions {
  /** An `IZoologicClient`. */
  izoologic: ActionsIZoologic;
  /** A `ThreatQClient`, to act on ThreatQ objects and record outcomes on them. */
  threatq?: ActionsThreatQ | undefined;
  /**
   * Where actions are recorded under their idempotency keys: a Store with the audit trail (the SQLite store), or
   * a `MemoryActionAudit` (the default: repeats are caught only within this process).
   */
  audit?: ActionAuditStore | undefined;
  /** The object attribute holding the case id. Default `iZoologic Case ID`. */
  caseAttribute?: string | undefined;
  /** The object attribute holding the case type. Default `iZoologic Case Type`. */
  caseTypeAttribute?: string | undefined;
  /** `client` or `partner`. Default: the client's own `accountKind` (itself `partner` by default). */
  accountKind?: AccountKind | undefined;
  /** How many days back a Move Case looks a case up when its current type is unknown. Default 90, at most 366. */
  lookupDays?: number | undefined;
  /** The clock. Default: the real one. */
  now?: (() => Date) | undefined;
  /** Where outcomes are logged (never secrets). Default: silent. */
  logger?: Logger | undefined;
}

/** The settings in effect. */
export interface ActionsSettings {
  caseAttribute: string;
  caseTypeAttribute: string;
  accountKind: AccountKind | undefined;
  lookupDays: number;
  now: () => Date;
}

function attribute(value: unknown, name: string, fallback: string, issues: ConfigIssue[]): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  issues.push({ path: name, message: `${name} must be an attribute name such as "${fallback}"` });
  return fallback;
}

/** Checks the options; one ConfigError lists every problem. */
export function resolveActionsOptions(options: CaseActionsOptions): ActionsSettings {
  const issues: ConfigIssue[] = [];
  const izoo = options?.izoologic as Partial<ActionsIZoologic> | undefined;
  if (typeof izoo?.markAsReviewed !== 'function' || typeof izoo.fetchIncidents !== 'function') {
    issues.push({
      path: 'izoologic',
      message:
        "izoologic must be an IZoologicClient from @tqalert/izoologic-client (the config's izoologic: section)",
    });
  }
  const tq = options?.threatq as Partial<ActionsThreatQ> | undefined;
  if (tq !== undefined && typeof tq.addComment !== 'function') {
    issues.push({ path: 'threatq', message: 'threatq must be a ThreatQClient from @tqalert/threatq-client' });
  }
  const kind = options?.accountKind;
  if (kind !== undefined && kind !== 'client' && kind !== 'partner') {
    issues.push({ path: 'accountKind', message: 'accountKind must be "client" or "partner"' });
  }
  const days = options?.lookupDays ?? 90;
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    issues.push({ path: 'lookupDays', message: 'lookupDays must be a whole number of days from 1 to 366' });
  }
  const settings: ActionsSettings = {
    caseAttribute: attribute(options?.caseAttribute, 'caseAttribute', 'iZoologic Case ID', issues),
    caseTypeAttribute: attribute(
      options?.caseTypeAttribute,
      'caseTypeAttribute',
      'iZoologic Case Type',
      issues,
    ),
    accountKind: kind,
    lookupDays: days,
    now: options?.now ?? (() => new Date()),
  };
  if (issues.length > 0) throw new ConfigError(issues, { source: 'CaseActions options' });
  return settings;
}
