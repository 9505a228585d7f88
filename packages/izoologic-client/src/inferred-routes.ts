/**
 * INFERRED. The operation guide and the public client leave these open; each is this project's decision
 * (reference `izoologic-api.md`, "[inferred]"). They live together in this one module so that someone with a
 * real iZoologic account can correct them in one place. Everything else follows the guide or the public client.
 */

/**
 * INFERRED: Move Case's path. The guide prints the Send Case Message URL under Move Case by mistake (its body,
 * `{clientCode, caseID, moveToCaseType, comment}`, is Move Case's own); the path follows the other actions'
 * `ThreatManagement/<ActionName>` pattern.
 */
export const MOVE_CASE_PATH = '/api/ThreatManagement/MoveCase';

/** INFERRED: several case ids in `ids` are sent comma-separated in one string. */
export const IDS_SEPARATOR = ',';

/**
 * INFERRED: where a FetchIncidents item may carry the case type, the client code and the review state. The
 * public client lists none of them; when an item has them they are read (in this order of names), otherwise they
 * stay `null` and a Move Case falls back to letting the server decide.
 */
export const LISTING_FIELDS = {
  caseType: ['caseType', 'caseTypeId', 'CaseType'],
  clientCode: ['clientCode', 'clientcode', 'ClientCode'],
  reviewed: ['reviewed', 'isReviewed', 'Reviewed'],
} as const;

/**
 * INFERRED: which actions need a client code from a client (not partner) account. The guide says so for Mark
 * As Reviewed; for the other three the client code is their "validation and access control" (Move Case:
 * "authentication and authorization"), so a client account without it would be refused anyway.
 */
export const CLIENT_CODE_REQUIRED_FOR_CLIENT_ACCOUNTS = [
  'sendCaseMessage',
  'approveCaseTakedown',
  'markAsReviewed',
  'moveCase',
] as const;
