/** The published limits, in one place. Lengths count UTF-16 code units, as .NET (the API's platform) does. */
export const LIMITS = {
  /** Send Case Message subject (guide). */
  subject: 120,
  /** Send Case Message text (guide). */
  message: 2_500,
  /** ReportNewIncident `incidenturl` (public client). */
  incidentUrl: 1_000,
  /** ReportNewIncident `comment` (public client). */
  comment: 2_500,
  /** ReportNewIncident `executivename` (public client). */
  reportExecutiveName: 2_500,
  /** FetchIncidents `executivename` filter (public client). */
  filterExecutiveName: 100,
  /** FetchIncidents window, in whole UTC days (public client). */
  windowDays: 31,
} as const;
