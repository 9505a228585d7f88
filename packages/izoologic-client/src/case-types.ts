/**
 * iZoologic case types and the Move Case table. Ids 1-6 and 9 come from the public client, 8 and 10 from the
 * operation guide. The table of allowed moves is the guide's; "9 is never a target" is this project's rule.
 */
import { createCodeTable } from './code-table.js';

/** A case type id. */
export type CaseTypeId = 1 | 2 | 3 | 4 | 5 | 6 | 8 | 9 | 10;

const table = createCodeTable<CaseTypeId>([
  [1, 'Domain Monitoring', 'domain'],
  [2, 'Brand Abuse Monitoring', 'brand-abuse', 'brand'],
  [3, 'Mobile App Monitoring', 'mobile-app', 'mobile-apps', 'mobile'],
  [4, 'Social Media Monitoring', 'social-media', 'social'],
  [5, 'Executive Monitoring', 'executive'],
  [6, 'Incident'],
  [8, 'AuthorisedList', 'authorised-list', 'authorized-list', 'authorised', 'authorized'],
  [9, 'Reported Incident', 'reported'],
  [10, 'Whitelist', 'allowlist', 'allow-list'],
]);

/** Case type names by id: `CASE_TYPES[6] === 'Incident'`. */
export const CASE_TYPES = table.names;

/** The monitoring case types (1-5). */
export const MONITORING_CASE_TYPES: readonly CaseTypeId[] = [1, 2, 3, 4, 5];

/**
 * The case type for an id or a name, case and punctuation ignored: `6`, `'6'`, `'incident'`, `'whitelist'`,
 * `'authorised-list'`, `'domain'`, `'brand-abuse'`, `'Social Media Monitoring'`. `undefined` when unknown.
 */
export function parseCaseType(input: number | string): CaseTypeId | undefined {
  return table.parse(input);
}

/** `Incident(6)`: how messages name a case type. */
export function describeCaseType(id: CaseTypeId): string {
  return table.describe(id);
}

/** Every case type with its name, for "expected one of" messages. */
export function caseTypeChoices(): string {
  return table.choices();
}

/**
 * Where a case of type `from` may be moved, per the guide: monitoring (1-5) → 8, 10, 6; incident (6) → 1-5, 8,
 * 10. `undefined` when the guide's table has no row for `from` (8, 9, 10): then only the server can say.
 */
export function allowedMoveTargets(from: CaseTypeId): readonly CaseTypeId[] | undefined {
  if (MONITORING_CASE_TYPES.includes(from)) return [8, 10, 6];
  if (from === 6) return [...MONITORING_CASE_TYPES, 8, 10];
  return undefined;
}
