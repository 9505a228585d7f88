/**
 * The alert for one new or updated match. Its id, `data-collection:<hash>:<collection>:<id>:<updatedAt>`, is the
 * same every time that version of the match is read, so re-reading the overlap window never sends it twice, while
 * an update (a new `updated_at`) is a new alert.
 */
import { type AlertInput, NotificationTypes, severityFromScore, type Tlp } from '@tqalert/core';
import type { ThreatQObject, ThreatQSource } from '@tqalert/threatq-client';

const TLP_ORDER: readonly Tlp[] = ['CLEAR', 'WHITE', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** The most restrictive TLP among the sources' markings, when any is known. */
function strictestTlp(sources: readonly ThreatQSource[]): Tlp | undefined {
  const ranks = sources.map((source) => TLP_ORDER.indexOf((source.tlp ?? '').toUpperCase() as Tlp));
  return TLP_ORDER[Math.max(-1, ...ranks)];
}

/** Where the alert comes from. */
export interface MatchOrigin {
  service: string;
  hash: string;
  /** How the collection is named in titles: the `name` option, or the hash. */
  name: string;
  link(collection: string, id: number): string;
}

/** The alert for `object`, a `new` or `updated` match. */
export function matchAlert(origin: MatchOrigin, object: ThreatQObject, isNew: boolean): AlertInput {
  const kind = isNew ? 'new' : 'updated';
  const what = object.type ?? 'Object';
  const score = object.score === null ? '' : ` (score ${object.score})`;
  return {
    id: `data-collection:${origin.hash}:${object.collection}:${object.id}:${object.updatedAt}`,
    type: NotificationTypes.DATA_COLLECTION,
    service: origin.service,
    object: {
      collection: object.collection,
      id: object.id,
      value: object.value,
      ...(object.type === undefined ? {} : { type: object.type }),
      link: origin.link(object.collection, object.id),
    },
    title: `${isNew ? 'New' : 'Updated'} match in data collection ${origin.name}: ${object.value}`,
    summary: isNew
      ? `${what} ${object.value}${score} was created at ${object.createdAt} and matches data collection ${origin.name}.`
      : `${what} ${object.value}${score}, a match of data collection ${origin.name}, was updated at ${object.updatedAt}.`,
    severity: severityFromScore(object.score),
    score: object.score,
    sources: object.sources.map((s) => s.name),
    tags: object.tags,
    tlp: strictestTlp(object.sources),
    occurredAt: object.updatedAt,
    fields: {
      'Data collection': origin.name,
      Match: kind,
      ...(object.status === undefined ? {} : { Status: object.status }),
      Created: object.createdAt,
    },
  };
}
