/** FetchIncidents and ReportNewIncident inputs: types, checks before any request, and the lowercase-keyed bodies. */
import { type CaseTypeId, MONITORING_CASE_TYPES, parseCaseType } from './case-types.js';
import {
  type IncidentTypeId,
  incidentTypeChoices,
  parseIncidentType,
  parseThreatLevel,
  type ThreatLevelId,
  threatLevelChoices,
} from './incident-codes.js';
import {
  asRecord,
  type Checked,
  defined,
  type InputIssue,
  IssueCollector,
  issuesOf,
} from './input-issues.js';
import { LIMITS } from './limits.js';

/** Input of `fetchIncidents()`. */
export interface FetchIncidentsInput {
  /** Start of the range (inclusive). */
  from: Date;
  /** End of the range (inclusive). */
  to: Date;
  /** Incident type code or name (`2`, `'phishing'`). */
  incidentType?: number | string;
  /** Threat level code or name (`14`, `'critical'`). */
  threatType?: number | string;
  brandCode?: string;
  /** Up to 100 characters. */
  executiveName?: string;
  clientRefId?: string;
  clientCode?: string;
}

/** FetchIncidents filters, as sent. */
export interface IncidentFilters {
  incidenttype?: IncidentTypeId;
  threattype?: ThreatLevelId;
  brandcode?: string;
  executivename?: string;
  clientrefid?: string;
  clientcode?: string;
}

/** Input of `reportNewIncident()`. */
export interface ReportNewIncidentInput {
  /** The URL, email address or target of the incident; up to 1,000 characters. */
  incidentUrl: string;
  /** Incident type code or name (`2`, `'phishing'`). */
  incidentType: number | string;
  brandCode: string;
  /** Threat level code or name; iZoologic assumes moderate when left out. */
  threatType?: number | string;
  /** Intended case type, 1-6 (id or name). Every new report starts as Reported Incident (9) regardless. */
  caseType?: number | string;
  /** Up to 2,500 characters. */
  comment?: string;
  /** Up to 2,500 characters. */
  executiveName?: string;
  clientCode?: string;
}

/** ReportNewIncident body, as sent. */
export interface ReportNewIncidentBody {
  incidenturl: string;
  incidenttype: IncidentTypeId;
  brandcode: string;
  threattype?: ThreatLevelId;
  casetype?: CaseTypeId;
  comment?: string;
  executivename?: string;
  clientcode?: string;
}

/** A code given as a number or a name, parsed with `parse`; an issue listing `choices` when it names nothing. */
function readCode<Id>(
  value: unknown,
  field: string,
  parse: (input: number | string) => Id | undefined,
  choices: () => string,
  issues: IssueCollector,
): Id | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'number' || typeof value === 'string' ? parse(value) : undefined;
  if (parsed === undefined)
    issues.add(field, `${field} ${JSON.stringify(value)} is not known. Use one of: ${choices()}.`);
  return parsed;
}

function readDate(value: unknown, field: string, issues: IssueCollector): Date | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  issues.add(
    field,
    `${field} must be a valid Date, got ${value instanceof Date ? 'an invalid Date' : typeof value}.`,
  );
  return undefined;
}

/** Checks `fetchIncidents()` input. */
export function checkFetchIncidents(
  input: FetchIncidentsInput,
): Checked<{ from: Date; to: Date; filters: IncidentFilters }> {
  const fields = asRecord(input);
  const issues = new IssueCollector();
  const from = readDate(fields.from, 'from', issues);
  const to = readDate(fields.to, 'to', issues);
  if (from !== undefined && to !== undefined && from.getTime() > to.getTime()) {
    issues.add('to', `to (${to.toISOString()}) is before from (${from.toISOString()}); swap them.`);
  }
  const filters: IncidentFilters = {
    incidenttype: readCode(
      fields.incidentType,
      'incidentType',
      parseIncidentType,
      incidentTypeChoices,
      issues,
    ),
    threattype: readCode(fields.threatType, 'threatType', parseThreatLevel, threatLevelChoices, issues),
    brandcode: issues.optionalText(fields.brandCode, 'brandCode'),
    executivename: issues.optionalText(fields.executiveName, 'executiveName', LIMITS.filterExecutiveName),
    clientrefid: issues.optionalText(fields.clientRefId, 'clientRefId'),
    clientcode: issues.optionalText(fields.clientCode, 'clientCode'),
  };
  return issues.finish(() => ({ from: from as Date, to: to as Date, filters: defined(filters) }));
}

const REPORTABLE_CASE_TYPES: readonly CaseTypeId[] = [...MONITORING_CASE_TYPES, 6];

/** Checks `reportNewIncident()` input and builds the body. */
export function checkReportNewIncident(input: ReportNewIncidentInput): Checked<ReportNewIncidentBody> {
  const fields = asRecord(input);
  const issues = new IssueCollector();
  const url = issues.requiredText(
    fields.incidentUrl,
    'incidentUrl',
    'the URL, email or target reported',
    LIMITS.incidentUrl,
  );
  if (fields.incidentType === undefined) {
    issues.add('incidentType', `incidentType is required: one of ${incidentTypeChoices()}.`);
  }
  const incidentType = readCode(
    fields.incidentType,
    'incidentType',
    parseIncidentType,
    incidentTypeChoices,
    issues,
  );
  const brandCode = issues.requiredText(
    fields.brandCode,
    'brandCode',
    'the code of the brand the incident targets',
  );
  const caseType = readCode(
    fields.caseType,
    'caseType',
    parseCaseType,
    () => '1-5 (monitoring) or 6 (incident)',
    issues,
  );
  if (caseType !== undefined && !REPORTABLE_CASE_TYPES.includes(caseType)) {
    issues.add('caseType', `caseType must be a monitoring type (1-5) or Incident (6), got ${caseType}.`);
  }
  const body: ReportNewIncidentBody = {
    incidenturl: url ?? '',
    incidenttype: incidentType as IncidentTypeId,
    brandcode: brandCode ?? '',
    threattype: readCode(fields.threatType, 'threatType', parseThreatLevel, threatLevelChoices, issues),
    casetype: caseType,
    comment: issues.optionalText(fields.comment, 'comment', LIMITS.comment),
    executivename: issues.optionalText(fields.executiveName, 'executiveName', LIMITS.reportExecutiveName),
    clientcode: issues.optionalText(fields.clientCode, 'clientCode'),
  };
  return issues.finish(() => defined(body));
}

/** Every problem with a `fetchIncidents()` input. Sends nothing. */
export function validateFetchIncidents(input: FetchIncidentsInput): InputIssue[] {
  return issuesOf(checkFetchIncidents(input));
}

/** Every problem with a `reportNewIncident()` input. Sends nothing. */
export function validateReportNewIncident(input: ReportNewIncidentInput): InputIssue[] {
  return issuesOf(checkReportNewIncident(input));
}
