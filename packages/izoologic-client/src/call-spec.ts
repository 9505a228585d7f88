/** What one call to iZoologic is: where it goes, what it carries, and how safe it is to repeat. */

/**
 * `action`: changes something (a case action, a report); never repeated unless the request provably did not
 * reach the server. `read`: safe to repeat; 429 and 503 are retried honouring `Retry-After`.
 */
export type CallKind = 'action' | 'read';

/** One call. */
export interface CallSpec {
  /** The client method, for messages: `sendCaseMessage`. */
  action: string;
  /** Path under the base URL: `/api/ThreatManagement/MoveCase`. */
  path: string;
  /** An already encoded query string, without `?` (Send Case Message). */
  query?: string;
  /** The JSON body. */
  json?: unknown;
  kind: CallKind;
  /** iZOO codes that are an answer rather than a failure for this call (`iZOO2011`, "no data", for listings). */
  acceptedErrorCodes?: readonly string[];
}
