/**
 * Builds the alerts of the watchlist service. Ids are `watchlist:<collection>:<id>:<fingerprint>`, where the
 * fingerprint covers the new state of the changed fields and when ThreatQ says the object changed (`updated_at`):
 * the same change always gives the same id, so the worker's dedup keeps a repeat out; a further change gives a
 * new one, even one back to a state alerted before (a score 9 → 7 → 9 alerts three times, not twice).
 */
import { type AlertInput, type Change, NotificationTypes, severityFromScore } from '@tqalert/core';
import type { ThreatQObject } from '@tqalert/threatq-client';
import { changeSummary, changeTitle } from './describe-changes.js';
import { fingerprint } from './fingerprint.js';
import type { WatchedRef } from './object-key.js';
import type { WatchSnapshot } from './snapshot.js';
import { strictestTlp } from './tlp.js';

/** What every alert needs from the service. */
export interface AlertOrigin {
  /** The service id (`service` of the alert). */
  service: string;
  /** The ThreatQ UI link of an object. */
  link(collection: string, id: number): string;
}

function alertId(ref: WatchedRef, state: unknown): string {
  return `watchlist:${ref.collection}:${ref.id}:${fingerprint(state)}`;
}

/** The snapshot's state of each changed field (`attributes.X` counts as `attributes`), in a fixed order. */
function changedState(snapshot: WatchSnapshot, changes: readonly Change[]): Array<[string, unknown]> {
  const fields = [...new Set(changes.map((c) => c.field.replace(/^attributes\..*$/, 'attributes')))].sort();
  return fields.map((field) => [field, snapshot[field as keyof WatchSnapshot] ?? null]);
}

/** The parts of an alert that describe the object as it is now. */
function currentFacts(origin: AlertOrigin, object: ThreatQObject) {
  return {
    type: NotificationTypes.WATCHLIST,
    service: origin.service,
    object: {
      collection: object.collection,
      id: object.id,
      value: object.value,
      ...(object.type === undefined ? {} : { type: object.type }),
      link: origin.link(object.collection, object.id),
    },
    severity: severityFromScore(object.score),
    score: object.score,
    sources: object.sources.map((s) => s.name),
    tags: object.tags,
    tlp: strictestTlp(object.sources.map((s) => s.tlp)),
    occurredAt: object.updatedAt,
    fields: {
      ...(object.status === undefined ? {} : { Status: object.status }),
      ...caseFields(object),
    },
  } satisfies Partial<AlertInput>;
}

/** The iZoologic case attributes an event, incident or identity carries: what Slack's case buttons act on. */
const CASE_ATTRIBUTES = ['iZoologic Case ID', 'iZoologic Case Type'] as const;

function caseFields(object: ThreatQObject): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of CASE_ATTRIBUTES) {
    const value = object.attributes.find((a) => a.name === name)?.value?.trim();
    if (value) fields[name] = value;
  }
  return fields;
}

/** One alert for every change to one object. */
export function changeAlert(
  origin: AlertOrigin,
  object: ThreatQObject,
  snapshot: WatchSnapshot,
  changes: Change[],
): AlertInput {
  return {
    ...currentFacts(origin, object),
    id: alertId(object, [object.updatedAt, changedState(snapshot, changes)]),
    title: changeTitle(object.value, changes),
    summary: changeSummary(object.value, changes),
    changes,
  };
}

/** The alert for an object seen for the first time (only with `alertOnFirstSight`). */
export function firstSightAlert(
  origin: AlertOrigin,
  object: ThreatQObject,
  snapshot: WatchSnapshot,
): AlertInput {
  const score = object.score === null ? '' : ` (score ${object.score})`;
  return {
    ...currentFacts(origin, object),
    id: alertId(object, ['first-sight', snapshot]),
    title: `Now watching ${object.value}${score}`,
    summary: `${object.value} is on the watchlist; changes to it will be alerted from now on.`,
  };
}

/** The alert for an object no longer watched (only with `alertOnUnwatch`); it describes the last state seen. */
export function unwatchAlert(
  origin: AlertOrigin,
  ref: WatchedRef,
  snapshot: WatchSnapshot,
  now: Date,
): AlertInput {
  const score = snapshot.score ?? null;
  return {
    id: alertId(ref, ['unwatched', snapshot]),
    type: NotificationTypes.WATCHLIST,
    service: origin.service,
    object: {
      collection: ref.collection,
      id: ref.id,
      value: snapshot.value,
      link: origin.link(ref.collection, ref.id),
    },
    title: `No longer watching ${snapshot.value}`,
    summary: `${snapshot.value} left the watched set; its changes are no longer alerted.`,
    severity: 'info',
    score,
    sources: snapshot.sources ?? [],
    tags: snapshot.tags ?? [],
    occurredAt: now.toISOString(),
  };
}
