/** The service's own filters on top of the data collection's: a minimum score and object type names. */
import type { ThreatQObject } from '@tqalert/threatq-client';

/** A predicate for `minScore` and `types` (type names compare without regard to case). */
export function matchFilter(options: {
  minScore?: number | undefined;
  types?: readonly string[] | undefined;
}): (object: ThreatQObject) => boolean {
  const { minScore } = options;
  const types = options.types === undefined ? undefined : new Set(options.types.map((t) => t.toLowerCase()));
  return (object) =>
    (minScore === undefined || (object.score !== null && object.score >= minScore)) &&
    (types === undefined || (object.type !== undefined && types.has(object.type.toLowerCase())));
}
