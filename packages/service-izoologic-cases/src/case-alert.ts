/**
 * The alerts of the cases service, and the one place that reads them back. An alert about a case carries what
 * acting on it needs (issue "Act from the alert"): the case id, its type, its client code and the ThreatQ object
 * when known, as labelled `fields` a person can read and `readCaseAlert()` can parse.
 */
import type { Alert, AlertInput, Change, Severity } from '@tqalert/core';
import { describeCaseType, type IZoologicIncident, parseCaseType } from '@tqalert/izoologic-client';
import type { CaseChange } from './case-snapshot.js';

/** The notification type of case alerts. */
export const IZOOLOGIC_CASE = 'IZOOLOGIC_CASE';

/** The `object.collection` of a case alert: the object is the iZoologic case itself. */
export const CASE_COLLECTION = 'izoologic-cases';

/** The labels of the fields a case alert carries. */
export const CASE_FIELDS = {
  caseId: 'Case ID',
  caseType: 'Case type',
  clientCode: 'Client code',
  status: 'Status',
  review: 'Review state',
  incidentType: 'Incident type',
  brand: 'Brand',
  target: 'Target URL',
  detected: 'Detected',
  created: 'Created',
  closed: 'Closed',
  threatqObject: 'ThreatQ object',
} as const;

// iZoologic's threat levels (10 low … 14 critical) onto TQ Alert's severities.
const SEVERITY: Record<string, Severity> = {
  low: 'low',
  moderate: 'medium',
  substantial: 'high',
  high: 'high',
  critical: 'critical',
};

/** Everything a case alert is built from. */
export interface CaseFacts {
  service: string;
  incident: IZoologicIncident;
  clientCode: string | null;
  /** `events:42`, when the service knows which ThreatQ object stands for the case. */
  threatqObject: string | undefined;
  caseUrl: string | undefined;
}

function describeType(caseType: number | null): string {
  const known = caseType === null ? undefined : parseCaseType(caseType);
  return known === undefined ? 'unknown' : describeCaseType(known);
}

function fieldsOf(facts: CaseFacts): Record<string, string> {
  const { incident } = facts;
  const entries: Array<[string, string | null | undefined]> = [
    [CASE_FIELDS.caseId, incident.id],
    [CASE_FIELDS.caseType, describeType(incident.caseType)],
    [CASE_FIELDS.clientCode, facts.clientCode],
    [CASE_FIELDS.status, incident.status],
    [CASE_FIELDS.review, incident.reviewed === null ? null : incident.reviewed ? 'reviewed' : 'not reviewed'],
    [CASE_FIELDS.incidentType, incident.incidentType],
    [CASE_FIELDS.brand, incident.brand],
    [CASE_FIELDS.target, incident.url],
    [CASE_FIELDS.detected, incident.detectionDate?.toISOString()],
    [CASE_FIELDS.created, incident.createdOn.toISOString()],
    [CASE_FIELDS.closed, incident.closedOn?.toISOString()],
    [CASE_FIELDS.threatqObject, facts.threatqObject],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => Boolean(entry[1])));
}

function common(facts: CaseFacts) {
  const { incident } = facts;
  const link = facts.caseUrl?.replaceAll('{caseId}', encodeURIComponent(incident.id));
  return {
    type: IZOOLOGIC_CASE,
    service: facts.service,
    object: {
      collection: CASE_COLLECTION,
      id: incident.id,
      value: incident.url ?? incident.brand ?? incident.id,
      type: describeType(incident.caseType),
      ...(link ? { link } : {}),
    },
    severity: SEVERITY[(incident.threatType ?? '').toLowerCase()] ?? 'info',
    sources: incident.detectedBy ? [incident.detectedBy] : [],
    tags: incident.incidentType ? [incident.incidentType] : [],
    fields: fieldsOf(facts),
  } satisfies Partial<AlertInput>;
}

function about(incident: IZoologicIncident): string {
  const what = incident.incidentType ? `${incident.incidentType} case` : 'case';
  const brand = incident.brand ? ` against ${incident.brand}` : '';
  return `${what} ${incident.id}${brand}`;
}

/** The alert for a case seen for the first time. Its id is the case's: a new case is alerted once. */
export function newCaseAlert(facts: CaseFacts): AlertInput {
  const { incident } = facts;
  return {
    ...common(facts),
    id: `${facts.service}:${incident.id}:new`,
    title: `New iZoologic ${about(incident)}`,
    summary: `${incident.url ?? 'no URL'} (${incident.status ?? 'no status'}, ${describeType(incident.caseType)})`,
    occurredAt: incident.createdOn.toISOString(),
  };
}

function show(field: CaseChange['field'], value: CaseChange['before']): string {
  if (value === null) return 'unknown';
  if (field === 'caseType') return describeType(value as number);
  if (field === 'reviewed') return value ? 'reviewed' : 'not reviewed';
  return String(value);
}

const NAMES: Record<CaseChange['field'], string> = {
  status: 'status',
  caseType: 'case type',
  reviewed: 'review state',
};

/** The alert for changes to a known case; its id covers the case and the new state, so a change is alerted once. */
export function changedCaseAlert(facts: CaseFacts, changes: CaseChange[], now: Date): AlertInput {
  const { incident } = facts;
  const shown: Change[] = changes.map((c) => ({
    field: NAMES[c.field],
    before: show(c.field, c.before),
    after: show(c.field, c.after),
  }));
  const state = changes.map((c) => `${c.field}=${String(c.before)}>${String(c.after)}`).join(',');
  return {
    ...common(facts),
    id: `${facts.service}:${incident.id}:${state}`,
    title: `iZoologic case ${incident.id}: ${shown.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ')}`,
    summary: `${about(incident)}: ${incident.url ?? 'no URL'}`,
    changes: shown,
    occurredAt: (incident.closedOn && incident.status === 'Closed' ? incident.closedOn : now).toISOString(),
  };
}

/** What acting on a case needs, read back from a case alert; `undefined` for any other alert. */
export interface CaseAlertFacts {
  caseId: string;
  /** The case type id, when the alert names a known one. */
  caseType: number | undefined;
  clientCode: string | undefined;
  /** `events:42`, when known. */
  threatqObject: string | undefined;
}

/** Reads the case facts of an alert made by this service (the Slack buttons use it). */
export function readCaseAlert(alert: Pick<Alert, 'type' | 'fields'>): CaseAlertFacts | undefined {
  if (alert.type !== IZOOLOGIC_CASE) return undefined;
  const text = (label: string) => {
    const value = alert.fields[label];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const caseId = text(CASE_FIELDS.caseId);
  if (caseId === undefined) return undefined;
  const typeId = /\((\d+)\)$/.exec(text(CASE_FIELDS.caseType) ?? '')?.[1];
  return {
    caseId,
    caseType: typeId === undefined ? undefined : Number(typeId),
    clientCode: text(CASE_FIELDS.clientCode),
    threatqObject: text(CASE_FIELDS.threatqObject),
  };
}
