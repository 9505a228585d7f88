/**
 * The move table, always enforced (issue 12.2): when the caller does not know a case's current type and the
 * ThreatQ object does not say, the case is looked up in iZoologic's incident listing before moving. Only when it
 * cannot be found there (or the listing does not carry its type) is the server left to decide, and the result
 * says so.
 */
import { describeError } from '@tqalert/core';
import {
  allowedMoveTargets,
  type CaseTypeId,
  type IZoologicClient,
  parseCaseType,
} from '@tqalert/izoologic-client';

const DAY_MS = 86_400_000;
const EVERY_SOURCE: readonly CaseTypeId[] = [1, 2, 3, 4, 5, 6];

/** True when every type the table has a row for may move to `to`: then the current type does not matter. */
export function allowedFromAnyType(to: CaseTypeId): boolean {
  return EVERY_SOURCE.every((from) => allowedMoveTargets(from)?.includes(to) ?? false);
}

/** What the lookup found: the current type, or a note saying why the server decides. */
export interface LookupOutcome {
  caseType?: CaseTypeId;
  note?: string;
}

/** Looks `caseId` up in the incidents created in the last `days` days, newest first. */
export async function lookUpCaseType(
  izoologic: Pick<IZoologicClient, 'fetchIncidents'>,
  caseId: string,
  window: { days: number; now: Date },
): Promise<LookupOutcome> {
  const from = new Date(window.now.getTime() - window.days * DAY_MS);
  const serverDecides = 'the move table could not be checked here, so iZoologic decides';
  try {
    for await (const incident of izoologic.fetchIncidents({ from, to: window.now })) {
      if (incident.id !== caseId) continue;
      if (incident.caseType !== null) return { caseType: incident.caseType };
      return {
        note: `case ${caseId} is in iZoologic's listing, but without its case type: ${serverDecides}.`,
      };
    }
  } catch (error) {
    return {
      note: `case ${caseId} could not be looked up in iZoologic (${describeError(error)}): ${serverDecides}.`,
    };
  }
  return {
    note: `case ${caseId} was not found among iZoologic's incidents of the last ${window.days} days: ${serverDecides}.`,
  };
}

/** The case type from a text such as `6`, `Incident` or `Brand Abuse`; `undefined` when it names none. */
export function readCaseType(value: number | string | undefined): CaseTypeId | undefined {
  if (value === undefined) return undefined;
  return parseCaseType(typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);
}
