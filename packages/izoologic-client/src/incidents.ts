/** Listing incidents (FetchIncidents: day windows, paging, "no data") and reporting one (ReportNewIncident). */
import type { Logger, Redactor } from '@tqalert/core';
import { z } from 'zod';
import type { CallSpec } from './call-spec.js';
import { type CaseTypeId, parseCaseType } from './case-types.js';
import { splitIntoDayWindows } from './day-windows.js';
import type { Envelope } from './envelope.js';
import { IZoologicError } from './errors.js';
import type { IncidentFilters, ReportNewIncidentBody } from './incident-inputs.js';
import { LISTING_FIELDS } from './inferred-routes.js';
import { parseResult } from './result-shape.js';

/** What the listing and action functions need from the client: a call with a valid token, and scrubbing. */
export interface Api {
  call(spec: CallSpec): Promise<Envelope>;
  redactor: Redactor;
}

const FETCH_PATH = '/api/ThreatManagement/FetchIncidents';
const REPORT_PATH = '/api/ThreatManagement/ReportNewIncident';
/** "No data found": an empty window, not a failure (public client). */
const NO_DATA = 'iZOO2011';

const unixSeconds = z
  .union([z.string().regex(/^\d+$/, 'expected Unix seconds'), z.number().int()])
  .transform((value) => new Date(Number(value) * 1000));
// Blank while a case is open.
const optionalUnixSeconds = z
  .union([z.literal(''), z.null(), unixSeconds])
  .optional()
  .transform((value) => (value instanceof Date ? value : null));
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

const IncidentSchema = z.object({
  incidentID: z.union([z.string().min(1), z.number()]).transform(String),
  incidentType: text,
  subIncidentType: text,
  url: text,
  status: text,
  statusCode: z
    .number()
    .nullish()
    .transform((value) => value ?? null),
  brand: text,
  threatType: text,
  detectionDate: optionalUnixSeconds,
  createdOn: unixSeconds,
  closedOn: optionalUnixSeconds,
  detectedBy: text,
});

const PageSchema = z.object({
  nextPage: z.string().nullish(),
  incidents: z.array(z.record(z.string(), z.unknown())).nullish(),
});

/** One incident from FetchIncidents. Dates are parsed; `raw` keeps every field as iZoologic sent it. */
export interface IZoologicIncident {
  /** `incidentID`. */
  id: string;
  /** Incident type as text (`Phishing`). */
  incidentType: string | null;
  subIncidentType: string | null;
  url: string | null;
  status: string | null;
  /** 15 Open, 16 Closed, 17 Waiting. */
  statusCode: number | null;
  brand: string | null;
  threatType: string | null;
  detectedBy: string | null;
  createdOn: Date;
  detectionDate: Date | null;
  /** `null` while the case is open. */
  closedOn: Date | null;
  /** The case type, when the item carries one (an inferred field: see `inferred-routes.ts`); else `null`. */
  caseType: CaseTypeId | null;
  /** The client code, when the item carries one (inferred); else `null`. */
  clientCode: string | null;
  /** The review state, when the item carries one (inferred); else `null`. */
  reviewed: boolean | null;
  raw: Readonly<Record<string, unknown>>;
}

/** The first of `names` present in `raw`. */
function firstOf(raw: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names)
    if (raw[name] !== undefined && raw[name] !== null && raw[name] !== '') return raw[name];
  return undefined;
}

/** The inferred extra fields, each `null` when absent or unreadable (never a reason to reject the item). */
function inferredFields(raw: Record<string, unknown>) {
  const type = firstOf(raw, LISTING_FIELDS.caseType);
  const code = firstOf(raw, LISTING_FIELDS.clientCode);
  const reviewed = firstOf(raw, LISTING_FIELDS.reviewed);
  return {
    caseType: typeof type === 'number' || typeof type === 'string' ? (parseCaseType(type) ?? null) : null,
    clientCode: typeof code === 'string' ? code : null,
    reviewed: typeof reviewed === 'boolean' ? reviewed : null,
  };
}

function toIncident(raw: Record<string, unknown>, spec: CallSpec, where: string): IZoologicIncident {
  const { incidentID, ...fields } = parseResult(IncidentSchema, raw, spec, where);
  return { id: incidentID, ...fields, ...inferredFields(raw), raw };
}

/**
 * Every incident created between `from` and `to` (inclusive), newest first: the range is sent as windows of
 * at most 31 whole UTC days (newest window first), each followed through its paging tokens, and the results
 * trimmed to the exact instants.
 */
export async function* listIncidents(
  api: Api,
  range: { from: Date; to: Date; filters: IncidentFilters },
  logger: Logger,
): AsyncGenerator<IZoologicIncident, void, undefined> {
  for (const window of splitIntoDayWindows(range.from, range.to).reverse()) {
    const seen = new Set<string>();
    let token: string | undefined;
    let page = 0;
    do {
      page += 1;
      const spec: CallSpec = {
        action: 'fetchIncidents',
        path: FETCH_PATH,
        kind: 'read',
        acceptedErrorCodes: [NO_DATA],
        json: {
          fromdate: window.fromdate,
          todate: window.todate,
          ...range.filters,
          ...(token ? { token } : {}),
        },
      };
      const envelope = await api.call(spec);
      if (!envelope.success) break; // iZOO2011: nothing in this window.
      const result = parseResult(PageSchema, envelope.result, spec);
      const items = result.incidents ?? [];
      logger.debug('iZoologic incidents page', {
        from: window.start.toISOString(),
        days: window.days,
        page,
        count: items.length,
      });
      for (const [index, raw] of items.entries()) {
        const incident = toIncident(raw, spec, `result.incidents[${index}]`);
        const at = incident.createdOn.getTime();
        if (at >= range.from.getTime() && at <= range.to.getTime()) yield incident;
      }
      token = result.nextPage ? result.nextPage : undefined;
      if (token !== undefined && seen.has(token)) {
        throw new IZoologicError({
          code: 'IZOOLOGIC_BAD_RESPONSE',
          status: 200,
          request: `POST ${FETCH_PATH}`,
          message: `iZoologic returned the same paging token twice for the window starting ${window.start.toISOString()}; stopped to avoid an endless loop.`,
        });
      }
      if (token !== undefined) seen.add(token);
    } while (token !== undefined);
  }
}

const ReportedSchema = z.object({
  reportedIncidentId: z.union([z.string().min(1), z.number()]).transform(String),
  statusCode: z.number().nullish(),
  statusDescription: z.string().nullish(),
  caseType: z.number().nullish(),
  caseTypeDescription: z.string().nullish(),
});

/** What ReportNewIncident answered. */
export interface ReportedIncident {
  /** `reportedIncidentId`. */
  id: string;
  statusCode: number | null;
  statusDescription: string | null;
  /** 9 (Reported Incident) for every new report. */
  caseType: number | null;
  caseTypeDescription: string | null;
}

/** Reports a new incident. Not retried: a report that may have arrived is never sent twice. */
export async function reportIncident(api: Api, body: ReportNewIncidentBody): Promise<ReportedIncident> {
  const spec: CallSpec = { action: 'reportNewIncident', path: REPORT_PATH, kind: 'action', json: body };
  const result = parseResult(ReportedSchema, (await api.call(spec)).result, spec);
  return {
    id: result.reportedIncidentId,
    statusCode: result.statusCode ?? null,
    statusDescription: result.statusDescription ?? null,
    caseType: result.caseType ?? null,
    caseTypeDescription: result.caseTypeDescription ?? null,
  };
}
