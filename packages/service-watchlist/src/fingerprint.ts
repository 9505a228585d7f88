/** Short, stable fingerprints for alert ids: the same state always gives the same text. */
import { createHash } from 'node:crypto';

/** 16 hex characters of SHA-256 over the JSON of `state` (build it with keys in a fixed order). */
export function fingerprint(state: unknown): string {
  return createHash('sha256').update(JSON.stringify(state)).digest('hex').slice(0, 16);
}
