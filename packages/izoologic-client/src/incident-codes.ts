/** Incident type and threat level codes used by FetchIncidents filters and ReportNewIncident (public client). */
import { createCodeTable } from './code-table.js';

/** An incident type code. */
export type IncidentTypeId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 23 | 56;
/** A threat level code. */
export type ThreatLevelId = 10 | 11 | 12 | 13 | 14;

const incidentTypes = createCodeTable<IncidentTypeId>([
  [1, 'brand abuse'],
  [2, 'phishing'],
  [3, 'malware'],
  [4, 'pharming'],
  [5, 'smishing'],
  [6, 'vishing'],
  [7, 'mobile apps', 'mobile app'],
  [8, 'social media'],
  [9, 'other'],
  [23, 'email'],
  [56, 'executive'],
]);

const threatLevels = createCodeTable<ThreatLevelId>([
  [10, 'low', 'low threat'],
  [11, 'moderate', 'moderate threat'],
  [12, 'substantial', 'substantial threat'],
  [13, 'high', 'high threat'],
  [14, 'critical', 'critical threat'],
]);

/** Incident type names by code: `INCIDENT_TYPES[2] === 'phishing'`. */
export const INCIDENT_TYPES = incidentTypes.names;
/** Threat level names by code: `THREAT_LEVELS[14] === 'critical'`. */
export const THREAT_LEVELS = threatLevels.names;

/** The incident type for a code or a name (`2`, `'phishing'`, `'Mobile Apps'`), or `undefined`. */
export function parseIncidentType(input: number | string): IncidentTypeId | undefined {
  return incidentTypes.parse(input);
}

/** The threat level for a code or a name (`14`, `'critical'`, `'High Threat'`), or `undefined`. */
export function parseThreatLevel(input: number | string): ThreatLevelId | undefined {
  return threatLevels.parse(input);
}

/** "expected one of" lists for messages. */
export const incidentTypeChoices = (): string => incidentTypes.choices();
export const threatLevelChoices = (): string => threatLevels.choices();
