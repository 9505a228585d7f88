/**
 * What the service remembers of each case between polls (kept in the cursor): the fields whose changes are
 * alerted. A case type or review state the listing does not carry is `null` and never counts as a change.
 */
import type { IZoologicIncident } from '@tqalert/izoologic-client';

/** One case as last seen. */
export interface CaseSnapshot {
  status: string | null;
  caseType: number | null;
  reviewed: boolean | null;
}

/** The cursor: the version and every case seen in the window. */
export interface CasesCursor {
  v: 1;
  cases: Record<string, CaseSnapshot>;
}

/** The snapshot of a listed case. */
export function snapshotOf(incident: IZoologicIncident): CaseSnapshot {
  return { status: incident.status, caseType: incident.caseType, reviewed: incident.reviewed };
}

/** The stored cursor, or `undefined` when there is none or it is not one this version wrote. */
export function readCursor(cursor: unknown): CasesCursor | undefined {
  const candidate = cursor as Partial<CasesCursor> | undefined;
  if (candidate?.v !== 1 || typeof candidate.cases !== 'object' || candidate.cases === null) return undefined;
  return candidate as CasesCursor;
}

/** A field that changed, before → after. */
export interface CaseChange {
  field: keyof CaseSnapshot;
  before: CaseSnapshot[keyof CaseSnapshot];
  after: CaseSnapshot[keyof CaseSnapshot];
}

/** What changed from `before` to `after`; a field now unknown (`null`) is not a change. */
export function diffCase(before: CaseSnapshot, after: CaseSnapshot): CaseChange[] {
  const fields: Array<keyof CaseSnapshot> = ['status', 'caseType', 'reviewed'];
  return fields
    .filter((field) => after[field] !== null && before[field] !== after[field])
    .map((field) => ({ field, before: before[field], after: after[field] }));
}
